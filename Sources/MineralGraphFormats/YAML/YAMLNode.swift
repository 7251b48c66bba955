/// A YAML value as ``YAMLComposer`` builds it: scalars with their style, mappings and lists
/// with whether they are written in flow style (`{...}`, `[...]`), each with where it starts.
///
/// The tree is small on purpose (no tags, no anchors: the composer refuses aliases), because a
/// graph file of tens of megabytes has millions of values. Positions are 1-based lines and
/// columns counted as libyaml counts them (columns in Unicode scalars; a line ends at LF, CR LF,
/// a lone CR, NEL, LS or PS).
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// Where a value starts: for a block mapping its first key, for a block list its first
    /// `-`, for a flow collection its bracket, for a block scalar its `|` or `>`.
    struct Mark: Hashable, Sendable {
        private let storedLine: UInt32
        private let storedColumn: UInt32

        init(line: Int, column: Int) {
            storedLine = UInt32(clamping: line)
            storedColumn = UInt32(clamping: column)
        }

        var line: Int { Int(storedLine) }
        var column: Int { Int(storedColumn) }
    }

    /// How a scalar is written.
    enum Style: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    struct Scalar: Sendable {
        var string: String
        var style: Style
        var mark: Mark

        /// Whether the scalar is written without quotes or block indicators.
        var isPlain: Bool { style == .plain }
    }

    /// A mapping's keys and values in file order. Keys that are scalars are unique (the composer
    /// refuses a repeated key).
    struct Mapping: RandomAccessCollection, Sendable {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var isFlow: Bool
        var mark: Mark

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }

        /// The keys in file order.
        var keys: [YAMLNode] { pairs.map(\.key) }

        /// The value of the scalar key `key`, if the mapping has it.
        subscript(key: String) -> YAMLNode? {
            pairs.first { $0.key.string == key }?.value
        }
    }

    /// A list's items in order.
    struct Sequence: RandomAccessCollection, Sendable {
        var items: [YAMLNode]
        var isFlow: Bool
        var mark: Mark

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> YAMLNode { items[position] }
    }

    var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }

    /// The text of a scalar; `nil` for a mapping or a list.
    var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }
}
