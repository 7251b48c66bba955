internal import CYaml

/// Builds a ``YAMLNode`` tree from libyaml's events, in one pass and without recursion, so that
/// reading time and memory grow linearly with the text whatever it holds.
///
/// The graph, scenario and JSON graph readers and edit payloads use it instead of Yams's
/// `compose`, which resolves a tag for every scalar with regular expressions and hashes every
/// key; this composer keeps only what the readers use (text, style, position, flow or block)
/// and checks, with a located error each:
/// - a key given twice in one mapping (at the repeat, with a note naming the first);
/// - aliases (`*name`), refused: graph files have no use for them and nested aliases expand
///   exponentially ("billion laughs"); anchors alone are harmless and ignored;
/// - more than one document (a second `---`);
/// - nesting deeper than ``InputLimits/maximumDepth`` and more than
///   ``InputLimits/maximumYAMLValues`` values.
///
/// YAML syntax errors carry libyaml's message and position, with what it was parsing as a note.
struct YAMLComposer {
    let file: String
    /// What the files are called in messages: "graph files", "scenario files".
    let kind: String
    /// Deepest nesting of mappings and lists.
    var maximumDepth = InputLimits.maximumDepth
    /// Most values (scalars, mappings, lists).
    var maximumValues = InputLimits.maximumYAMLValues

    /// Receives the items of the top-level lists named in `streaming` as each is complete:
    /// the list's key, the item's index and the item.
    typealias ItemHandler = (_ list: String, _ index: Int, _ item: YAMLNode) -> Void

