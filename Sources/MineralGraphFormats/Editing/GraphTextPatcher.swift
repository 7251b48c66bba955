import MineralGraphCore

/// Carries the difference between a graph and its edited version into the text of the file
/// the graph was read from, changing only what differs.
///
/// Nothing is re-serialised: each changed field is a small patch at the positions the
/// ``SourceMap`` recorded. A changed scalar has just its characters replaced (a comment after it
/// stays); a new field is inserted as its own line after the field that precedes it in canonical
/// key order, at the element's indentation; a removed field loses its lines; a removed list item
/// loses its lines, the comment lines directly above it that are indented like it, and one blank
/// separator; added items go after the list's last item in the list's own style (indentation,
/// `- {flow}` items, blank lines between items or not). Values are written as
/// ``GraphFileWriter`` writes them. Every other byte stays as it was.
struct GraphTextPatcher {
    /// The patcher met a layout it cannot change in place; the message says what.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let map: SourceMap
    private let text: TextLayout
    private var patches: [Patch] = []
    private var deletedLines = Set<Int>()

    private struct Patch {
        var range: Range<Int>
        var text: String
        /// Among insertions at one offset: fields (0) before list items (1) before new sections (2).
        var priority: Int
        var sequence: Int
    }

    /// A mapping in the file and how to find its fields.
    private struct MappingRef {
        let layout: ValueLayout
        let location: (String) -> GraphLocation
        let keys: [String]

        var inFlow: Bool { layout.shape == .flowMapping }
        /// The indentation of a block mapping: the column of its keys, less one.
        var indent: Int { layout.value.column - 1 }
    }

    /// A field that the file has.
    private struct FieldSpan {
        let key: String
        let layout: ValueLayout
        let keyOffset: Int
        let valueStart: Int
        let valueEnd: Int
    }

    private init(document: GraphDocument) {
        map = document.sourceMap
        text = TextLayout(document.text)
    }

    /// The text of `document` changed to hold `result.graph`, whose elements' origins in
    /// `document.graph` `result` records.
    static func patch(_ document: GraphDocument, to result: GraphEditResult) throws(Failure) -> String {
        var patcher = GraphTextPatcher(document: document)
        try patcher.patchElements(original: document.graph, result: result)
        return try patcher.applied()
    }

    // MARK: Elements

    private mutating func patchElements(original: SupplyGraph, result: GraphEditResult) throws(Failure) {
        for (node, origin) in zip(result.graph.nodes, result.nodeOrigins) {
            guard let origin, original.nodes[origin] != node else { continue }
            try patchNode(origin, from: original.nodes[origin], to: node)
        }
        for (flow, origin) in zip(result.graph.flows, result.flowOrigins) {
            guard let origin, original.flows[origin] != flow else { continue }
            let ref = try mapping(.flow(index: origin, field: nil), keys: GraphFields.flowKeys) { .flow(index: origin, field: $0) }
            try patchMapping(ref, old: GraphFields.flow(original.flows[origin]), new: GraphFields.flow(flow)) { key, _ throws(Failure) in
                throw Failure(description: "flow field '\(key)' is not a scalar")
            }
        }
        try patchList(
            .nodes, count: original.nodes.count, kept: result.nodeOrigins.compactMap { $0 },
            added: zip(result.graph.nodes, result.nodeOrigins).filter { $0.1 == nil }.map { .mapping(GraphFields.node($0.0)) },
            item: { .node(index: $0, field: nil) })
        try patchList(
            .flows, count: original.flows.count, kept: result.flowOrigins.compactMap { $0 },
            added: zip(result.graph.flows, result.flowOrigins).filter { $0.1 == nil }.map { .mapping(GraphFields.flow($0.0)) },
            item: { .flow(index: $0, field: nil) })
    }

    private mutating func patchNode(_ origin: Int, from old: Node, to new: Node) throws(Failure) {
        let ref = try mapping(.node(index: origin, field: nil), keys: GraphFields.nodeKeys) { .node(index: origin, field: $0) }
        let map = self.map
        try patchMapping(ref, old: GraphFields.node(old), new: GraphFields.node(new)) { key, index throws(Failure) in
            switch (key, index) {
            case (NodeKey.water.rawValue, nil):
                return try Self.mapping(map, .node(origin, .water), keys: GraphFields.waterKeys) {
                    .node(index: origin, field: NodeKey.water.rawValue + "." + $0)
                }
            case (NodeKey.outputs.rawValue, let index?):
                return try Self.mapping(map, .output(node: origin, index: index, field: nil), keys: GraphFields.outputKeys) {
                    .output(node: origin, index: index, field: $0)
                }
            default:
                throw Failure(description: "node field '\(key)' cannot be changed in place")
            }
        }
    }

