import Foundation
import MineralGraphCore

/// Which mineral and supply-chain stage an HS product belongs to: a table shipped as data
/// (`Resources/hs-mineral-map.csv`) and extendable or overridable by a file of the same shape.
///
/// Columns (header names in any order and case):
/// - `hs_code` (2 to 10 digits; a heading such as `2605` covers every code that starts with it,
///   and the longest matching prefix wins);
/// - `hs_revisions`: the HS revisions the code exists in, `HS92-HS22` or a single `HS22`
///   (optional in a user's map: the code is then taken in every revision);
/// - `mineral` (a `MineralCatalog` id or alias; empty to mark a code as "not a mineral
///   product", which overrides a shorter prefix);
/// - `stage` (mining, processing, manufacturing or waste: the stage of the node that supplies
///   the product; waste products are shipped from the exporter's use stage to the importer's
///   waste stage);
/// - optional `to_stage`: the stage of the node that receives it, where it is not the usual one
///   (intermediates such as nickel matte or alumina go from processing to processing;
///   manufactured goods used by industry go to use);
/// - optional `product` (a name), `also_contains` (other catalogue minerals the product carries,
///   separated by `;`) and `note` (required with `also_contains`: what the product holds and
///   where that is stated);
/// - `contained_share` (tonnes of the mineral's contained basis per tonne of product, where the
///   product's chemistry fixes it) and `contained_share_source` (required with a share).
///
/// The built-in table covers the ores, concentrates, intermediates, refined forms, scrap and the
/// manufactured goods that carry the minerals of the catalogue, from HS 1992 to HS 2022
/// (docs/import.md lists them).
public struct HSProductMap: Sendable {
    public struct Entry: Hashable, Sendable {
        public var code: String
        /// `nil` when the code is marked "not a mineral product".
        public var mineral: MineralID?
        public var stage: Stage?
        public var product: String?
        public var containedShare: Double?
        public var containedShareSource: String?
        /// The HS revisions the code exists in; `nil` when the map does not say (every revision).
        public var revisions: HSRevisionRange?
        /// The stage of the node that receives the product, where it is not
        /// ``TradeGraphBuilder/receivingStage(of:)`` of `stage`.
        public var receivingStage: Stage?
        /// Other minerals the product carries (a lithium-ion cell carries cobalt, nickel, graphite ...).
        public var alsoContains: [MineralID] = []
        /// What the product holds beyond `mineral`, with its source.
        public var note: String?
        /// The file and line the entry comes from (`hs-mineral-map.csv:5` for the built-in table).
        public var origin: String
    }

    /// Entries by code.
    public private(set) var entries: [String: Entry]