    /// The root of the only document of `text`; `nil` when the text holds no document.
    ///
    /// The items of the lists under the root mapping's keys in `streaming` (`nodes`, `flows`)
    /// are handed to `handler` as soon as each is complete, and the tree keeps an empty scalar
    /// at the item's position in their place, so that a large file's elements need not all be
    /// in memory as YAML values at once.
    func compose(_ text: String, streaming: Set<String> = [], handler: ItemHandler = { _, _, _ in }) throws(DiagnosticError) -> YAMLNode? {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(Diagnostic) -> YAMLNode? in try compose(bytes, streaming: streaming, handler: handler) }
        }
        switch result {
        case .success(let root): return root
        case .failure(let diagnostic): throw DiagnosticError(diagnostics: [diagnostic], text: text)
        }
    }

    private func at(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLNode.Mark {
        YAMLNode.Mark(line: mark.line + 1, column: mark.column + 1)
    }

    /// A collection being built. A class, so that appending to the top of the stack changes
    /// its array in place (an enum payload taken out and put back would copy it, which made
    /// composing a long list quadratic).
    private final class Frame {
        let isMapping: Bool
        let isFlow: Bool
        let mark: YAMLNode.Mark
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        /// A mapping's key waiting for its value.
        var key: YAMLNode?
        /// A large mapping's keys and where they stand, to find repeats.
        var index: [String: YAMLNode.Mark]?

        init(isMapping: Bool, isFlow: Bool, mark: YAMLNode.Mark) {
            self.isMapping = isMapping
            self.isFlow = isFlow
            self.mark = mark
        }

        var node: YAMLNode {
            isMapping ? .mapping(YAMLNode.Mapping(pairs: pairs, isFlow: isFlow, mark: mark))
                : .sequence(YAMLNode.Sequence(items: items, isFlow: isFlow, mark: mark))
        }
    }

    /// Mappings with more keys than this look up repeats in a dictionary, smaller ones by
    /// scanning their keys.
    private static let scannedKeys = 12

    private func compose(
        _ bytes: UnsafeBufferPointer<UInt8>, streaming: Set<String>, handler: ItemHandler
    ) throws(Diagnostic) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            throw Diagnostic(.error, .yaml, "cannot start the YAML parser (out of memory)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        // libyaml reads the buffer in place; an empty buffer needs a valid pointer too.
        var empty: UInt8 = 0
        if let base = bytes.baseAddress {
            yaml_parser_set_input_string(&parser, base, bytes.count)
        } else {
            yaml_parser_set_input_string(&parser, &empty, 0)
        }

        var stack: [Frame] = []
        // Where each line starts (byte offsets), built at the first quoted value over several lines.
        var lineStarts: [Int] = []
        var root: YAMLNode?
        var documents = 0
        var values = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) != 0 else { throw syntaxError(parser, bytes) }
            defer { yaml_event_delete(&event) }
            var completed: YAMLNode?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Diagnostic(
                        .error, .yamlSyntax, "YAML syntax: the file holds more than one document", at: at(event.start_mark),
                        notes: ["a line '---' starts a new document; \(kind) hold one"])
                }
                continue
            case YAML_ALIAS_EVENT:
                throw Diagnostic(
                    .error, .yamlAlias, "YAML anchors and aliases (&name, *name) are not allowed in \(kind)",
                    at: at(event.start_mark), notes: ["write the values out in full"])
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
                let style: YAMLNode.Style = switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
                if style == .singleQuoted || style == .doubleQuoted, event.end_mark.line > event.start_mark.line,
                   let block = stack.last, !block.isFlow
                {
                    try checkContinuation(from: event.start_mark.line + 1, to: event.end_mark.line, beyond: block.mark.column - 1,
                                          lines: &lineStarts, bytes)
                }
                completed = .scalar(YAMLNode.Scalar(string: text, style: style, mark: Self.mark(event.start_mark)))
                try count(&values, at: event.start_mark)
            case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                if stack.count >= maximumDepth {
                    throw Diagnostic(
                        .error, .tooDeep, "values nest more than \(maximumDepth) deep", at: at(event.start_mark),
                        notes: ["\(kind) need a few levels; this looks like a damaged or hostile file"])
                }
                let mark = Self.mark(event.start_mark)
                if event.type == YAML_MAPPING_START_EVENT {
                    let isFlow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                    stack.append(Frame(isMapping: true, isFlow: isFlow, mark: mark))
                } else {
                    let isFlow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    stack.append(Frame(isMapping: false, isFlow: isFlow, mark: mark))
                }
                try count(&values, at: event.start_mark)
                continue
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                completed = frame.node
            default:
                continue
            }
            guard let node = completed else { continue }
            if !streaming.isEmpty, stack.count == 2, !stack[1].isMapping, stack[0].isMapping,
               let list = stack[0].key?.string, streaming.contains(list)
            {
                handler(list, stack[1].items.count, node)
                stack[1].items.append(.scalar(YAMLNode.Scalar(string: "", style: .plain, mark: node.mark)))
                continue
            }
            try attach(node, to: &stack, root: &root)
        }
    }

    /// Refuses a quoted value whose continuation lines (0-based `first...last`) are not
    /// indented more than column `indent` (0-based) of the block holding it. YAML 1.2 requires
    /// it (libyaml does not check); a line such as `flows:` in column 0 inside a quoted note
    /// would otherwise read as part of the note but look like a key to anyone editing the file.
    private func checkContinuation(
        from first: Int, to last: Int, beyond indent: Int, lines: inout [Int], _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(Diagnostic) {
        if lines.isEmpty {
            lines.append(0)
            var index = 0
            while index < bytes.count {
                let width = SourceLines.breakLength(at: index, in: bytes)
                index += max(width, 1)
                if width > 0 { lines.append(index) }
            }
        }
        for line in first...min(last, lines.count - 1) {
            var index = lines[line], spaces = 0
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
                index += 1
                spaces += 1
            }
            let blank = index >= bytes.count || SourceLines.breakLength(at: index, in: bytes) > 0
            if !blank && spaces <= indent {
                throw Diagnostic(
                    .error, .yamlSyntax, "YAML syntax: a quoted value continues on this line outside its block",
                    at: SourceLocation(file: file, line: line + 1, column: spaces + 1),
                    notes: ["indent the value's continuation lines past column \(indent + 1), or write the value on one line"])
            }
        }
    }

    /// Counts one more value (a scalar, or the start of a mapping or list).
    private func count(_ values: inout Int, at mark: yaml_mark_t) throws(Diagnostic) {
        values += 1
        if values > maximumValues {
            throw Diagnostic(
                .error, .tooManyValues, "the file has more than \(maximumValues) YAML values", at: at(mark),
                notes: ["split the file"])
        }
    }

    /// Adds a completed value to the collection being built (as a key or a value in a
    /// mapping), or makes it the document's root.
    private func attach(_ node: YAMLNode, to stack: inout [Frame], root: inout YAMLNode?) throws(Diagnostic) {
        guard let top = stack.last else {
            root = node
            return
        }
        guard top.isMapping else {
            top.items.append(node)
            return
        }
        if let key = top.key {
            top.pairs.append((key, node))
            top.key = nil
            return
        }
        if case .scalar(let scalar) = node {
            let first: YAMLNode.Mark?
            if let index = top.index {
                first = index[scalar.string]
            } else {
                first = top.pairs.first { $0.key.string == scalar.string }?.key.mark
            }
            if let first {
                throw Diagnostic(
                    .error, .duplicateKey, "duplicate key '\(Decoding.excerpt(scalar.string))'",
                    at: SourceLocation(file: file, line: scalar.mark.line, column: scalar.mark.column),
                    notes: [
                        Diagnostic.Note("first given here", at: SourceLocation(file: file, line: first.line, column: first.column)),
                        "each key may appear once in a mapping",
                    ])
            }
            if top.index != nil {
                top.index![scalar.string] = scalar.mark
            } else if top.pairs.count >= Self.scannedKeys {
                var built: [String: YAMLNode.Mark] = [:]
                for pair in top.pairs { if let key = pair.key.string { built[key] = pair.key.mark } }
                built[scalar.string] = scalar.mark
                top.index = built
            }
        }
        top.key = node
    }

    /// libyaml's error as a diagnostic: its problem as the message, what it was parsing (when
    /// that started elsewhere) as a note.
    private func syntaxError(_ parser: yaml_parser_t, _ bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_READER_ERROR:
            // libyaml gives a byte offset; the line and column are counted here.
            let (line, column) = SourceLines.position(ofByte: parser.problem_offset, in: bytes)
            return Diagnostic(
                .error, .unreadable, "cannot read the text: \(problem) at byte \(parser.problem_offset)",
                at: SourceLocation(file: file, line: line, column: column))
        case YAML_MEMORY_ERROR:
            return Diagnostic(.error, .yaml, "the YAML parser ran out of memory", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            var notes: [String] = []
            let mark = parser.problem_mark
            if let context = parser.context, parser.context_mark.line != mark.line || parser.context_mark.column != mark.column {
                notes.append("\(String(cString: context)) starting at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1)")
            }
            if SourceLines.scalar(line: mark.line + 1, column: mark.column + 1, in: bytes) == "\t" {
                notes.append("YAML does not allow tabs for indentation: indent with spaces")
            }
            if problem.hasPrefix("Maximum nesting level") {
                return Diagnostic(
                    .error, .tooDeep, "values nest more than \(maximumDepth) deep", at: at(mark),
                    notes: ["\(kind) need a few levels; this looks like a damaged or hostile file"])
            }
            return Diagnostic(.error, .yamlSyntax, "YAML syntax: \(problem)", at: at(mark), notes: notes)
        }
    }
}
