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

    /// The line and column (1-based, columns in scalars) of byte `offset` of UTF-8 `bytes`.
    static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let length = breakLength(at: index, in: bytes)
            if length > 0 {
                line += 1
                column = 1
                index += length
            } else {
                if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
        }
        return (line, column)
    }

    /// The scalar at a 1-based line and column of UTF-8 `bytes`, as libyaml numbers them.
    static func scalar(line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var currentLine = 1
        var index = 0
        while currentLine < line, index < bytes.count {
            let length = breakLength(at: index, in: bytes)
            if length > 0 {
                currentLine += 1
                index += length
            } else {
                index += 1
            }
        }
        guard currentLine == line else { return nil }
        var currentColumn = 1
        while index < bytes.count, breakLength(at: index, in: bytes) == 0 {
            let width = scalarWidth(bytes[index])
            if currentColumn == column {
                let slice = UnsafeBufferPointer(rebasing: bytes[index..<min(index + width, bytes.count)])
                return String(decoding: slice, as: UTF8.self).unicodeScalars.first
            }
            currentColumn += 1
            index += width
        }
        return nil
    }

    /// The length in bytes of the line break at `index` (CR LF, LF, CR, NEL, LS, PS), or 0.
    static func breakLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        switch bytes[index] {
        case 0x0A: return 1
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The number of bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
    private static func scalarWidth(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