    public init(entries: [Entry] = []) {
        self.entries = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The entry for `code`: the longest prefix of it in the map (the code itself first) whose
    /// revisions include `revision`; entries are not filtered when `revision` is `nil`.
    public func entry(for code: String, revision: HSRevision? = nil) -> Entry? {
        var prefix = Substring(code)
        while prefix.count >= 2 {
            if let entry = entries[String(prefix)], entry.isValid(in: revision) { return entry }
            prefix = prefix.dropLast()
        }
        return nil
    }

    /// This map with the entries of `other` added; `other` wins for codes in both.
    public func overridden(by other: HSProductMap) -> HSProductMap {
        var result = self
        for (code, entry) in other.entries { result.entries[code] = entry }
        return result
    }

    public static let builtInName = "hs-mineral-map.csv"

    /// The table shipped with mineral-graph.
    public static func builtIn() throws(DiagnosticError) -> HSProductMap {
        guard let url = Bundle.module.url(forResource: "hs-mineral-map", withExtension: "csv"),
            let data = try? Data(contentsOf: url)
        else {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .missingResource, "the built-in HS product map (\(builtInName)) is missing from the installation", at: nil)],
                text: nil)
        }
        return try parse(bytes: [UInt8](data), file: builtInName)
    }

    /// Reads a map file (`--product-map`).
    public static func read(contentsOf path: String) throws(DiagnosticError) -> HSProductMap {
        try parse(bytes: TradeTableReader.readAll(path), file: path)
    }

    public static let columns = [
        "hs_code", "hs_revisions", "mineral", "stage", "to_stage", "product", "also_contains", "note", "contained_share",
        "contained_share_source",
    ]

    /// Parses map bytes; errors carry `file:line:column`.
    public static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> HSProductMap {
        let text = String(decoding: bytes, as: UTF8.self)
        var diagnostics: [Diagnostic] = []
        let budget = SuggestionBudget()
        func fail(_ code: DiagnosticCode, _ message: String, _ line: Int, _ column: Int, notes: [String] = []) {
            diagnostics.append(Diagnostic(.error, code, message, at: SourceLocation(file: file, line: line, column: column), notes: notes))
        }
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: bytes)
        } catch {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .csvSyntax, error.message, at: SourceLocation(file: file, line: error.line, column: error.column))], text: text)
        }
        guard let header = records.first else {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .emptyTable, "the product map is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                                       notes: ["expected a header: " + columns.joined(separator: ",")])], text: text)
        }
        let index = TradeColumns.index(header)
        for required in ["hs_code", "mineral", "stage"] where index[TradeColumns.key(required)] == nil {
            fail(.missingColumn, "the product map has no '\(required)' column", header.line, 1, notes: ["columns: " + columns.joined(separator: ", ")])
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics: diagnostics, text: text) }
        func field(_ record: CSVRecord, _ name: String) -> (text: String, column: Int)? {
            guard let i = index[TradeColumns.key(name)], i < record.count else { return nil }
            return (record[i].trimmingCharacters(), record.position(of: i).column)
        }
        var entries: [Entry] = []
        var firstLine: [String: Int] = [:]
        for record in records.dropFirst() {
            let code = field(record, "hs_code") ?? ("", 1)
            guard !code.text.isEmpty, code.text.count >= 2, code.text.count <= 10, code.text.allSatisfy(\.isASCIIDigit) else {
                fail(.badHsCode, "HS code '\(code.text)' is not 2 to 10 digits", record.line, code.column)
                continue
            }
            if let first = firstLine[code.text] {
                fail(.duplicateHsCode, "HS code \(code.text) is mapped twice", record.line, code.column, notes: ["first on line \(first)"])
                continue
            }
            firstLine[code.text] = record.line
            var entry = Entry(code: code.text, origin: "\((file as NSString).lastPathComponent):\(record.line)")
            entry.product = field(record, "product").flatMap { $0.text.isEmpty ? nil : $0.text }
            let mineral = field(record, "mineral") ?? ("", 1)
            if !mineral.text.isEmpty {
                guard let info = MineralCatalog.resolve(mineral.text) else {
                    let hints = budget.suggestions { MineralCatalog.suggestions(for: mineral.text) }
                    fail(.unknownMineral, "unknown mineral '\(mineral.text)'", record.line, mineral.column,
                         notes: hints.isEmpty ? [] : ["did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?"])
                    continue
                }
                entry.mineral = info.id
                let stage = field(record, "stage") ?? ("", 1)
                guard let parsed = Stage(rawValue: stage.text.lowercased()), parsed != .use else {
                    fail(.unknownStage, "stage '\(stage.text)' is not mining, processing, manufacturing or waste", record.line, stage.column)
                    continue
                }
                entry.stage = parsed
                if let toStage = field(record, "to_stage"), !toStage.text.isEmpty {
                    guard let receiving = Stage(rawValue: toStage.text.lowercased()), receiving != .mining else {
                        fail(.unknownStage, "to_stage '\(toStage.text)' is not processing, manufacturing, use or waste", record.line, toStage.column)
                        continue
                    }
                    entry.receivingStage = receiving
                }
                if let also = field(record, "also_contains"), !also.text.isEmpty {
                    var minerals: [MineralID] = []
                    for name in also.text.split(separator: ";").map({ String($0).trimmingCharacters() }) where !name.isEmpty {
                        guard let other = MineralCatalog.resolve(name) else {
                            let hints = MineralCatalog.suggestions(for: name)
                            fail(.unknownMineral, "unknown mineral '\(name)' in also_contains", record.line, also.column,
                                 notes: hints.isEmpty ? [] : ["did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?"])
                            continue
                        }
                        if other.id == info.id {
                            fail(.repeatedMineral, "also_contains repeats the code's mineral '\(info.id)'", record.line, also.column)
                            continue
                        }
                        if !minerals.contains(other.id) { minerals.append(other.id) }
                    }
                    entry.alsoContains = minerals
                    if field(record, "note")?.text.isEmpty ?? true {
                        fail(.contentsWithoutNote, "\(code.text) carries several minerals but has no note", record.line, also.column,
                             notes: ["say in 'note' what the product holds and where that is stated"])
                        continue
                    }
                }
            }
            entry.note = field(record, "note").flatMap { $0.text.isEmpty ? nil : $0.text }
            if let revisions = field(record, "hs_revisions"), !revisions.text.isEmpty {
                guard let range = HSRevisionRange(revisions.text) else {
                    fail(.badHsRevisions, "hs_revisions '\(revisions.text)' is not a range such as HS92-HS22 or a revision such as HS22",
                         record.line, revisions.column, notes: ["revisions: " + HSRevision.allCases.map(\.code).joined(separator: ", ")])
                    continue
                }
                entry.revisions = range
            }
            if let share = field(record, "contained_share"), !share.text.isEmpty {
                guard let value = Double(share.text), value.isFinite, value > 0 else {
                    fail(.badShare, "contained share '\(share.text)' is not a positive number", record.line, share.column)
                    continue
                }
                guard value <= 1 else {
                    fail(.badShare, "contained share \(share.text) is above 1, but contained tonnes may not exceed the product's gross tonnes",
                         record.line, share.column,
                         notes: ["give the share as a fraction: 0.6 for 60 % (tonnes of the mineral's contained basis per tonne of product)"])
                    continue
                }
                let source = field(record, "contained_share_source")?.text ?? ""
                if source.isEmpty {
                    fail(.shareWithoutSource, "contained share of \(code.text) has no contained_share_source", record.line, share.column,
                         notes: ["say where the figure comes from (a stoichiometry, a grade standard, a publication)"])
                    continue
                }
                entry.containedShare = value
                entry.containedShareSource = source
            }
            entries.append(entry)
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics: diagnostics, text: text) }
        return HSProductMap(entries: entries)
    }
}

extension HSProductMap.Entry {
    /// Whether the code exists in `revision` (always when either is unknown).
    public func isValid(in revision: HSRevision?) -> Bool {
        guard let revision, let revisions else { return true }
        return revisions.contains(revision)
    }
}
