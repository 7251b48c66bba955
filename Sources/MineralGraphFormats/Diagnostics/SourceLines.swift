/// Lines of a source text as libyaml numbers them, so that a YAML location (line and column)
/// finds its place in the text: lines end at CR LF, LF, a lone CR, NEL, LS and PS, and columns
/// count Unicode scalars.
enum SourceLines {
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
    }

    /// The lines of `text`, without their line breaks.
    static func split(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previous == "\r" {
                // The second half of CR LF.
            } else if isBreak(scalar) {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
            previous = scalar
        }
        return lines
    }
}
