/// A fast path of ``YAMLComposer`` for the plain block YAML that graph files are written in:
/// it builds the same ``YAMLNode`` tree (texts, styles, positions) straight from the bytes,
/// without libyaml's tokens and events, and gives up (``compose(_:streaming:handler:)``
/// returns `nil`) at the first thing outside the subset it reads, so that the caller reads the
/// text again with ``YAMLComposer``, which gives every error and handles all of YAML.
///
/// The subset: block mappings whose keys are words (`[A-Za-z0-9_]`), each given once; block
/// lists with `- ` items indented past their key; `|-` literal blocks; single-line plain,
/// single-quoted and double-quoted scalars (escapes `\" \\ \n \t \r \uXXXX` only); on one
/// line, flow lists of plain words (`[0.9, 1.1]`, `[]`) and flow mappings of words to such
/// words or lists (`{value: 5, range: [4, 6]}`, as uncertain figures are written); comments
/// and blank lines; LF line breaks and spaces. It gives up at anything else: tabs, CR, other
/// line breaks and characters libyaml refuses, empty values, values continued on the next
/// line, other flow collections and block scalars, anchors, aliases, tags, directives,
/// document markers, a key given twice, nesting deeper or values more than the composer
/// allows. Any text it reads is read by libyaml as the same tree, and any text with an error
/// is one it gives up on.
struct BlockYAMLComposer {
    private struct Unsupported: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private let streaming: Set<String>
    private let maximumDepth: Int
    private let maximumValues: Int
    private var values = 0

    /// The current content line: 1-based number, where it starts, where its content starts
    /// and where it ends (at its line feed or the end of the text), and whether it is ASCII.
    private var line = 0
    private var lineStart = 0
    private var contentStart = 0
    private var lineEnd = 0
    private var lineIsASCII = true
    /// Where the line after the current one starts.
    private var nextLine = 0
    private var atEnd = false
    /// Where the text read ends: its end, or a list's end for ``composeSecondPart``.
    private var end: Int
    /// Lines passed over as if read (the second part of a cut list, for ``composeFirstPart``).
    private var skipped: Cut?

    private init(_ bytes: UnsafeBufferPointer<UInt8>, streaming: Set<String>, maximumDepth: Int, maximumValues: Int) {
        self.bytes = bytes
        self.streaming = streaming
        self.maximumDepth = maximumDepth
        self.maximumValues = maximumValues
        end = bytes.count
    }

    /// The root of `text`'s document as ``YAMLComposer/compose(_:streaming:handler:)`` builds
    /// it, handing the items of the lists in `streaming` to `handler` in the same way; `nil`
    /// when the text is outside the subset (the handler may have had some items by then).
    static func compose(
        _ text: String, streaming: Set<String>, maximumDepth: Int = InputLimits.maximumDepth,
        maximumValues: Int = InputLimits.maximumYAMLValues, handler: YAMLComposer.ItemHandler
    ) -> YAMLNode? {
        document(text, skipping: nil, streaming: streaming, maximumDepth: maximumDepth, maximumValues: maximumValues, handler: handler)?.root
    }

    /// The document of `text` with the lines of `skipped` passed over, and the number of
    /// values composed; `nil` when the text is outside the subset.
    private static func document(
        _ text: String, skipping skipped: Cut?, streaming: Set<String>, maximumDepth: Int, maximumValues: Int,
        handler: YAMLComposer.ItemHandler
    ) -> (root: YAMLNode, values: Int)? {
        var text = text
        return text.withUTF8 { bytes in
            var composer = BlockYAMLComposer(bytes, streaming: streaming, maximumDepth: maximumDepth, maximumValues: maximumValues)
            composer.skipped = skipped
            guard let root = try? composer.document(handler) else { return nil }
            return (root, composer.values)
        }
    }

    // MARK: A list read in two parts

