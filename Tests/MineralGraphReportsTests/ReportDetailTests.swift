import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports

/// `report --detail` (``ReportBuilder/detail``): by default the JSON and CSV carry what the
/// Markdown shows, the per-node and per-pair rows only with detail; with detail every format
/// is what `report` wrote before the option existed.
@Suite("Report detail")
struct ReportDetailTests {
    /// Worked example A (two cross-border flows, so two country pairs) with the bundled WGI
    /// table (so supply risk has partners).
    static func report(detail: Bool) throws -> Report {
        var builder = ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability())
        builder.detail = detail
        return try builder.build(ReportFixtures.cobalt, file: "cobalt.yaml")
    }

    static func json(_ report: Report) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(JSONFormatter().format(report).utf8)) as? [String: Any])
    }

    static func array(_ object: [String: Any], _ path: String...) -> [Any]? {
        var value: Any? = object
        for key in path { value = (value as? [String: Any])?[key] }
        return value as? [Any]
    }

    static func keys(_ report: Report) -> Set<ReportRow.Key> { Set(report.rows().map(\.key)) }

    @Test func theDefaultJSONLeavesOutThePerNodeAndPerPairRows() throws {
        let json = try Self.json(Self.report(detail: false))
        #expect(Self.array(json, "unequal_exchange", "bilateral")?.isEmpty == true)
        #expect(Self.array(json, "value_added", "nodes")?.isEmpty == true)
        #expect(Self.array(json, "water", "nodes")?.isEmpty == true)
        #expect(Self.array(json, "burden_benefit", "countries")?.isEmpty == true)
        let risk = try #require(json["supply_risk"] as? [[String: Any]])
        #expect(!risk.isEmpty)
        #expect(risk.allSatisfy { Self.array($0, "inputs", "partners")?.isEmpty == true })
        // Waste keeps the countries that waste reaches or leaves: none here.
        #expect(json["omitted_detail"] as? [String] == ["supply_risk", "value_added", "unequal_exchange", "water", "burden_benefit", "waste"])
    }

    @Test func theDefaultJSONHasWhatTheMarkdownShows() throws {
        let report = try Self.report(detail: false)
        let markdown = MarkdownFormatter().format(report)
        let json = try Self.json(report)
        // Concentration: mining HHI 4,732 (METHODS §1.4 worked example A).
        #expect(markdown.contains("| 4,732 |"))
        let concentration = try #require(json["concentration"] as? [[String: Any]])
        #expect(concentration.contains { $0["stage"] as? String == "mining" && $0["hhi"] as? Double == 4_732 })
        // Value added by stage: every stage the document's table lists.
        let stages = Set((Self.array(json, "value_added", "by_stage") as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String })
        #expect(stages == ["mining", "processing"])
        for stage in stages { #expect(markdown.contains("| \(stage) |")) }
        // The trade balance and terms of trade of the countries that trade (and the groups), as the document lists them.
        func countries(_ rows: [Any]?) -> Set<String> {
            Set((rows as? [[String: Any]] ?? []).compactMap { $0["party"] as? [String: Any] }.filter { $0["kind"] as? String == "country" }.compactMap { $0["id"] as? String })
        }
        let traded: Set<String> = ["AUS", "CHN", "COD"]
        for code in traded { #expect(markdown.contains("(\(code)) |"), "the trade table shows \(code)") }
        #expect(countries(Self.array(json, "unequal_exchange", "trade_balance")) == traded)
        #expect(countries(Self.array(json, "unequal_exchange", "terms_of_trade")) == traded)
        #expect(countries(Self.array(json, "unequal_exchange", "trade_balance")) != countries(Self.array(try Self.json(Self.report(detail: true)), "unequal_exchange", "trade_balance")))
        // Import concentration, concentration and supply risk keep every row.
        #expect(Self.array(json, "import_concentration")?.count == report.importConcentration.count)
        #expect(Self.array(json, "concentration")?.count == report.concentration.count)
        #expect(Self.array(json, "supply_risk")?.count == report.supplyRisk.count)
        // The document says what --detail adds instead of the per-node tables.
        #expect(markdown.contains("_Value added per node (7 producing nodes): left out; report --detail adds the table"))
        #expect(!markdown.contains("| Node | Country | Stage | Shipped |"))
        #expect(!markdown.contains("COD → CHN"))
    }

    @Test func detailRestoresTheRowsInEveryFormat() throws {
        let summary = try Self.report(detail: false), detail = try Self.report(detail: true)
        let json = try Self.json(detail)
        #expect(json["omitted_detail"] == nil)
        // Both directions of COD–CHN and AUS–CHN.
        #expect(Self.array(json, "unequal_exchange", "bilateral")?.count == 4)
        #expect(Self.array(json, "value_added", "nodes")?.count == 7)
        #expect(Self.array(json, "water", "nodes")?.isEmpty == false)
        #expect(Self.array(json, "burden_benefit", "countries")?.isEmpty == false)
        let risk = try #require(json["supply_risk"] as? [[String: Any]])
        #expect(risk.contains { Self.array($0, "inputs", "partners")?.isEmpty == false })
        let markdown = MarkdownFormatter().format(detail)
        #expect(markdown.contains("| Node | Country | Stage | Shipped |"))
        #expect(!markdown.contains("left out; report --detail"))

        // The summary's rows are the detail's less the per-node, per-pair and per-country detail rows.
        let (few, all) = (Self.keys(summary), Self.keys(detail))
        #expect(few.isSubset(of: all))
        let left = all.subtracting(few)
        #expect(left.contains { $0.section == "bilateral" && $0.item == "COD>CHN" })
        #expect(left.contains { $0.section == "value_added" && $0.itemKind == "node" && $0.item == "chn" })
        #expect(left.contains { $0.section == "water" && $0.itemKind == "node" })
        #expect(left.contains { $0.section == "burden_benefit" && $0.itemKind == "country" })
        #expect(left.allSatisfy { ["node", "pair", "country"].contains($0.itemKind) }, "\(left.filter { !["node", "pair", "country"].contains($0.itemKind) })")
        #expect(!left.contains { $0.section == "burden_benefit" && $0.itemKind == "group" })
    }

    @Test func theCSVAndItsTablesFollowTheDetail() throws {
        let summary = try Self.report(detail: false), detail = try Self.report(detail: true)
        let (few, all) = (CSVFormatter().format(summary), CSVFormatter().format(detail))
        #expect(!few.contains(",bilateral,pair,"))
        #expect(!few.contains(",value_added,node,"))
        #expect(!few.contains(",water,node,"))
        #expect(few.contains(",value_added,stage,processing,"))
        #expect(few.contains(",trade_balance,country,CHN,"))
        #expect(all.contains(",bilateral,pair,COD>CHN,"))
        #expect(all.contains(",value_added,node,chn,"))
        #expect(all.contains(",water,node,"))
        #expect(!summary.tables().contains { $0.name == "bilateral" })
        #expect(detail.tables().contains { $0.name == "bilateral" && $0.rows.count == 4 })
        let valueAdded = try #require(summary.tables().first { $0.name == "value_added" })
        let kind = try #require(valueAdded.columns.firstIndex(of: "item_kind"))
        #expect(!valueAdded.rows.contains { $0[kind] == "node" })
        #expect(detail.tables().first { $0.name == "value_added" }?.rows.contains { $0[kind] == "node" } == true)
    }

    @Test func aSummaryReadFromJSONIsTheSameReportAndWritesTheSameJSON() throws {
        let report = try Self.report(detail: false)
        let json = try JSONFormatter().format(report)
        let decoded = try JSONFormatter.decode(json)
        #expect(!decoded.detail)
        #expect(decoded == report)
        #expect(try JSONFormatter().format(decoded) == json)
        #expect(try JSONFormatter.decode(JSONFormatter().format(Self.report(detail: true))).detail)
    }

    /// reports/detail/ holds `report --detail` of one bundled graph. The files were committed as
    /// copies of reports/cobalt-2023.{md,json,csv} as `report` wrote them before `--detail`
    /// existed, so this checks that `--detail` output is byte-identical to the earlier reports
    /// (and, after `scripts/update-reports.sh`, that reports/detail/ is up to date).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestPaths.file("reports/detail").path), "reports/detail/ is absent"))
    func theDetailedReportIsTheEarlierReport() throws {
        let names = ReportsUpToDateTests.files(in: "reports/detail", extensions: ["md", "json", "csv"])
        #expect(!names.isEmpty)
        for name in names {
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            let format = try #require(ReportFormat.published.first { $0.fileExtension == URL(fileURLWithPath: name).pathExtension })
            let graph = try GraphFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent(stem + ".yaml").path).graph
            var builder = ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability())
            builder.detail = true
            let report = try builder.build(graph, file: stem + ".yaml")
            let committed = try String(contentsOf: TestPaths.file("reports/detail/" + name), encoding: .utf8)
            let generated = try format.formatter.format(report)
            #expect(committed == generated, "reports/detail/\(name) \(ReportsUpToDateTests.changes(committed: committed, generated: generated))")
        }
    }
}
