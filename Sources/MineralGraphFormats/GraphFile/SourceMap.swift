import MineralGraphCore

/// Where each element and field of a graph stands in the file it was read from.
///
/// A graph file of tens of megabytes has millions of fields, so positions are kept packed, 32
/// bytes a field: per kind of element (graph, source, node, output, flow, other countries) an
/// array of entries in the order the readers record them, which is element order. A lookup
/// finds the element by binary search and its field among the element's few entries. An entry
/// recorded out of that order (no reader does) goes to a plain dictionary.
public struct SourceMap: Sendable {
    public let file: String
    /// Entries per element kind, sorted by element (first, then second index).
    private var kinds: [[Entry]] = Array(repeating: [], count: 6)
    private var unordered: [GraphLocation: Packed] = [:]
    /// Field names by code, and codes by name (code 0 is "no field").
    private var fieldNames: [String] = [""]
    private var fieldCodes: [String: UInt32] = [:]
    /// The field code stored last.
    private var lastCode: UInt32 = 0

    /// A position, and how the value is written when recorded with a shape.
    private struct Packed: Sendable {
        var keyLine: UInt32
        var keyColumn: UInt32
        var valueLine: UInt32
        var valueColumn: UInt32
        /// A ``ValueLayout/Shape``, or ``positionOnly``.
        var shape: UInt8

        static let positionOnly: UInt8 = .max
    }

    private struct Entry: Sendable {
        var first: UInt32
        var second: UInt32
        var field: UInt32
        var packed: Packed
    }

    private static let shapes: [ValueLayout.Shape] = [
        .plain, .empty, .singleQuoted, .doubleQuoted, .literal, .folded, .blockMapping, .flowMapping, .blockSequence, .flowSequence,
    ]

    public init(file: String) {
        self.file = file
    }

    mutating func record(_ location: GraphLocation, line: Int, column: Int) {
        store(location, Packed(keyLine: 0, keyColumn: 0, valueLine: UInt32(clamping: line), valueColumn: UInt32(clamping: column),
                               shape: Packed.positionOnly))
    }

    mutating func record(_ location: GraphLocation, layout: ValueLayout) {
        record(location, key: layout.key.map { ($0.line, $0.column) }, value: (layout.value.line, layout.value.column), shape: layout.shape)
    }

    /// Records where a value's key (if any) and the value start, and the value's style.
    mutating func record(_ location: GraphLocation, key: (line: Int, column: Int)?, value: (line: Int, column: Int), shape: ValueLayout.Shape) {
        store(location, Packed(
            keyLine: UInt32(clamping: key?.line ?? 0), keyColumn: UInt32(clamping: key?.column ?? 0),
            valueLine: UInt32(clamping: value.line), valueColumn: UInt32(clamping: value.column),
            shape: UInt8(Self.shapes.firstIndex(of: shape)!)))
    }

    /// How the element or field at exactly `location` is written (its key, its value's start
    /// and style); `nil` when the file does not have it. Fields of a node's `water` block are
    /// `.node(index:field:)` locations with fields such as `"water.aware_cf"`.
    public func layout(of location: GraphLocation) -> ValueLayout? {
        guard let packed = find(location), packed.shape != Packed.positionOnly else { return nil }
        let key = packed.keyLine == 0 ? nil : SourceLocation(file: file, line: Int(packed.keyLine), column: Int(packed.keyColumn))
        return ValueLayout(key: key, value: SourceLocation(file: file, line: Int(packed.valueLine), column: Int(packed.valueColumn)),
                           shape: Self.shapes[Int(packed.shape)])
    }

