/// One record (row) of a CSV file: its fields as UTF-8 bytes and where each field starts.
///
/// Fields are decoded to `String` only when asked for, so scanning large files (BACI has
/// millions of rows) can read numbers straight from the bytes with ``withFieldBytes(_:_:)``.
public struct CSVRecord: Sendable {
    /// Line of the record's first field (1-based; a quoted field with newlines spans lines).
    public let line: Int
    /// Concatenated field bytes; `ranges[i]` delimits field `i` (quotes removed, `""` → `"`).
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]
    private let starts: [Position]
    private let quoted: [Bool]

    /// Where a field starts: 1-based line and column (columns count Unicode scalars, as
    /// ``DiagnosticRenderer`` does; a quoted field starts at its opening quote).
    public struct Position: Hashable, Sendable {
        public var line: Int
        public var column: Int
    }

    init(line: Int, bytes: [UInt8], ranges: [Range<Int>], starts: [Position], quoted: [Bool]) {
        self.line = line
        self.bytes = bytes
        self.ranges = ranges
        self.starts = starts
        self.quoted = quoted
    }

    /// Number of fields.
    public var count: Int { ranges.count }

    /// Field `index` decoded as UTF-8 (invalid sequences become U+FFFD).
    public subscript(index: Int) -> String {
        String(decoding: bytes[ranges[index]], as: UTF8.self)
    }

    /// Every field, decoded.
    public var fields: [String] { (0..<count).map { self[$0] } }

    /// Where field `index` starts.
    public func position(of index: Int) -> Position { starts[index] }

    /// Whether field `index` was enclosed in double quotes (`""` is an empty quoted field).
    public func isQuoted(_ index: Int) -> Bool { quoted[index] }

    /// Calls `body` with the raw UTF-8 bytes of field `index`, without decoding.
    public func withFieldBytes<R>(_ index: Int, _ body: (ArraySlice<UInt8>) throws -> R) rethrows -> R {
        try body(bytes[ranges[index]])
    }
}

/// A CSV syntax error with its position.
public struct CSVSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public var description: String { "\(line):\(column): \(message)" }
}
