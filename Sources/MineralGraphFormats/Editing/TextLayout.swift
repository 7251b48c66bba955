/// A text as Unicode scalars with its line starts, and the scanning that finds where a YAML
/// value ends, given where it starts and its style (``ValueLayout``).
///
/// Offsets count Unicode scalars from the start of the text, like the columns of
/// ``SourceLocation``. The scanning relies on the text having been read without error: it
/// follows YAML's indentation and quoting rules only as far as needed to find the end of a
/// value that is known to be well-formed.
struct TextLayout {
    /// The text itself, to copy unchanged stretches from in one go.
    let original: String
    let scalars: ScalarBuffer
    /// Offset of the first scalar of each line.
    let lineStarts: [Int]
    /// The text's line break: `"\r\n"` if it has any, else `"\n"`.
    let newline: String

    init(_ text: String) {
        original = text
        let scalars = ScalarBuffer(text)
        self.scalars = scalars
        // Line breaks as libyaml counts them, so that the reader's line numbers find their
        // lines here: LF, CR LF, a lone CR, NEL, LS and PS.
        var starts = [0]
        var crlf = false
        for (i, scalar) in scalars.enumerated() where Self.isBreak(scalar) {
            if scalar == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { crlf = true; continue }
            starts.append(i + 1)
        }
        // A final line break does not start another line.
        if starts.count > 1, starts.last == scalars.count { starts.removeLast() }
        lineStarts = starts
        newline = crlf ? "\r\n" : "\n"
    }

    var lineCount: Int { lineStarts.count }

    /// The offset of a 1-based line and column.
    func offset(_ location: SourceLocation) -> Int {
        let line = min(max(location.line - 1, 0), lineCount - 1)
        return min(lineStarts[line] + location.column - 1, scalars.count)
    }

    /// The 0-based line holding `offset` (the line break ending a line belongs to it).
    func line(of offset: Int) -> Int {
        var low = 0, high = lineCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Whether libyaml reads `scalar` as (part of) a line break.
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    /// Where line `line`'s content ends: before its line break, or at the end of the text.
    func contentEnd(_ line: Int) -> Int {
        var end = lineEnd(line)
        if end > lineStarts[line], Self.isBreak(scalars[end - 1]) {
            end -= 1
            if scalars[end] == "\n", end > lineStarts[line], scalars[end - 1] == "\r" { end -= 1 }
        }
        return end
    }

    /// Where the next line starts, or the end of the text after the last line.
    func lineEnd(_ line: Int) -> Int {
        line + 1 < lineCount ? lineStarts[line + 1] : scalars.count
    }

    /// Whether the last line ends with a line break.
    var endsWithNewline: Bool { scalars.last.map(Self.isBreak) ?? false }

    /// Leading spaces of `line`.
    func indentation(_ line: Int) -> Int {
        var i = lineStarts[line]
        let end = contentEnd(line)
        while i < end, scalars[i] == " " { i += 1 }
        return i - lineStarts[line]
    }

    /// The first non-space scalar of `line`, if any.
    func firstScalar(_ line: Int) -> Unicode.Scalar? {
        let i = lineStarts[line] + indentation(line)
        return i < contentEnd(line) ? scalars[i] : nil
    }

    func isBlank(_ line: Int) -> Bool {
        var i = lineStarts[line]
        let end = contentEnd(line)
        while i < end, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        return i == end
    }

    func isComment(_ line: Int) -> Bool { firstScalar(line) == "#" }

    /// Whether only spaces stand between the start of `offset`'s line and `offset`.
    func startsLine(_ offset: Int) -> Bool {
        var i = lineStarts[line(of: offset)]
        while i < offset, scalars[i] == " " { i += 1 }
        return i == offset
    }

    func text(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[range])
        return String(out)
    }

    // MARK: Where values end