    /// A top-level block list (a graph file's `flows`) cut before an item, so that the text
    /// before the cut (and after the list) and the list from the cut on, about as long, can be
    /// composed side by side: ``composeFirstPart(_:cut:streaming:maximumDepth:maximumValues:handler:)``
    /// reads the text without the second part, ``composeSecondPart(_:cut:maximumDepth:maximumValues:handler:)``
    /// reads the second part alone.
    struct Cut: Sendable {
        /// The list's key.
        let key: String
        /// Where the second part starts (its first item's line) and ends (the line of the
        /// next top-level key, or the end of the text), and the lines between.
        let start: Int, end: Int, lines: Int
        /// The 1-based line number of `start`, the column of the list's `-` (0-based) and
        /// the items of the first part.
        let line: Int, column: Int, itemsBefore: Int

        /// The cut of the top-level list `key` of `text`, if it has one of at least
        /// `minimumBytes` with an item to cut before; `nil` when the list cannot be found as
        /// written in the subset (the composers then read the whole text at once).
        init?(_ text: String, list key: String, minimumBytes: Int) {
            var text = text
            guard let cut = text.withUTF8({ Cut(bytes: $0, list: key, minimumBytes: minimumBytes) }) else { return nil }
            self = cut
        }

        private init?(bytes: UnsafeBufferPointer<UInt8>, list key: String, minimumBytes: Int) {
            let count = bytes.count
            /// Where the line after the one holding `index` starts (`count` at the end).
            func nextLine(_ index: Int) -> Int {
                var i = index
                while i < count, bytes[i] != 0x0A { i += 1 }
                return min(i + 1, count)
            }
            func isBlankOrComment(_ start: Int) -> Bool {
                var i = start
                while i < count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                return i == count || bytes[i] == 0x0A || bytes[i] == UInt8(ascii: "#")
            }
            /// Whether an item of the list starts at `start`: `column` spaces, `-`, a space or the line's end.
            func isItem(_ start: Int, _ column: Int) -> Bool {
                guard start + column + 1 < count else { return false }
                for i in start..<(start + column) where bytes[i] != UInt8(ascii: " ") { return false }
                let dash = start + column
                return bytes[dash] == UInt8(ascii: "-") && (bytes[dash + 1] == UInt8(ascii: " ") || bytes[dash + 1] == 0x0A)
            }
            // The key's line: `key:` at the start of a line, then nothing but spaces or a comment.
            let header = Array("\(key):".utf8)
            var keyLine = 0
            while true {
                if keyLine + header.count <= count, header.indices.allSatisfy({ bytes[keyLine + $0] == header[$0] }) { break }
                keyLine = nextLine(keyLine)
                if keyLine >= count { return nil }
            }
            guard isBlankOrComment(keyLine + header.count) else { return nil }
            let first = nextLine(keyLine)
            var listStart = first
            while listStart < count, isBlankOrComment(listStart) { listStart = nextLine(listStart) }
            guard listStart < count else { return nil }
            var column = 0
            while bytes[listStart + column] == UInt8(ascii: " ") { column += 1 }
            guard column > 0, isItem(listStart, column) else { return nil }
            // The list ends at the next line with content at the first column.
            var listEnd = listStart
            while listEnd < count, bytes[listEnd] == UInt8(ascii: " ") || bytes[listEnd] == 0x0A || bytes[listEnd] == UInt8(ascii: "#") {
                listEnd = nextLine(listEnd)
            }
            // The text ends with a line feed where the list does (its lines are then counted whole).
            guard listEnd - listStart >= max(minimumBytes, 1), listEnd < count || bytes[count - 1] == 0x0A else { return nil }
            // The parts balanced by bytes: the first reads the text before the cut and after
            // the list, the second the list from the cut on.
            var start = nextLine(max(listStart, listEnd - count / 2))
            while start < listEnd, !isItem(start, column) { start = nextLine(start) }
            guard start < listEnd else { return nil }
            var items = 0, line = 1, lines = 0
            for i in 0..<start where bytes[i] == 0x0A { line += 1 }
            for i in start..<listEnd where bytes[i] == 0x0A { lines += 1 }
            var position = listStart
            while position < start {
                if isItem(position, column) { items += 1 }
                position = nextLine(position)
            }
            self.key = key
            self.start = start
            end = listEnd
            self.lines = lines
            self.line = line
            self.column = column
            itemsBefore = items
        }
    }

