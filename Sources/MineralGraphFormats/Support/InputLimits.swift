import Foundation
/// The limits every reader puts on its input, so that no file, however large or malformed,
/// makes a command hang or exhaust memory (docs/limits.md). Each is a located error naming the
/// limit; reading time and memory grow linearly with the input up to them.
///
/// | Reader | Document size | Line | Fields | Nesting |
/// |---|---|---|---|---|
/// | graph YAML, scenarios, JSON graphs, edit payloads | ``maximumDocumentBytes`` | ``maximumLineBytes`` | ``maximumYAMLValues`` values | ``maximumDepth`` |
/// | DOT | ``maximumDocumentBytes`` | ``maximumLineBytes`` | ``maximumDOTAttributes`` per statement | none (no subgraphs) |
/// | CSV tables (production, trade, maps) | ``maximumTableBytes`` (whole-file readers) | ``maximumRecordBytes`` per record | ``maximumFields`` per record | none |
/// | edit scripts | ``maximumDocumentBytes`` | ``maximumLineBytes`` | — | ``maximumDepth`` (payloads) |
public enum InputLimits {
    /// Largest graph, scenario, JSON graph, DOT file or edit script: ``defaultDocumentBytes``
    /// (2 GiB, about 13 million flows in canonical form), or the MiB the environment variable
    /// `MINERAL_GRAPH_MAX_INPUT_MIB` names. ``GraphFileReader/init(maximumBytes:)`` sets it
    /// per reader.
    public static let maximumDocumentBytes = configuredDocumentBytes(ProcessInfo.processInfo.environment) ?? defaultDocumentBytes
    /// The document size limit when nothing configures another: 2 GiB.
    public static let defaultDocumentBytes = 2 << 30

    /// The limit `MINERAL_GRAPH_MAX_INPUT_MIB` sets (a whole number of MiB, 1 or more); `nil`
    /// when it is not set or not such a number.
    static func configuredDocumentBytes(_ environment: [String: String]) -> Int? {
        guard let text = environment["MINERAL_GRAPH_MAX_INPUT_MIB"], let mib = Int(text), mib >= 1, mib <= 1 << 20 else { return nil }
        return mib << 20
    }
    /// Longest line of a YAML, JSON or DOT file or an edit script: 1 MiB. Files written by
    /// mineral-graph and by people have short lines; a longer one is a damaged file or a whole
    /// document on one line (write it with line breaks: `python3 -m json.tool` for JSON).
    public static let maximumLineBytes = 1 << 20
    /// Deepest nesting of YAML mappings and lists: 64 (graph files need 5).
    public static let maximumDepth = 64
    /// Most YAML values (scalars, mappings, lists) in one file: one per 4 bytes of the largest
    /// document, at least 10 million (a canonical flow is about 160 bytes and 9 values).
    public static let maximumYAMLValues = max(10_000_000, maximumDocumentBytes / 4)
    /// Most attributes in one DOT statement (`[a=1, b=2 …]` lists together): 100,000.
    public static let maximumDOTAttributes = 100_000
    /// Largest CSV table read whole (production tables, product maps, country tables): 256 MiB.
    /// BACI and Comtrade files are streamed and have no size limit.
    public static let maximumTableBytes = 256 << 20
    /// Most fields in one CSV record: 10,000.
    public static let maximumFields = 10_000
    /// Longest CSV record: 1 MiB (a quoted field may span lines; the whole record counts).
    public static let maximumRecordBytes = 1 << 20

    /// The first line of `text` longer than ``maximumLineBytes``, as a located error at the
    /// first character past the limit; `nil` when every line fits. `yamlBreaks` counts NEL, LS
    /// and PS as line breaks, as libyaml does; otherwise lines end at LF, CR LF and a lone CR.
    static func longLine(in text: String, file: String, yamlBreaks: Bool, limit: Int = maximumLineBytes) -> Diagnostic? {
        var text = text
        return text.withUTF8 { bytes -> Diagnostic? in
            // Every line ends at a line feed or before: when no stretch between line feeds is
            // longer than the limit (memchr finds them fast), no line is.
            guard hasLongStretch(bytes, limit: limit) else { return nil }
            var line = 1
            var lineStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                // Only bytes that can start a break are looked at closely.
                if byte == 0x0A || byte == 0x0D || (yamlBreaks && (byte == 0xC2 || byte == 0xE2)) {
                    let length = SourceLines.breakLength(at: index, in: bytes)
                    let breaks = length > 0 && (yamlBreaks || byte == 0x0A || byte == 0x0D)
                    if breaks {
                        line += 1
                        index += length
                        lineStart = index
                        continue
                    }
                }
                if index - lineStart >= limit {
                    var column = 1
                    for offset in lineStart..<index where bytes[offset] & 0xC0 != 0x80 { column += 1 }
                    return Diagnostic(
                        .error, .lineTooLong, "line \(line) is longer than \(describe(bytes: limit))",
                        at: SourceLocation(file: file, line: line, column: column),
                        notes: ["lines may be at most \(limit) bytes; write the file with line breaks"])
                }
                index += 1
            }
            return nil
        }
    }

    /// Whether more than `limit` bytes stand between two line feeds (or the text's ends).
    private static func hasLongStretch(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var start = 0
        while start < bytes.count {
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count - start > limit }
            let length = UnsafeRawPointer(found) - UnsafeRawPointer(base + start)
            if length > limit { return true }
            start += length + 1
        }
        return false
    }

    /// A located error when `byteCount` exceeds `limit`.
    static func tooLarge(_ byteCount: Int, limit: Int, file: String, what: String, notes: [String] = []) -> Diagnostic? {
        guard byteCount > limit else { return nil }
        return Diagnostic(
            .error, .fileTooLarge, "the file is \(describe(bytes: byteCount)); \(what) may be at most \(describe(bytes: limit))",
            at: SourceLocation(file: file, line: 1, column: 1), notes: notes)
    }

    /// `64 MiB`, `1 MiB`, `512 KiB`, `300 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let mib = Double(bytes) / Double(1 << 20)
            return mib == mib.rounded() ? "\(Int(mib)) MiB" : String(format: "%.1f MiB", mib)
        }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