    /// The end (exclusive) of a value starting at `start`. `indent` is the indentation of the
    /// mapping holding the value (block collections and scalars continue on lines indented
    /// more); `inFlow` says whether the value stands inside `{...}` or `[...]`.
    func valueEnd(from start: Int, shape: ValueLayout.Shape, indent: Int, inFlow: Bool) -> Int {
        switch shape {
        case .empty: start
        case .doubleQuoted: doubleQuotedEnd(from: start)
        case .singleQuoted: singleQuotedEnd(from: start)
        case .plain: inFlow ? flowPlainEnd(from: start) : blockPlainEnd(from: start, indent: indent)
        case .literal, .folded: blockScalarEnd(from: start, indent: indent)
        case .flowMapping, .flowSequence: flowCollectionEnd(from: start)
        case .blockMapping: blockCollectionEnd(from: start, indent: indent, sequence: false)
        case .blockSequence: blockCollectionEnd(from: start, indent: indent, sequence: true)
        }
    }

    func doubleQuotedEnd(from start: Int) -> Int {
        var i = start + 1
        while i < scalars.count {
            if scalars[i] == "\\" { i += 2; continue }
            if scalars[i] == "\"" { return i + 1 }
            i += 1
        }
        return scalars.count
    }

    func singleQuotedEnd(from start: Int) -> Int {
        var i = start + 1
        while i < scalars.count {
            if scalars[i] == "'" {
                if i + 1 < scalars.count, scalars[i + 1] == "'" { i += 2; continue }
                return i + 1
            }
            i += 1
        }
        return scalars.count
    }

    /// A plain scalar in block context: to the end of its line or a ` #` comment, continued on
    /// following lines indented more than `indent` (blank lines between them fold in).
    func blockPlainEnd(from start: Int, indent: Int) -> Int {
        var line = line(of: start)
        var (end, commented) = plainLineEnd(from: start, line: line)
        while !commented, line + 1 < lineCount {
            var next = line + 1
            while next < lineCount, isBlank(next) { next += 1 }
            guard next < lineCount, indentation(next) > indent, !isComment(next) else { break }
            line = next
            (end, commented) = plainLineEnd(from: lineStarts[next] + indentation(next), line: next)
        }
        return end
    }

    /// The end of a plain scalar's text on one line, and whether a comment follows it.
    private func plainLineEnd(from start: Int, line: Int) -> (Int, Bool) {
        let end = contentEnd(line)
        var i = start
        var commented = false
        while i < end {
            if scalars[i] == "#", i > start, scalars[i - 1] == " " || scalars[i - 1] == "\t" {
                commented = true
                break
            }
            i += 1
        }
        while i > start, scalars[i - 1] == " " || scalars[i - 1] == "\t" { i -= 1 }
        return (i, commented)
    }

    /// A plain scalar inside `{...}` or `[...]`: up to a flow indicator or a comment.
    func flowPlainEnd(from start: Int) -> Int {
        var i = start
        while i < scalars.count {
            let scalar = scalars[i]
            if ",[]{}".unicodeScalars.contains(scalar) { break }
            if scalar == "#", i > start, " \t\n\r".unicodeScalars.contains(scalars[i - 1]) { break }
            if scalar == ":", i + 1 < scalars.count, " \t\n\r,[]{}".unicodeScalars.contains(scalars[i + 1]) { break }
            i += 1
        }
        while i > start, " \t\n\r".unicodeScalars.contains(scalars[i - 1]) { i -= 1 }
        return i
    }

    /// A `|` or `>` block scalar: its header line and the lines indented more than `indent`.
    func blockScalarEnd(from start: Int, indent: Int) -> Int {
        let header = line(of: start)
        var last = header
        var next = header + 1
        while next < lineCount {
            if isBlank(next) { next += 1; continue }
            guard indentation(next) > indent else { break }
            last = next
            next += 1
        }
        return contentEnd(last)
    }

    /// A `{...}` or `[...]` collection: to its closing bracket, skipping quoted scalars and
    /// comments.
    func flowCollectionEnd(from start: Int) -> Int {
        var depth = 0
        var i = start
        var atTokenStart = true
        while i < scalars.count {
            let scalar = scalars[i]
            switch scalar {
            case "[", "{":
                depth += 1
                atTokenStart = true
            case "]", "}":
                depth -= 1
                if depth == 0 { return i + 1 }
                atTokenStart = false
            case ",", ":":
                atTokenStart = true
            case " ", "\t", "\n", "\r":
                break
            case "#" where i > start && " \t\n\r".unicodeScalars.contains(scalars[i - 1]):
                while i < scalars.count, !Self.isBreak(scalars[i]) { i += 1 }
                continue
            case "\"" where atTokenStart:
                i = doubleQuotedEnd(from: i)
                atTokenStart = false
                continue
            case "'" where atTokenStart:
                i = singleQuotedEnd(from: i)
                atTokenStart = false
                continue
            default:
                atTokenStart = false
            }
            i += 1
        }
        return scalars.count
    }

