import Foundation

/// The ``Report`` as JSON: snake_case keys in sorted order, pretty printed, `null` for
/// missing values, numbers already rounded by ``ReportBuilder`` (so their shortest decimal
/// form is stable), a final newline.
///
/// Top-level keys: `format`, `graph`, `settings`, `concentration` (one item per mineral ×
/// stage × year with `mineral`, `stage`, `year`, `hhi`, `hhi_lo`, `hhi_hi`, `cr1`, `cr3`,
/// `n_eq`, `band`, `residual_share`, `top` [{`country`, `share`, …}] and more),
/// `facility_concentration`, `import_concentration`, `bottlenecks`, `methods`.
public struct JSONFormatter: ReportFormatter {
    public init() {}

    public func format(_ report: Report) throws -> String {
        try Self.encode(report)
    }

    /// `value` in this format's JSON style (also used for comparisons).
    static func encode(_ value: some Encodable) throws -> String {
        try JSONWriter.encode(value)
    }

    /// `value` through Foundation's `JSONEncoder` with the settings ``JSONWriter`` reproduces
    /// (kept to check the writer against).
    static func encodeWithFoundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// A country brief in the same JSON style.
    public static func encodeBrief(_ brief: CountryBrief) throws -> String {
        try encode(brief)
    }

    /// Reads a report written by ``format(_:)``.
    public static func decode(_ text: String) throws -> Report {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Report.self, from: Data(text.utf8))
    }
}