    private func mapping(_ location: GraphLocation, keys: [String], _ field: @escaping (String) -> GraphLocation) throws(Failure) -> MappingRef {
        try Self.mapping(map, location, keys: keys, field)
    }

    private static func mapping(
        _ map: SourceMap, _ location: GraphLocation, keys: [String], _ field: @escaping (String) -> GraphLocation
    ) throws(Failure) -> MappingRef {
        guard let layout = map.layout(of: location), layout.shape == .blockMapping || layout.shape == .flowMapping else {
            throw Failure(description: "no mapping recorded at \(location)")
        }
        return MappingRef(layout: layout, location: field, keys: keys)
    }

    // MARK: Fields

    /// Changes the fields of `ref` that differ between `old` and `new`. `child` gives the
    /// mapping of a nested value: a mapping field (index `nil`) or a list's item.
    private mutating func patchMapping(
        _ ref: MappingRef, old: [(String, YAMLValue?)], new: [(String, YAMLValue?)],
        child: (String, Int?) throws(Failure) -> MappingRef
    ) throws(Failure) {
        let oldValues = Dictionary(old.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let fields = spans(of: ref)
        for (key, newValue) in new {
            let oldValue = oldValues[key] ?? nil
            guard oldValue != newValue else { continue }
            guard let field = fields.first(where: { $0.key == key }) else {
                if let newValue { try insert(key, newValue, into: ref, fields: fields, priority: 0) }
                continue
            }
            guard let newValue else {
                try remove(field, from: ref, fields: fields)
                continue
            }
            if field.layout.shape.isScalar {
                switch newValue {
                case .text, .verbatim: replaceScalar(field, with: newValue, in: ref)
                case .mapping, .sequence:
                    // The reader accepts no scalar where a mapping or list is expected.
                    throw Failure(description: "'\(key)' holds a scalar where a mapping or list is needed")
                }
                continue
            }
            switch (oldValue, newValue) {
            case (.verbatim?, .verbatim(let figure)) where [.flowMapping, .blockMapping].contains(field.layout.shape):
                // A figure with its uncertainty, `{value: 80, range: [60, 100]}` (``FigureText``).
                add(field.valueStart..<field.valueEnd, figure, priority: 0)
            case (nil, _):
                // An empty collection (`water: {}`) given content: written in flow style in its place.
                add(field.valueStart..<field.valueEnd, YAMLValue.flow(newValue), priority: 0)
            case (.mapping(let oldFields)?, .mapping(let newFields)):
                try patchMapping(try child(key, nil), old: oldFields.map { ($0.key, $0.value) },
                                 new: Self.allKeys(newFields, like: oldFields), child: child)
            case (.sequence(let oldItems)?, .sequence(let newItems)) where oldItems.count == newItems.count:
                for (index, (oldItem, newItem)) in zip(oldItems, newItems).enumerated() where oldItem != newItem {
                    guard case .mapping(let oldFields) = oldItem, case .mapping(let newFields) = newItem else {
                        throw Failure(description: "'\(key)' holds items that are not mappings")
                    }
                    try patchMapping(try child(key, index), old: oldFields.map { ($0.key, $0.value) },
                                     new: Self.allKeys(newFields, like: oldFields), child: child)
                }
            default:
                throw Failure(description: "'\(key)' changed shape (\(oldValue.map { "\($0)" } ?? "missing") to \(newValue))")
            }
        }
    }

    /// `fields` with the keys of `old` that it lacks given as `nil`, so that they are removed.
    private static func allKeys(_ fields: [YAMLValue.Field], like old: [YAMLValue.Field]) -> [(String, YAMLValue?)] {
        var result: [(String, YAMLValue?)] = fields.map { ($0.key, $0.value) }
        for field in old where !fields.contains(where: { $0.key == field.key }) { result.append((field.key, nil)) }
        return result
    }

    /// The fields of `ref` that the file has, in canonical key order.
    private func spans(of ref: MappingRef) -> [FieldSpan] {
        ref.keys.compactMap { key in
            guard let layout = map.layout(of: ref.location(key)), let keyLocation = layout.key else { return nil }
            let start = text.offset(layout.value)
            let end = text.valueEnd(from: start, shape: layout.shape, indent: ref.indent, inFlow: ref.inFlow)
            return FieldSpan(key: key, layout: layout, keyOffset: text.offset(keyLocation), valueStart: start, valueEnd: end)
        }
    }

    private mutating func replaceScalar(_ field: FieldSpan, with value: YAMLValue, in ref: MappingRef) {
        var replacement: String
        switch value {
        case .text(let string) where !ref.inFlow:
            if YAMLText.fitsLiteralBlock(string), restOfLineIsBlank(after: field.valueEnd) {
                replacement = (["|-"] + YAMLValue.literalLines(string, indent: ref.indent + 2)).joined(separator: text.newline)
            } else {
                replacement = YAMLText.scalar(string)
            }
        default:
            replacement = YAMLValue.flow(value)
        }
        if field.layout.shape == .empty { replacement = " " + replacement }
        add(field.valueStart..<field.valueEnd, replacement, priority: 0)
    }

    private mutating func remove(_ field: FieldSpan, from ref: MappingRef, fields: [FieldSpan]) throws(Failure) {
        let byPosition = fields.sorted { $0.keyOffset < $1.keyOffset }
        let next = byPosition.first { $0.keyOffset > field.keyOffset }
        let previous = byPosition.last { $0.keyOffset < field.keyOffset }
        if !ref.inFlow, text.startsLine(field.keyOffset) {
            let first = text.line(of: field.keyOffset)
            let last = text.fieldLastLine(valueEnd: field.valueEnd, indent: ref.indent)
            deletedLines.formUnion(first...last)
        } else if let next {
            add(field.keyOffset..<next.keyOffset, "", priority: 0)
        } else if ref.inFlow {
            add((previous?.valueEnd ?? field.keyOffset)..<field.valueEnd, "", priority: 0)
        } else {
            throw Failure(description: "cannot remove '\(field.key)', the only field of its item")
        }
    }

    /// Inserts `key: value` where canonical key order puts it: after the field the file has that
    /// comes before it in that order, or else before the mapping's first field.
    private mutating func insert(_ key: String, _ value: YAMLValue, into ref: MappingRef, fields: [FieldSpan], priority: Int) throws(Failure) {
        guard let rank = ref.keys.firstIndex(of: key) else { throw Failure(description: "unknown key '\(key)'") }
        let anchor = fields.last { ref.keys.firstIndex(of: $0.key)! < rank }
        let section = priority == 2
        if ref.inFlow {
            let entry = key + ": " + YAMLValue.flow(value)
            if let anchor {
                add(anchor.valueEnd..<anchor.valueEnd, ", " + entry, priority: priority)
            } else if let first = fields.min(by: { $0.keyOffset < $1.keyOffset }) {
                add(first.keyOffset..<first.keyOffset, entry + ", ", priority: priority)
            } else {
                let inside = text.offset(ref.layout.value) + 1
                add(inside..<inside, entry, priority: priority)
            }
            return
        }
        let lines = (section ? [""] : []) + YAMLValue.blockLines(key: key, value: value, indent: ref.indent)
        if let anchor {
            insertLines(lines, afterLine: text.fieldLastLine(valueEnd: anchor.valueEnd, indent: ref.indent), priority: priority)
        } else if let first = fields.min(by: { $0.keyOffset < $1.keyOffset }) {
            if text.startsLine(first.keyOffset) {
                let start = text.lineStarts[text.line(of: first.keyOffset)]
                add(start..<start, lines.map { $0 + text.newline }.joined(), priority: priority)
            } else {
                // The first key follows `- `: the new field takes its place and it moves down.
                var body = lines
                body[0] = String(body[0].dropFirst(ref.indent))
                let pad = String(repeating: " ", count: ref.indent)
                add(first.keyOffset..<first.keyOffset, body.map { $0 + text.newline }.joined() + pad, priority: priority)
            }
        } else {
            throw Failure(description: "cannot add '\(key)' to an empty mapping")
        }
    }

    // MARK: Lists

    /// Removes the items of the top-level list `key` that are not `kept` and appends `added`.
    private mutating func patchList(
        _ key: GraphKey, count: Int, kept: [Int], added: [YAMLValue], item: (Int) -> GraphLocation
    ) throws(Failure) {
        guard kept.count != count || !added.isEmpty else { return }
        guard let list = map.layout(of: .graph(key)), let keyLocation = list.key else {
            let root = try mapping(.graph(field: nil), keys: GraphFields.graphKeys) { .graph(field: $0) }
            try insert(key.rawValue, .sequence(added), into: root, fields: spans(of: root), priority: 2)
            return
        }
        let keyLine = text.line(of: text.offset(keyLocation))
        let rootIsFlow = map.layout(of: .graph(field: nil))?.shape == .flowMapping
        let start = text.offset(list.value)
        switch list.shape {
        case .blockSequence:
            try patchBlockList(count: count, kept: Set(kept), added: added, keyLocation: keyLocation, keyLine: keyLine, item: item)
        case .flowSequence where count > 0:
            try patchFlowList(count: count, kept: Set(kept), added: added, start: start, item: item)
        case .flowSequence, .empty, .plain, .singleQuoted, .doubleQuoted:
            // An empty list (`[]`, nothing, or null) given its first items.
            let end = text.valueEnd(from: start, shape: list.shape, indent: 0, inFlow: rootIsFlow)
            if rootIsFlow {
                add(start..<end, (list.shape == .empty ? " " : "") + YAMLValue.flow(.sequence(added)), priority: 1)
            } else {
                add(afterColon(from: text.offset(keyLocation))..<end, "", priority: 1)
                insertLines(added.flatMap { YAMLValue.itemLines($0, dashIndent: 2) + [""] }.dropLast(),
                            afterLine: text.line(of: end), priority: 1)
            }
        default:
            throw Failure(description: "'\(key)' is not a list")
        }
    }

    private mutating func patchBlockList(
        count: Int, kept: Set<Int>, added: [YAMLValue], keyLocation: SourceLocation, keyLine: Int, item: (Int) -> GraphLocation
    ) throws(Failure) {
        struct Item { var first: Int; var dashLine: Int; var last: Int; var dashIndent: Int; var isFlow: Bool }
        var items: [Item] = []
        for index in 0..<count {
            guard let layout = map.layout(of: item(index)) else { throw Failure(description: "no position for item \(index + 1)") }
            let start = text.offset(layout.value)
            var dash = start - 1
            while dash > 0, " \t\r\n".unicodeScalars.contains(text.scalars[dash]) { dash -= 1 }
            guard dash >= 0, text.scalars[dash] == "-" else { throw Failure(description: "no '-' before item \(index + 1)") }
            let dashLine = text.line(of: dash)
            let dashIndent = dash - text.lineStarts[dashLine]
            let last = text.blockLastLine(from: dashLine, indent: dashIndent, sequence: false)
            // Comment lines right above the item, indented like it, go with it.
            let floor = items.last?.last ?? keyLine
            var first = dashLine
            while first - 1 > floor, text.isComment(first - 1), text.indentation(first - 1) >= dashIndent { first -= 1 }
            items.append(Item(first: first, dashLine: dashLine, last: last, dashIndent: dashIndent, isFlow: layout.shape == .flowMapping))
        }
        for (index, entry) in items.enumerated() where !kept.contains(index) {
            deletedLines.formUnion(entry.first...entry.last)
            let above = entry.first - 1, below = entry.last + 1
            if above > keyLine, text.isBlank(above) {
                deletedLines.insert(above)
            } else if below < text.lineCount, text.isBlank(below) {
                var next = below
                while next < text.lineCount, text.isBlank(next) { next += 1 }
                if index + 1 < items.count, items[index + 1].first == next { deletedLines.insert(below) }
            }
        }
        if kept.isEmpty && added.isEmpty {
            let colon = afterColon(from: text.offset(keyLocation))
            add(colon..<colon, " []", priority: 1)
            return
        }
        guard !added.isEmpty, let lastItem = items.last else { return }
        let separated = items.count >= 2 ? text.isBlank(items[1].first - 1) : true
        var lines: [String] = []
        for (index, value) in added.enumerated() {
            if separated && (index > 0 || !kept.isEmpty) { lines.append("") }
            if items[0].isFlow {
                lines.append(String(repeating: " ", count: items[0].dashIndent) + "- " + YAMLValue.flow(value))
            } else {
                lines += YAMLValue.itemLines(value, dashIndent: items[0].dashIndent)
            }
        }
        insertLines(lines, afterLine: lastItem.last, priority: 1)
    }

    private mutating func patchFlowList(
        count: Int, kept: Set<Int>, added: [YAMLValue], start: Int, item: (Int) -> GraphLocation
    ) throws(Failure) {
        var spans: [Range<Int>] = []
        for index in 0..<count {
            guard let layout = map.layout(of: item(index)) else { throw Failure(description: "no position for item \(index + 1)") }
            let itemStart = text.offset(layout.value)
            spans.append(itemStart..<text.valueEnd(from: itemStart, shape: layout.shape, indent: 0, inFlow: true))
        }
        let addedText = added.map(YAMLValue.flow).joined(separator: ", ")
        if kept.isEmpty {
            if added.isEmpty {
                add(start..<text.flowCollectionEnd(from: start), "[]", priority: 1)
            } else {
                add(spans[0].lowerBound..<spans[count - 1].upperBound, addedText, priority: 1)
            }
            return
        }
        var index = 0
        while index < count {
            guard !kept.contains(index) else { index += 1; continue }
            var last = index
            while last + 1 < count, !kept.contains(last + 1) { last += 1 }
            if last + 1 < count {
                add(spans[index].lowerBound..<spans[last + 1].lowerBound, "", priority: 1)
            } else {
                add(spans[index - 1].upperBound..<spans[last].upperBound, "", priority: 1)
            }
            index = last + 1
        }
        if !added.isEmpty {
            let end = spans[count - 1].upperBound
            add(end..<end, ", " + addedText, priority: 1)
        }
    }

    // MARK: Text

    /// The offset just after the `:` that follows the key at `keyOffset`.
    private func afterColon(from keyOffset: Int) -> Int {
        var i = keyOffset
        while i < text.scalars.count, text.scalars[i] != ":" { i += 1 }
        return min(i + 1, text.scalars.count)
    }

    private func restOfLineIsBlank(after offset: Int) -> Bool {
        let end = text.contentEnd(text.line(of: offset))
        return (offset..<end).allSatisfy { text.scalars[$0] == " " || text.scalars[$0] == "\t" }
    }

    private mutating func insertLines(_ lines: [String], afterLine line: Int, priority: Int) {
        let offset = text.lineEnd(line)
        if line == text.lineCount - 1, !text.endsWithNewline {
            add(offset..<offset, lines.map { text.newline + $0 }.joined(), priority: priority)
        } else {
            add(offset..<offset, lines.map { $0 + text.newline }.joined(), priority: priority)
        }
    }

    private mutating func add(_ range: Range<Int>, _ replacement: String, priority: Int) {
        patches.append(Patch(range: range, text: replacement, priority: priority, sequence: patches.count))
    }

    /// The text with every patch and line deletion applied.
    private func applied() throws(Failure) -> String {
        var all = patches
        var line = 0
        let lines = deletedLines.sorted()
        while line < lines.count {
            var last = line
            while last + 1 < lines.count, lines[last + 1] == lines[last] + 1 { last += 1 }
            all.append(Patch(range: text.lineStarts[lines[line]]..<text.lineEnd(lines[last]), text: "", priority: 0, sequence: all.count))
            line = last + 1
        }
        all.sort { a, b in
            (a.range.lowerBound, a.range.isEmpty ? 0 : 1, a.priority, a.sequence)
                < (b.range.lowerBound, b.range.isEmpty ? 0 : 1, b.priority, b.sequence)
        }
        // Unchanged stretches are copied from the original string (its UTF-8 in one go), with
        // one forward walk of its indices: copying them scalar by scalar took most of an
        // edit's time on a large file.
        let original = text.original.unicodeScalars
        var out = ""
        out.reserveCapacity(text.original.utf8.count + all.reduce(0) { $0 + $1.text.utf8.count })
        var cursor = 0
        var cursorIndex = original.startIndex
        for patch in all {
            guard patch.range.lowerBound >= cursor else {
                throw Failure(description: "two changes overlap at line \(text.line(of: patch.range.lowerBound) + 1)")
            }
            let start = original.index(cursorIndex, offsetBy: patch.range.lowerBound - cursor)
            out.unicodeScalars.append(contentsOf: original[cursorIndex..<start])
            out += patch.text
            cursorIndex = original.index(start, offsetBy: patch.range.count)
            cursor = patch.range.upperBound
        }
        out.unicodeScalars.append(contentsOf: original[cursorIndex...])
        return out
    }
}