    /// A block mapping or list starting at `start`: its first line and the following lines
    /// indented more than `indent` (for a list, also `- ` items at `indent` itself), up to the
    /// end of the last such line that is not blank. Comments indented more belong to it.
    func blockCollectionEnd(from start: Int, indent: Int, sequence: Bool) -> Int {
        contentEnd(blockLastLine(from: line(of: start), indent: indent, sequence: sequence))
    }

    /// The last line of a block that starts on `first` and continues on lines indented more
    /// than `indent` (and `- ` lines at `indent` when `sequence`), blank lines between them
    /// included. A comment line indented `indent` or less does not end the block: YAML lets a
    /// comment stand at any column, so one at column 0 between two fields of an item belongs
    /// to the item when a line of the block follows it (and to what comes after otherwise).
    func blockLastLine(from first: Int, indent: Int, sequence: Bool) -> Int {
        var last = first
        var next = first + 1
        while next < lineCount {
            if isBlank(next) || (isComment(next) && indentation(next) <= indent) { next += 1; continue }
            let lineIndent = indentation(next)
            if lineIndent > indent || (sequence && lineIndent == indent && isDash(next)) {
                last = next
                next += 1
            } else {
                break
            }
        }
        return last
    }

    /// Whether `line` starts (after its indentation) with a `-` list indicator.
    func isDash(_ line: Int) -> Bool {
        let i = lineStarts[line] + indentation(line)
        guard i < contentEnd(line), scalars[i] == "-" else { return false }
        return i + 1 == contentEnd(line) || scalars[i + 1] == " " || scalars[i + 1] == "\t"
    }

    /// The last line of a field whose value ends at `valueEnd`: that line, and the comment lines
    /// right after it that are indented more than `indent` (they continue its comment).
    func fieldLastLine(valueEnd: Int, indent: Int) -> Int {
        var last = line(of: valueEnd)
        while last + 1 < lineCount, isComment(last + 1), indentation(last + 1) > indent { last += 1 }
        return last
    }
}

/// The Unicode scalars of a text, indexed from 0, in as few bytes as the text allows: one each
/// when it is ASCII (most graph files), two when every scalar is in the Basic Multilingual
/// Plane, else four. An array of `Unicode.Scalar` for a 60 MB file took 252 MB, most of what an
/// edit holds besides the document (docs/limits.md).
struct ScalarBuffer: RandomAccessCollection {
    private enum Storage {
        case ascii([UInt8])
        case basic([UInt16])
        case wide([Unicode.Scalar])
    }

    private let storage: Storage

    init(_ text: String) {
        let scalars = text.unicodeScalars
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            storage = .ascii(Array(text.utf8))
        } else if scalars.allSatisfy({ $0.value <= 0xFFFF }) {
            // Reserved exactly: grown by doubling, an array is copied at each step.
            var units: [UInt16] = []
            units.reserveCapacity(scalars.count)
            units.append(contentsOf: scalars.lazy.map { UInt16($0.value) })
            storage = .basic(units)
        } else {
            var wide: [Unicode.Scalar] = []
            wide.reserveCapacity(scalars.count)
            wide.append(contentsOf: scalars)
            storage = .wide(wide)
        }
    }

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch storage {
        case .ascii(let bytes): bytes.count
        case .basic(let units): units.count
        case .wide(let scalars): scalars.count
        }
    }

    subscript(position: Int) -> Unicode.Scalar {
        switch storage {
        case .ascii(let bytes): Unicode.Scalar(bytes[position])
        // Every unit is a scalar's value below U+10000, never a surrogate.
        case .basic(let units): Unicode.Scalar(units[position])!
        case .wide(let scalars): scalars[position]
        }
    }
}