    /// ``compose(_:streaming:maximumDepth:maximumValues:handler:)`` of `text` without the
    /// second part of `cut`'s list (its lines passed over, their line numbers counted), with
    /// the number of values composed; `nil` when the text is outside the subset.
    static func composeFirstPart(
        _ text: String, cut: Cut, streaming: Set<String>, maximumDepth: Int, maximumValues: Int, handler: YAMLComposer.ItemHandler
    ) -> (root: YAMLNode, values: Int)? {
        document(text, skipping: cut, streaming: streaming, maximumDepth: maximumDepth, maximumValues: maximumValues, handler: handler)
    }

    /// The items of the second part of `cut`'s list, as the list would hold them when composed
    /// whole (`handler` gets them with indices from 0), and the number of values composed
    /// (the list itself counted again); `nil` when the part is not a run of the list's items
    /// in the subset.
    static func composeSecondPart(
        _ text: String, cut: Cut, maximumDepth: Int, maximumValues: Int, handler: YAMLComposer.ItemHandler
    ) -> (items: [YAMLNode], values: Int)? {
        var text = text
        return text.withUTF8 { bytes in
            var composer = BlockYAMLComposer(bytes, streaming: [cut.key], maximumDepth: maximumDepth, maximumValues: maximumValues)
            composer.end = cut.end
            composer.nextLine = cut.start
            composer.line = cut.line - 1
            do throws(Unsupported) {
                try composer.advance()
                guard !composer.atEnd, composer.contentStart - composer.lineStart == cut.column else { return nil }
                let list = try composer.sequence(at: composer.contentStart, depth: 1, stream: cut.key, handler)
                guard composer.atEnd, case .sequence(let sequence) = list else { return nil }
                return (sequence.items, composer.values)
            } catch {
                return nil
            }
        }
    }

    // MARK: Structure

    private mutating func document(_ handler: YAMLComposer.ItemHandler) throws(Unsupported) -> YAMLNode {
        try advance()
        guard !atEnd else { throw Unsupported() }
        let start = contentStart
        let root: YAMLNode
        if isSequenceEntry(at: start) {
            root = try sequence(at: start, depth: 0, stream: nil, handler)
        } else if keyEnd(at: start) != nil {
            root = try mapping(at: start, depth: 0, handler)
        } else {
            throw Unsupported()
        }
        guard atEnd else { throw Unsupported() }
        return root
    }

    /// A block mapping whose first key starts at `start` on the current line; returns with the
    /// first content line after it current.
    private mutating func mapping(at start: Int, depth: Int, _ handler: YAMLComposer.ItemHandler) throws(Unsupported) -> YAMLNode {
        try enter(depth)
        let column = start - lineStart
        let mark = self.mark(start)
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        // Elements have a handful of fields: one allocation instead of a growth at 1, 2, 4, 8.
        pairs.reserveCapacity(8)
        var position = start
        while true {
            guard let end = keyEnd(at: position) else { throw Unsupported() }
            let keyText = string(position, end)
            for pair in pairs where pair.key.string == keyText { throw Unsupported() }
            try count()
            let key = YAMLNode.scalar(YAMLNode.Scalar(string: keyText, style: .plain, mark: self.mark(position)))
            let valueStart = skipSpaces(end + 1)
            let value: YAMLNode
            if valueStart == lineEnd || bytes[valueStart] == UInt8(ascii: "#") {
                // The value is a block on the following lines, indented past the key.
                try advance()
                guard !atEnd, contentStart - lineStart > column else { throw Unsupported() }
                let nested = contentStart
                if isSequenceEntry(at: nested) {
                    let stream = depth == 0 && streaming.contains(keyText) ? keyText : nil
                    value = try sequence(at: nested, depth: depth + 1, stream: stream, handler)
                } else if keyEnd(at: nested) != nil {
                    value = try mapping(at: nested, depth: depth + 1, handler)
                } else {
                    throw Unsupported()
                }
            } else {
                value = try inlineValue(at: valueStart, in: column, depth: depth + 1, streamed: depth == 0 && streaming.contains(keyText))
                if !atEnd && contentStart - lineStart > column { throw Unsupported() }
            }
            pairs.append((key, value))
            if atEnd || contentStart - lineStart < column { break }
            guard contentStart - lineStart == column, !isSequenceEntry(at: contentStart) else { throw Unsupported() }
            position = contentStart
        }
        return .mapping(YAMLNode.Mapping(pairs: pairs, isFlow: false, mark: mark))
    }