    /// The position of a field, else of its element, else of the graph's start.
    public func location(of location: GraphLocation) -> SourceLocation {
        let packed = find(location) ?? find(location.element) ?? find(.graph(field: nil))
        guard let packed else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: Int(packed.valueLine), column: Int(packed.valueColumn))
    }

    /// A validation finding as a located diagnostic.
    public func diagnostic(for issue: ValidationIssue) -> Diagnostic {
        Diagnostic(issue.severity, issue.code, issue.message, at: location(of: issue.location), notes: issue.notes)
    }

    // MARK: Storage

    private typealias Parts = (kind: Int, first: Int, second: Int, field: String?)

    private static func parts(_ location: GraphLocation) -> Parts {
        switch location {
        case .graph(let field): (0, 0, 0, field)
        case .source(let index, let field): (1, index, 0, field)
        case .node(let index, let field): (2, index, 0, field)
        case .output(let node, let index, let field): (3, node, index, field)
        case .flow(let index, let field): (4, index, 0, field)
        case .otherCountries(let index, let field): (5, index, 0, field)
        }
    }

    private mutating func store(_ location: GraphLocation, _ value: Packed) {
        let parts = Self.parts(location)
        guard parts.first >= 0, parts.first <= UInt32.max, parts.second >= 0, parts.second <= UInt32.max else {
            unordered[location] = value
            return
        }
        var code: UInt32 = 0
        if let field = parts.field {
            // Readers record an element's fields in the same order element after element, so
            // the field after the last one is tried before hashing the name.
            let next = Int(lastCode) + 1
            if next < fieldNames.count, fieldNames[next] == field {
                code = UInt32(next)
            } else if let known = fieldCodes[field] {
                code = known
            } else {
                code = UInt32(fieldNames.count)
                fieldNames.append(field)
                fieldCodes[field] = code
            }
        }
        if code != 0 { lastCode = code }
        let entry = Entry(first: UInt32(parts.first), second: UInt32(parts.second), field: code, packed: value)
        if let last = kinds[parts.kind].last, (last.first, last.second) > (entry.first, entry.second) {
            unordered[location] = value
        } else {
            kinds[parts.kind].append(entry)
        }
    }

    /// Appends the entries of `other`, a map of the same file recorded after this one's (the
    /// second part of a list read on another thread); `false`, and nothing appended, when one
    /// of its entries would come before this map's last of its kind.
    mutating func append(_ other: SourceMap) -> Bool {
        guard other.unordered.isEmpty else { return false }
        for kind in kinds.indices {
            if let last = kinds[kind].last, let first = other.kinds[kind].first, (last.first, last.second) > (first.first, first.second) {
                return false
            }
        }
        // Field codes are per map: the other's names get this map's codes.
        var codes: [UInt32] = [0]
        for name in other.fieldNames.dropFirst() {
            if let known = fieldCodes[name] {
                codes.append(known)
            } else {
                codes.append(UInt32(fieldNames.count))
                fieldCodes[name] = UInt32(fieldNames.count)
                fieldNames.append(name)
            }
        }
        for kind in kinds.indices {
            kinds[kind].append(contentsOf: other.kinds[kind].lazy.map { entry in
                var entry = entry
                entry.field = codes[Int(entry.field)]
                return entry
            })
        }
        return true
    }

    private func find(_ location: GraphLocation) -> Packed? {
        if !unordered.isEmpty, let value = unordered[location] { return value }
        let parts = Self.parts(location)
        guard parts.first >= 0, parts.first <= UInt32.max, parts.second >= 0, parts.second <= UInt32.max else { return nil }
        var code: UInt32 = 0
        if let field = parts.field {
            guard let known = fieldCodes[field] else { return nil }
            code = known
        }
        let entries = kinds[parts.kind]
        let element = (UInt32(parts.first), UInt32(parts.second))
        // The first entry of the element, then back from its last: the latest record wins.
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if (entries[mid].first, entries[mid].second) < element { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < entries.count, (entries[end].first, entries[end].second) == element { end += 1 }
        var index = end
        while index > low {
            index -= 1
            if entries[index].field == code { return entries[index].packed }
        }
        return nil
    }
}
