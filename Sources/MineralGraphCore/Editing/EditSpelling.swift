/// How values are spelled inside edit selectors, for messages that quote an edit.
enum EditSpelling {
    /// `text` in double quotes (with `\"` and `\\` escaped) when it contains one of
    /// `specials`, is empty, or starts or ends with a space; otherwise as it is.
    static func quoted(_ text: String, ifContaining specials: String) -> String {
        let needsQuotes = text.isEmpty || text.first == " " || text.last == " " || text.first == "\""
            || text.contains { specials.contains($0) } || text.contains("->")
        guard needsQuotes else { return text }
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