    /// A block list whose first `-` is at `start` on the current line; the items of a list in
    /// `streaming` (`stream`: its key) go to `handler`, an empty scalar standing for each.
    private mutating func sequence(
        at start: Int, depth: Int, stream: String?, _ handler: YAMLComposer.ItemHandler
    ) throws(Unsupported) -> YAMLNode {
        try enter(depth)
        let column = start - lineStart
        let mark = self.mark(start)
        var items: [YAMLNode] = []
        var position = start
        while true {
            let itemStart = skipSpaces(position + 1)
            guard itemStart > position + 1, itemStart < lineEnd, bytes[itemStart] != UInt8(ascii: "#"),
                  !isSequenceEntry(at: itemStart)
            else { throw Unsupported() }
            let item: YAMLNode
            if keyEnd(at: itemStart) != nil {
                item = try mapping(at: itemStart, depth: depth + 1, handler)
            } else {
                item = try inlineValue(at: itemStart, in: column, depth: depth + 1, streamed: false)
                if !atEnd && contentStart - lineStart > column { throw Unsupported() }
            }
            if let stream {
                handler(stream, items.count, item)
                items.append(.scalar(YAMLNode.Scalar(string: "", style: .plain, mark: item.mark)))
            } else {
                items.append(item)
            }
            if atEnd || contentStart - lineStart < column { break }
            guard contentStart - lineStart == column, isSequenceEntry(at: contentStart) else { throw Unsupported() }
            position = contentStart
        }
        return .sequence(YAMLNode.Sequence(items: items, isFlow: false, mark: mark))
    }

    /// A scalar or flow list at `start`, which must end the line (a comment may follow), or a
    /// literal block; returns with the next content line current.
    /// `column`: the column (0-based) of the collection holding the value.
    private mutating func inlineValue(at start: Int, in column: Int, depth: Int, streamed: Bool) throws(Unsupported) -> YAMLNode {
        let value: YAMLNode
        let end: Int
        switch bytes[start] {
        case UInt8(ascii: "\""): (value, end) = try doubleQuoted(at: start)
        case UInt8(ascii: "'"): (value, end) = try singleQuoted(at: start)
        case UInt8(ascii: "["): (value, end) = try flowList(at: start, depth: depth, streamed: streamed)
        case UInt8(ascii: "{"): (value, end) = try flowMapping(at: start, depth: depth)
        case UInt8(ascii: "|"): return try literal(at: start, in: column)
        default: (value, end) = try plain(at: start)
        }
        try lineEnds(after: end)
        try advance()
        return value
    }

