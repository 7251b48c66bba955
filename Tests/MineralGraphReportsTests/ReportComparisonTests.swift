import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports

@Suite("Report rows and comparisons")
struct ReportComparisonTests {
    static let exampleGraphs = ReportsUpToDateTests.files(in: "graphs", extensions: ["yaml"])

    static func exampleReport(_ name: String) throws -> Report {
        let path = TestPaths.graphs.appendingPathComponent(name).path
        return try ReportBuilder().build(try GraphFileReader().read(contentsOf: path).graph, file: name)
    }

    /// The fixture with DRC mine output halved.
    static var halved: SupplyGraph {
        var graph = ReportFixtures.cobalt
        graph.nodes[0].outputs[0].containedTonnes = 34
        graph.flows[0].containedTonnes = 25
        return graph
    }

    static func row(
        _ metric: String, _ value: ReportRow.Value, section: String = "concentration", stage: String = "mining", unit: String = "HHI",
        item: String = "mining", itemKind: String = "stage"
    ) -> ReportRow {
        ReportRow(
            key: ReportRow.Key(section: section, mineral: "cobalt", stage: stage, itemKind: itemKind, item: item, metric: metric, unit: unit),
            year: 2023, value: value)
    }

    /// The `<main>` element of an HTML page, which the formatter writes as well-formed XML.
    static func main(_ html: String) -> String {
        guard let start = html.range(of: "<main>"), let end = html.range(of: "</main>") else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static let info = Report.GraphInfo(name: "G", year: 2023, file: nil, description: nil, sources: [])

    // MARK: Rows

    @Test(arguments: exampleGraphs)
    func everyFigureHasItsOwnKeyAndTheConcentrationMetricsAreThere(_ name: String) throws {
        let report = try Self.exampleReport(name)
        let rows = report.rows()
        var seen = Set<ReportRow.Key>()
        let repeated = rows.filter { !seen.insert($0.key).inserted }.map(\.key.description)
        #expect(repeated.isEmpty, "\(name): repeated keys \(repeated.prefix(5))")
        for market in report.concentration {
            for metric in ["hhi", "cr1", "cr3", "n_eq", "band"] {
                #expect(seen.contains(ReportRow.Key(
                    section: "concentration", mineral: market.mineral.rawValue, stage: market.stage.rawValue,
                    itemKind: "stage", item: market.stage.rawValue, metric: metric, unit: metric == "band" ? "label" : metric == "n_eq" ? "suppliers" : metric == "hhi" ? "HHI" : "share")),
                    "\(name): \(market.mineral) \(market.stage) \(metric)")
            }
        }
        for importer in report.importConcentration {
            let row = rows.first { $0.key.section == "import_concentration" && $0.key.item == importer.importer.rawValue
                && $0.key.mineral == importer.mineral.rawValue && $0.key.stage == importer.stage.rawValue && $0.key.metric == "hhi_by_tonnes" }
            #expect(row?.value == importer.byTonnes.hhi.map(ReportRow.Value.number) ?? row?.value)
            #expect(row != nil, "\(name): import HHI of \(importer.importer)")
        }
    }

    @Test func theCSVPrintsTheRowsAfterTheWideConcentrationRows() throws {
        let report = try ReportFixtures.report()
        let lines = CSVFormatter().format(report).split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        let long = report.rows().filter { $0.key.section != "concentration" }
        #expect(lines.count == report.concentration.count + long.count + 1)  // and the final empty line
        #expect(Array(lines.dropFirst(report.concentration.count).prefix(long.count)) == long.map { Substring(CSVFormatter.line($0).dropLast()) })
        #expect(long.contains { $0.key.section == "import_concentration" && $0.key.item == "CHN" && $0.key.metric == "hhi_by_tonnes" })
    }

    // MARK: Joining

    @Test func aReportComparedWithItselfHasNoChange() throws {
        let report = try ReportFixtures.report()
        let comparison = ReportComparison(before: report, after: report)
        #expect(comparison.isUnchanged)
        #expect(comparison.rows.count == report.rows().count)
        #expect(comparison.counts == [.unchanged: comparison.rows.count, .changed: 0, .added: 0, .removed: 0])
        #expect(comparison.largestChanges(limit: 10).isEmpty)
    }

    @Test func halvingTheDRCMinesShowsMiningHHIBeforeAndAfter() throws {
        let before = try ReportFixtures.report()
        let after = try ReportFixtures.report(Self.halved)
        let comparison = ReportComparison(before: before, after: after)
        let hhi = try #require(comparison.rows.first { $0.key.section == "concentration" && $0.key.stage == "mining" && $0.key.metric == "hhi" })
        let (a, b) = (before.concentration.first { $0.stage == .mining }!, after.concentration.first { $0.stage == .mining }!)
        #expect(hhi.before == .number(a.hhi!))
        #expect(hhi.after == .number(b.hhi!))
        #expect(hhi.status == .changed)
        #expect(hhi.delta == ReportUnit.hhi.round(b.hhi! - a.hhi!))
        #expect(hhi.delta! < 0)
        #expect(hhi.relativeDelta == nil)  // HHI changes are read in points
        let tonnes = try #require(comparison.rows.first { $0.key.section == "concentration" && $0.key.stage == "mining" && $0.key.metric == "total_tonnes" })
        #expect(tonnes.delta == -34)
        #expect(tonnes.relativeDelta == ReportUnit.ratio.round(-34 / a.totalTonnes))
        // The processing market is unchanged in volume terms at CHN only through the flow;
        // whatever changed, the largest change ranks first.
        let largest = comparison.largestChanges(limit: 3)
        #expect(largest.count == 3)
        #expect(zip(largest, largest.dropFirst()).allSatisfy { $0.magnitude! >= $1.magnitude! })
    }

    @Test func addedAndRemovedRowsKeepTheirPlace() {
        let a = [Self.row("a", .number(1)), Self.row("b", .number(2)), Self.row("c", .number(3))]
        let b = [Self.row("x", .number(9)), Self.row("a", .number(1)), Self.row("y", .number(9)), Self.row("c", .number(4)), Self.row("z", .number(9))]
        let comparison = ReportComparison(before: Self.info, after: Self.info, beforeRows: a, afterRows: b)
        #expect(comparison.rows.map(\.key.metric) == ["x", "a", "y", "b", "c", "z"])
        #expect(comparison.rows.map(\.status) == [.added, .unchanged, .added, .removed, .changed, .added])
        #expect(comparison.rows[3].after == nil && comparison.rows[0].before == nil)
        #expect(comparison.rows[4].delta == 1)
    }

    @Test func unavailableValuesStayExplicit() throws {
        let missing = Unavailable(.missingValue, "flow x has no value")
        let a = [Self.row("h", .number(5)), Self.row("u", .unavailable(missing)), Self.row("v", .unavailable(missing))]
        let b = [Self.row("h", .unavailable(missing)), Self.row("u", .unavailable(Unavailable(.missingValue, "flow y has no value"))),
                 Self.row("v", .unavailable(Unavailable(.noSupply, "none")))]
        let comparison = ReportComparison(before: Self.info, after: Self.info, beforeRows: a, afterRows: b)
        #expect(comparison.rows.map(\.status) == [.changed, .unchanged, .changed])
        #expect(comparison.rows[0].delta == nil)
        let formatter = ComparisonFormatter(format: .markdown)
        #expect(formatter.change(comparison.rows[0]) == "now unavailable")
        #expect(formatter.display(comparison.rows[0].after, unit: "HHI") == "n/a (MISSING_VALUE)")
        let json = try ComparisonFormatter(format: .json).format(comparison)
        #expect(json.contains("\"code\" : \"MISSING_VALUE\""))
        let csv = try ComparisonFormatter(format: .csv).format(comparison)
        #expect(csv.split(separator: "\n")[1] == "concentration,cobalt,mining,,stage,mining,,h,HHI,changed,5,,,,,MISSING_VALUE")
    }

    @Test func relativeChangesOnlyForAmounts() {
        func row(_ unit: String, _ a: Double, _ b: Double) -> ReportComparison.Row {
            ReportComparison.Row(key: ReportRow.Key(section: "s", itemKind: "chain", item: "chain", metric: "m", unit: unit),
                                 itemName: "", basis: "", before: .number(a), after: .number(b))
        }
        #expect(row("t", 200, 150).relativeDelta == -0.25)
        #expect(row("USD", -200, -100).relativeDelta == 0.5)
        #expect(row("t", 0, 150).relativeDelta == nil)
        #expect(row("share", 0.5, 0.25).relativeDelta == nil)
        #expect(row("HHI", 5000, 2500).relativeDelta == nil)
        #expect(row("share", 0.7391, 0.5862).delta == -0.1529)  // no floating-point residue
        #expect(row("HHI", 5000, 2500).magnitude == 0.25)
        #expect(row("t", 200, 150).magnitude == 0.25)
    }

    // MARK: Formats

    @Test func markdownLeadsWithHHIAndBandChanges() throws {
        let a = [Self.row("hhi", .number(5800)), Self.row("band", .label("highly-concentrated"), unit: "label"),
                 Self.row("total_tonnes", .number(100), unit: "t Co")]
        let b = [Self.row("hhi", .number(1800)), Self.row("band", .label("unconcentrated"), unit: "label"),
                 Self.row("total_tonnes", .number(65), unit: "t Co")]
        let comparison = ReportComparison(before: Self.info, after: Self.info, beforeRows: a, afterRows: b)
        let markdown = try ComparisonFormatter(format: .markdown).format(comparison)
        let hhiTable = try #require(markdown.range(of: "## Concentration per stage (HHI)"))
        let largest = try #require(markdown.range(of: "## Largest changes"))
        let sections = try #require(markdown.range(of: "## Changes by section"))
        #expect(hhiTable.lowerBound < largest.lowerBound && largest.lowerBound < sections.lowerBound)
        #expect(markdown.contains("| Cobalt · mining | 5,800 | 1,800 | −4,000 | highly concentrated → unconcentrated |"))
        #expect(markdown.contains("| total_tonnes (t Co) | 100 | 65 | −35 (−35 %) |"))
        let html = try ComparisonFormatter(format: .html).format(comparison)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<td>highly concentrated → unconcentrated</td>"))
        try XMLCheck.assertWellFormed(Self.main(html))
    }

    @Test func outputIsDeterministicAndChangedOnlyLeavesUnchangedRowsOut() throws {
        let comparison = ReportComparison(before: try ReportFixtures.report(), after: try ReportFixtures.report(Self.halved))
        for format in ReportFormat.allCases {
            let formatter = ComparisonFormatter(format: format)
            #expect(try formatter.format(comparison) == formatter.format(comparison), "\(format)")
        }
        let json = try ComparisonFormatter(format: .json, changedOnly: true).format(comparison)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "mineral-graph-comparison/1")
        let summary = try #require(object["summary"] as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(summary["rows"] as? Int == comparison.rows.count)
        #expect(summary["changed_only"] as? Bool == true)
        #expect(rows.count == comparison.rows.count - comparison.counts[.unchanged]!)
        #expect(rows.allSatisfy { $0["status"] as? String != "unchanged" })
        let keys = Set(rows.first!.keys)
        #expect(keys == ["section", "mineral", "stage", "year", "item_kind", "item", "item_name", "metric", "unit", "basis", "status",
                         "before", "after", "delta", "relative_delta"])
        let csv = try ComparisonFormatter(format: .csv, changedOnly: true).format(comparison)
        #expect(csv.split(separator: "\n").count == rows.count + 1)
        #expect(csv.hasPrefix(ComparisonFormatter.csvColumns.joined(separator: ",") + "\n"))
    }

    @Test func hostileNamesAreEscapedInEveryFormat() throws {
        // Names come from the graph after, so the hostile one is shown.
        let comparison = ReportComparison(before: try ReportFixtures.report(), after: try ReportFixtures.report(ReportFixtures.hostileGraph))
        let html = try ComparisonFormatter(format: .html).format(comparison)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        let markdown = try ComparisonFormatter(format: .markdown).format(comparison)
        #expect(markdown.contains("&lt;script&gt;"))
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(!tableLines.isEmpty)
        for line in tableLines {
            // 5 to 7 columns: the cell separators are the only unescaped pipes.
            #expect((6...8).contains(HostileReportTests.unescapedPipes(line)), "\(line)")
        }
        let csv = try ComparisonFormatter(format: .csv).format(comparison)
        #expect(csv.contains(Escaping.csv(ReportFixtures.hostile)))
    }
}
