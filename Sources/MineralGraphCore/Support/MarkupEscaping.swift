/// The one escaper for XML, HTML and SVG text (HTML reports, their SVG charts and Graphviz
/// HTML-like labels), with one control-character policy, so that no name, note or number
/// from a graph can change a document's structure or make it ill-formed.
public enum MarkupEscaping {
    /// Text for element content and attribute values: `&`, `<`, `>` and `"` as entities, and
    /// `'` as `&#39;` unless `apostrophe` is false (Graphviz labels keep it); line breaks (LF,
    /// CR LF, CR) as LF and tabs as they are; every other control character
    /// (``isControl(_:)``) as U+FFFD, so that its place stays visible.
    public static func escape(_ text: String, apostrophe: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'" where apostrophe: out += "&#39;"
            case "\r": out += "\n"
            case "\n": if !previousWasCR { out += "\n" }
            default: out.unicodeScalars.append(isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// C0 controls other than tab, LF and CR, DEL and the C1 controls: XML 1.0 forbids or
    /// discourages them, and none prints.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || (0x7F...0x9F).contains(scalar.value)
    }
}