    /// A `|-` literal block (as the canonical writer writes multi-line text): its lines,
    /// indented alike past the collection holding it, without that indentation, joined by line
    /// feeds, empty lines between them kept, empty lines at the end dropped. Returns with the
    /// first content line after the block current. Gives up at lines of spaces, trailing
    /// spaces and a first line indented more than the rest.
    private mutating func literal(at start: Int, in parentIndent: Int) throws(Unsupported) -> YAMLNode {
        guard start + 2 == lineEnd, bytes[start + 1] == UInt8(ascii: "-") else { throw Unsupported() }
        try count()
        let mark = self.mark(start)
        var text: [UInt8] = []
        var indent: Int?
        var pendingBreaks = 0
        while nextLine < bytes.count {
            let rawStart = nextLine
            var index = rawStart
            while index < bytes.count, bytes[index] != 0x0A {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { throw Unsupported() }
                if byte >= 0x80 { try Self.checkNonASCII(bytes, at: index) }
                index += 1
            }
            let rawEnd = index
            var content = rawStart
            while content < rawEnd, bytes[content] == UInt8(ascii: " ") { content += 1 }
            if rawStart == rawEnd {
                // An empty line: kept if more text follows.
                if indent == nil { throw Unsupported() }
                pendingBreaks += 1
            } else {
                if content == rawEnd || bytes[rawEnd - 1] == UInt8(ascii: " ") { throw Unsupported() }
                let spaces = content - rawStart
                if let indent {
                    if spaces < indent { break }
                } else {
                    guard spaces > parentIndent else { throw Unsupported() }
                    indent = spaces
                }
                if !text.isEmpty { pendingBreaks += 1 }
                text.append(contentsOf: repeatElement(0x0A, count: pendingBreaks))
                pendingBreaks = 0
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(rawStart + indent!)..<rawEnd]))
            }
            line += 1
            nextLine = rawEnd + 1
        }
        guard indent != nil else { throw Unsupported() }
        try advance()
        return .scalar(YAMLNode.Scalar(string: String(decoding: text, as: UTF8.self), style: .literal, mark: mark))
    }

    // MARK: Scalars

    /// A plain scalar running to the end of the line or to a comment.
    private mutating func plain(at start: Int) throws(Unsupported) -> (YAMLNode, Int) {
        let first = bytes[start]
        // Indicators that start something else; `-` only when a space or the end follows.
        for indicator in "?:,[]{}#&*!|>'\"%@`".utf8 where first == indicator { throw Unsupported() }
        if first == UInt8(ascii: "-"), start + 1 == lineEnd || bytes[start + 1] == UInt8(ascii: " ") { throw Unsupported() }
        var index = start
        var end = start
        while index < lineEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") {
                if index + 1 < lineEnd, bytes[index + 1] == UInt8(ascii: "#") { break }
            } else {
                if byte == UInt8(ascii: ":"), index + 1 == lineEnd || bytes[index + 1] == UInt8(ascii: " ") { throw Unsupported() }
                end = index + 1
            }
            index += 1
        }
        try count()
        return (.scalar(YAMLNode.Scalar(string: string(start, end), style: .plain, mark: mark(start))), end)
    }

    private mutating func doubleQuoted(at start: Int) throws(Unsupported) -> (YAMLNode, Int) {
        var text: [UInt8] = []
        var index = start + 1
        while true {
            guard index < lineEnd else { throw Unsupported() }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte != UInt8(ascii: "\\") {
                text.append(byte)
                index += 1
                continue
            }
            guard index + 1 < lineEnd else { throw Unsupported() }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "u"):
                guard index + 6 <= lineEnd else { throw Unsupported() }
                var value: UInt32 = 0
                for offset in 2..<6 {
                    guard let digit = Self.hexDigit(bytes[index + offset]) else { throw Unsupported() }
                    value = value << 4 | digit
                }
                guard let scalar = Unicode.Scalar(value) else { throw Unsupported() }
                text.append(contentsOf: String(Character(scalar)).utf8)
                index += 4
            default:
                throw Unsupported()
            }
            index += 2
        }
        try count()
        return (.scalar(YAMLNode.Scalar(string: String(decoding: text, as: UTF8.self), style: .doubleQuoted, mark: mark(start))), index + 1)
    }

    private mutating func singleQuoted(at start: Int) throws(Unsupported) -> (YAMLNode, Int) {
        var text: [UInt8] = []
        var index = start + 1
        while true {
            guard index < lineEnd else { throw Unsupported() }
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                guard index + 1 < lineEnd, bytes[index + 1] == UInt8(ascii: "'") else { break }
                index += 1
            }
            text.append(byte)
            index += 1
        }
        try count()
        return (.scalar(YAMLNode.Scalar(string: String(decoding: text, as: UTF8.self), style: .singleQuoted, mark: mark(start))), index + 1)
    }

    /// `[a, b]` with plain words as items, or `[]`.
    private mutating func flowList(at start: Int, depth: Int, streamed: Bool) throws(Unsupported) -> (YAMLNode, Int) {
        try enter(depth)
        let mark = self.mark(start)
        var items: [YAMLNode] = []
        var index = skipSpaces(start + 1)
        if index < lineEnd, bytes[index] == UInt8(ascii: "]") {
            return (.sequence(YAMLNode.Sequence(items: [], isFlow: true, mark: mark)), index + 1)
        }
        if streamed { throw Unsupported() }
        while true {
            let item: YAMLNode
            (item, index) = try flowWord(at: index)
            items.append(item)
            guard index < lineEnd else { throw Unsupported() }
            if bytes[index] == UInt8(ascii: "]") { break }
            guard bytes[index] == UInt8(ascii: ",") else { throw Unsupported() }
            index = skipSpaces(index + 1)
        }
        return (.sequence(YAMLNode.Sequence(items: items, isFlow: true, mark: mark)), index + 1)
    }

    /// `{key: word, key: [a, b]}` (as the canonical writer writes uncertain figures), or `{}`.
    private mutating func flowMapping(at start: Int, depth: Int) throws(Unsupported) -> (YAMLNode, Int) {
        try enter(depth)
        let mark = self.mark(start)
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var index = skipSpaces(start + 1)
        if index < lineEnd, bytes[index] == UInt8(ascii: "}") {
            return (.mapping(YAMLNode.Mapping(pairs: [], isFlow: true, mark: mark)), index + 1)
        }
        while true {
            guard let end = keyEnd(at: index), end + 1 < lineEnd else { throw Unsupported() }
            let keyText = string(index, end)
            for pair in pairs where pair.key.string == keyText { throw Unsupported() }
            try count()
            let key = YAMLNode.scalar(YAMLNode.Scalar(string: keyText, style: .plain, mark: self.mark(index)))
            let valueStart = skipSpaces(end + 1)
            guard valueStart < lineEnd else { throw Unsupported() }
            let value: YAMLNode
            if bytes[valueStart] == UInt8(ascii: "[") {
                (value, index) = try flowList(at: valueStart, depth: depth + 1, streamed: false)
                index = skipSpaces(index)
            } else {
                (value, index) = try flowWord(at: valueStart)
            }
            pairs.append((key, value))
            guard index < lineEnd else { throw Unsupported() }
            if bytes[index] == UInt8(ascii: "}") { break }
            guard bytes[index] == UInt8(ascii: ",") else { throw Unsupported() }
            index = skipSpaces(index + 1)
        }
        return (.mapping(YAMLNode.Mapping(pairs: pairs, isFlow: true, mark: mark)), index + 1)
    }

    /// A plain word in a flow collection (`0.9`, `20%`, `true`) and where the spaces after it end.
    private mutating func flowWord(at start: Int) throws(Unsupported) -> (YAMLNode, Int) {
        var index = start
        while index < lineEnd, Self.isFlowWord(bytes[index]) { index += 1 }
        guard index > start, bytes[start] != UInt8(ascii: "%"), bytes[start] != UInt8(ascii: "-") || index > start + 1
        else { throw Unsupported() }
        try count()
        let word = YAMLNode.scalar(YAMLNode.Scalar(string: string(start, index), style: .plain, mark: mark(start)))
        return (word, skipSpaces(index))
    }

    private static func isFlowWord(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "%"):
            true
        default:
            false
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Lines

    /// Moves to the next line with content (not blank, not only a comment), checking every
    /// byte of the lines passed: the subset has no tabs, CRs or characters libyaml refuses or
    /// counts as line breaks.
    private mutating func advance() throws(Unsupported) {
        while nextLine < end {
            if let skipped, nextLine == skipped.start {
                line += skipped.lines
                nextLine = skipped.end
                continue
            }
            line += 1
            lineStart = nextLine
            var index = lineStart
            var ascii = true
            while index < bytes.count, bytes[index] != 0x0A {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { throw Unsupported() }
                if byte >= 0x80 {
                    ascii = false
                    try Self.checkNonASCII(bytes, at: index)
                }
                index += 1
            }
            lineEnd = index
            nextLine = index + 1
            lineIsASCII = ascii
            var content = lineStart
            while content < lineEnd, bytes[content] == UInt8(ascii: " ") { content += 1 }
            if content == lineEnd || bytes[content] == UInt8(ascii: "#") { continue }
            contentStart = content
            // Directives and document markers.
            if content == lineStart {
                let first = bytes[content]
                if first == UInt8(ascii: "%") { throw Unsupported() }
                if (first == UInt8(ascii: "-") || first == UInt8(ascii: ".")) && lineEnd - lineStart >= 3
                    && bytes[content + 1] == first && bytes[content + 2] == first { throw Unsupported() }
            }
            // Trailing spaces are not content.
            while lineEnd > contentStart, bytes[lineEnd - 1] == UInt8(ascii: " ") { lineEnd -= 1 }
            return
        }
        atEnd = true
        line += 1
    }

    /// Refuses C1 controls and NEL (C2 80–9F), LS and PS (E2 80 A8–A9), the byte-order mark
    /// (EF BB BF), U+FFFE, U+FFFF (EF BF BE–BF) and, to be safe, characters beyond U+FFFF.
    /// The text is valid UTF-8 (a Swift string), so a lead byte has its continuation bytes.
    private static func checkNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(Unsupported) {
        let byte = bytes[index]
        if byte >= 0xF0 { throw Unsupported() }
        guard byte == 0xC2 || byte == 0xE2 || byte == 0xEF else { return }
        let second = bytes[index + 1]
        switch byte {
        case 0xC2: if second >= 0x80 && second <= 0x9F { throw Unsupported() }
        case 0xE2: if second == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) { throw Unsupported() }
        default:
            if second == 0xBB && bytes[index + 2] == 0xBF { throw Unsupported() }
            if second == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF) { throw Unsupported() }
        }
    }

    /// After a value ending at `end`: only spaces, then nothing or a comment.
    private func lineEnds(after end: Int) throws(Unsupported) {
        let rest = skipSpaces(end)
        guard rest == lineEnd || (rest > end && bytes[rest] == UInt8(ascii: "#")) else { throw Unsupported() }
    }

    private func skipSpaces(_ start: Int) -> Int {
        var index = start
        while index < lineEnd, bytes[index] == UInt8(ascii: " ") { index += 1 }
        return index
    }

    /// Where the `:` of a key (a word followed by `:` and a space or the line's end) starting
    /// at `start` stands; `nil` when no such key starts there.
    private func keyEnd(at start: Int) -> Int? {
        var index = start
        while index < lineEnd {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "_"):
                index += 1
            case UInt8(ascii: ":"):
                guard index > start, index - start <= 128, index + 1 == lineEnd || bytes[index + 1] == UInt8(ascii: " ") else { return nil }
                return index
            default:
                return nil
            }
        }
        return nil
    }

    private func isSequenceEntry(at start: Int) -> Bool {
        bytes[start] == UInt8(ascii: "-") && (start + 1 == lineEnd || bytes[start + 1] == UInt8(ascii: " "))
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The position of byte `index` of the current line, columns counted in Unicode scalars.
    private func mark(_ index: Int) -> YAMLNode.Mark {
        if lineIsASCII { return YAMLNode.Mark(line: line, column: index - lineStart + 1) }
        var column = 1
        for offset in lineStart..<index where bytes[offset] & 0xC0 != 0x80 { column += 1 }
        return YAMLNode.Mark(line: line, column: column)
    }

    // MARK: Limits

    /// Counts a collection at `depth` (0 for the root) and checks the nesting.
    private mutating func enter(_ depth: Int) throws(Unsupported) {
        if depth >= maximumDepth { throw Unsupported() }
        try count()
    }

    private mutating func count() throws(Unsupported) {
        values += 1
        if values > maximumValues { throw Unsupported() }
    }
}
