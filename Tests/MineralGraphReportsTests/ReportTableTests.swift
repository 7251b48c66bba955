import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import Testing

@testable import MineralGraphReports

/// The tidy per-section tables (`report --format csv --out-dir`) and the formula guard of every
/// report CSV.
@Suite("Report tables for spreadsheets")
struct ReportTableTests {
    static let hyperlink = "=HYPERLINK(\"http://x\",\"y\")"

    /// The cobalt example with a node named like a spreadsheet formula and one with an id that is one.
    static func formulaReport() throws -> Report {
        var graph = ReportFixtures.cobalt
        graph.nodes[0].name = hyperlink
        return try ReportFixtures.report(graph)
    }

    /// Every field of every record of a CSV text.
    static func fields(_ csv: String) throws -> [[String]] {
        try CSVParser.records(in: Array(csv.utf8)).map(\.fields)
    }

    @Test func formulaNamesAreNeutralisedAndNumbersStayNumbers() throws {
        let report = try Self.formulaReport()
        let texts = [CSVFormatter().format(report)] + report.tables().map(\.csv)
        var guarded = 0, negatives = 0
        for text in texts {
            for field in try Self.fields(text).joined() {
                guard let first = field.unicodeScalars.first, CSVText.formulaStarts.contains(first) else {
                    if field == "'" + Self.hyperlink { guarded += 1 }
                    continue
                }
                #expect(Double(field) != nil, "unguarded formula cell \(field)")
                negatives += 1
            }
        }
        #expect(guarded >= 2, "the node's name in the long CSV and in a table")
        #expect(negatives > 0, "the example has negative figures, which must stay numbers")
    }

    @Test func tablesFollowTheRegistry() throws {
        for report in try ReportSectionRegistryTests.reports() {
            let tables = report.tables()
            let names = tables.map(\.name)
            #expect(Set(names).count == names.count, "two tables share a name")
            // Every row section of the long rows has its table, in the same order.
            var sections: [String] = []
            for row in report.rows() where !sections.contains(row.key.section) { sections.append(row.key.section) }
            #expect(names == sections)
            for table in tables {
                #expect(table.rows.allSatisfy { $0.count == table.columns.count }, "\(table.name): ragged rows")
                #expect(Set(table.columns).count == table.columns.count, "\(table.name): duplicate columns")
            }
        }
    }

    @Test func concentrationAndImportTablesNameTheTopSuppliers() throws {
        let report = try ReportFixtures.report()
        let tables = Dictionary(uniqueKeysWithValues: report.tables().map { ($0.name, $0) })
        let concentration = try #require(tables["concentration"])
        let mining = try #require(concentration.rows.first { $0[concentration.columns.firstIndex(of: "stage")!] == "mining" })
        func cell(_ table: ReportTable, _ row: [String], _ column: String) -> String { row[table.columns.firstIndex(of: column)!] }
        #expect(cell(concentration, mining, "top1_country") == "COD")
        #expect(cell(concentration, mining, "top1_name") == "DR Congo")
        #expect(cell(concentration, mining, "top1_share") == "0.68")
        #expect(cell(concentration, mining, "mineral_name") == "Cobalt")
        let imports = try #require(tables["import_concentration"])
        let china = try #require(imports.rows.first)
        #expect(cell(imports, china, "importer") == "CHN" && cell(imports, china, "importer_name") == "China")
        #expect(cell(imports, china, "tonnes_top1_country") == "COD" && cell(imports, china, "tonnes_top1_name") == "DR Congo")
        #expect(cell(imports, china, "tonnes_top2_country") == "AUS")
        #expect(imports.columns.contains("value_top\(report.settings.topSuppliers)_share"))
    }

    @Test func pivotGivesOneColumnPerMetricAndUnit() {
        func row(_ item: String, _ metric: String, _ unit: String, _ value: ReportRow.Value, basis: String = "") -> ReportRow {
            ReportRow(key: .init(section: "s", itemKind: "country", item: item, metric: metric, unit: unit), itemName: item.lowercased(), basis: basis, year: 2023, value: value)
        }
        let rows = [
            row("A", "x", "USD", .number(-1.5), basis: "t Co"), row("A", "t", "t Co", .number(2), basis: "t Co"),
            row("B", "x", "USD", .unavailable(Unavailable(.missingValue, "none")), basis: "t Li2O"),
            row("B", "t", "t Li2O", .number(3), basis: "t Li2O"),
            row("B", "y", "m3", .number(1), basis: "t Li2O"), row("B", "y", "m3 world-eq", .number(2), basis: "t Li2O"),
        ]
        let table = ReportTable.pivoted(rows)
        #expect(table.count == 1)
        #expect(table[0].columns == ReportTable.itemColumns + ["x", "x_unavailable", "t", "y_m3", "y_m3_world_eq"])
        #expect(table[0].rows.map { Array($0.suffix(5)) } == [["-1.5", "", "2", "", ""], ["", "MISSING_VALUE", "3", "1", "2"]])
    }
}
