/// How a value is spelled in a graph file: where its key and its first character stand, and
/// in which YAML style it is written.
///
/// ``SourceMap`` keeps one for every element and field it records, so that an edit can change
/// a value in place (`GraphTextPatcher`) without rewriting anything around it.
public struct ValueLayout: Hashable, Sendable {
    /// The YAML style of a value.
    public enum Shape: Hashable, Sendable {
        /// A plain scalar: `COD`, `170000`, `Kokkola refinery`.
        case plain
        /// A field with nothing after its colon (`notes:`), read as null. Its position is just
        /// after the colon.
        case empty
        case singleQuoted
        case doubleQuoted
        /// A `|` block scalar; its position is the `|`.
        case literal
        /// A `>` block scalar; its position is the `>`.
        case folded
        /// A mapping written with indentation; its position is its first key.
        case blockMapping
        /// A `{...}` mapping; its position is the `{`.
        case flowMapping
        /// A list written with `- ` items; its position is the first `-`.
        case blockSequence
        /// A `[...]` list; its position is the `[`.
        case flowSequence

        /// Whether the value is a scalar (including an empty value).
        public var isScalar: Bool {
            switch self {
            case .plain, .empty, .singleQuoted, .doubleQuoted, .literal, .folded: true
            default: false
            }
        }
    }

    /// Where the field's key starts; `nil` for list items and the document's root.
    public var key: SourceLocation?
    /// Where the value starts.
    public var value: SourceLocation
    public var shape: Shape

    public init(key: SourceLocation?, value: SourceLocation, shape: Shape) {
        self.key = key
        self.value = value
        self.shape = shape
    }
}
