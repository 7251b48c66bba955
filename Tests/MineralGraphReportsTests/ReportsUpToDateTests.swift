import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphRendering
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports

/// reports/ holds what `mineral-graph report graphs/*.yaml --format all --out-dir reports`
/// writes, byte for byte; this test regenerates every report in memory with the same code and
/// compares. It checks whatever graphs exist (none is fine) and flags reports without a graph.
@Suite("Generated reports are up to date")
struct ReportsUpToDateTests {
    static let regenerate = "scripts/update-reports.sh (runs: mineral-graph report graphs/*.yaml --format all --out-dir reports)"

    /// The HTML with the diagram's `<figure>` replaced by a marker and without the maps and
    /// trend charts that `mineral-graph report` embeds (the map's structure is pinned by its
    /// golden test, the charts by the trend tests, and the command-line tests check that
    /// reports embed both).
    static func maskingDiagram(_ html: String) -> String {
        var html = html
        for heading in ["<h2>Where supply sits: maps</h2>\n", "<h2>Concentration over the years</h2>\n"] {
            if let start = html.range(of: heading), let end = html.range(of: "</div>\n", range: start.upperBound..<html.endIndex) {
                html.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        guard let heading = html.range(of: "<h2>Supply-chain diagram</h2>"),
              let end = html.range(of: "</figure>", range: heading.upperBound..<html.endIndex)
        else { return html }
        return html.replacingCharacters(in: heading.upperBound..<end.upperBound, with: "[diagram]")
    }

    /// The first changed lines, `-` as committed and `+` as generated.
    static func changes(committed: String, generated: String) -> String {
        "(- in reports/, + generated):\n" + lineDiff(expected: committed, actual: generated, limit: 12)
    }

    static func files(in directory: String, extensions: Set<String>) -> [String] {
        let path = TestPaths.file(directory).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension) }.sorted()
    }

    @Test func everyGraphHasCurrentReportsAndNoReportIsOrphaned() throws {
        let graphs = Self.files(in: "graphs", extensions: ["yaml"])
        let reportExtensions = Set(ReportFormat.published.map(\.fileExtension))
        var problems: [String] = []
        for name in graphs {
            let path = TestPaths.graphs.appendingPathComponent(name).path
            let document: GraphDocument
            do {
                document = try GraphFileReader().read(contentsOf: path)
            } catch {
                problems.append("graphs/\(name) cannot be read:\n\(error.description)")
                continue
            }
            // As `mineral-graph report` builds it: with the bundled governance table.
            let report = try ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability()).build(document.graph, file: name)
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            for format in ReportFormat.published {
                let relative = "reports/\(stem).\(format.fileExtension)"
                var expected = try format.formatter.format(report)
                var actual = try? String(contentsOf: TestPaths.file(relative), encoding: .utf8)
                if format == .html, document.graph.flows.isEmpty { actual = actual.map(Self.maskingDiagram) }
                if format == .html, !document.graph.flows.isEmpty {
                    // The embedded diagram carries Graphviz's version and font metrics; its
                    // content is pinned by the golden DOT tests, so compare the rest.
                    let svg = try DiagramRenderer().render(document.graph, as: .svg)
                    expected = Self.maskingDiagram(HTMLFormatter(diagramSVG: String(decoding: svg.data, as: UTF8.self)).format(report))
                    actual = actual.map(Self.maskingDiagram)
                    #expect(expected.contains("<h2>Supply-chain diagram</h2>"))
                }
                if actual == nil {
                    problems.append("\(relative) is missing")
                } else if let actual, actual != expected {
                    problems.append("\(relative) differs from what the tool generates for graphs/\(name) "
                                    + Self.changes(committed: actual, generated: expected))
                }
            }
        }
        let stems = Set(graphs.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
        for name in Self.files(in: "reports", extensions: reportExtensions)
        where !stems.contains(URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent) {
            problems.append("reports/\(name) has no graph graphs/\(URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent).yaml")
        }
        #expect(problems.isEmpty, "reports/ is out of date:\n- \(problems.joined(separator: "\n- "))\nRegenerate with \(Self.regenerate)")
    }

    /// reports/whatif/ holds what `mineral-graph whatif graphs/<stem>.yaml
    /// graphs/scenarios/<stem>-NAME.yaml --format all --out-dir reports/whatif` writes.
    @Test func everyScenarioHasCurrentWhatIfReports() throws {
        let graphStems = Self.files(in: "graphs", extensions: ["yaml"]).map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        let scenarios = Self.files(in: "graphs/scenarios", extensions: ["yaml"])
        let formats: [ReportFormat] = [.markdown, .html, .json]
        var problems: [String] = []
        for name in scenarios {
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            guard let graphStem = graphStems.filter({ stem.hasPrefix($0 + "-") }).max(by: { $0.count < $1.count }) else {
                problems.append("graphs/scenarios/\(name) names no graph: call it <graph stem>-NAME.yaml")
                continue
            }
            let root = TestPaths.graphs
            let graph = try GraphFileReader().read(contentsOf: root.appendingPathComponent("\(graphStem).yaml").path).graph
            let scenario = try ScenarioFileReader().read(contentsOf: root.appendingPathComponent("scenarios/\(name)").path).scenario
            let reports = ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability())
            let report = try WhatIfReportBuilder(reports: reports).build(graph: graph, scenario: scenario, graphFile: "\(graphStem).yaml", scenarioFile: name)
            for format in formats {
                let relative = "reports/whatif/\(stem).\(format.fileExtension)"
                let actual = try? String(contentsOf: TestPaths.file(relative), encoding: .utf8)
                if actual == nil {
                    problems.append("\(relative) is missing")
                } else if let actual, case let generated = try WhatIfFormatter(format: format).format(report), actual != generated {
                    problems.append("\(relative) differs from what the tool generates for graphs/scenarios/\(name) "
                                    + Self.changes(committed: actual, generated: generated))
                }
            }
        }
        let stems = Set(scenarios.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
        for name in Self.files(in: "reports/whatif", extensions: Set(formats.map(\.fileExtension)))
        where !stems.contains(URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent) {
            problems.append("reports/whatif/\(name) has no scenario in graphs/scenarios/")
        }
        #expect(problems.isEmpty, "reports/whatif/ is out of date:\n- \(problems.joined(separator: "\n- "))\nRegenerate with scripts/update-reports.sh")
    }

    /// reports/trends/ holds the `trend` reports of every multi-year production graph.
    @Test func everyProductionGraphHasCurrentTrendReports() throws {
        var problems: [String] = []
        let graphs = Self.files(in: "graphs", extensions: ["yaml"]).filter { $0.contains("-production-") }
        #expect(!graphs.isEmpty)
        for name in graphs {
            let graph = try GraphFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent("" + name).path).graph
            let report = try TrendReportBuilder(monteCarlo: .standard).build([graph], files: [name])
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            for format in ReportFormat.published {
                let relative = "reports/trends/\(stem).\(format.fileExtension)"
                let actual = try? String(contentsOf: TestPaths.file(relative), encoding: .utf8)
                if actual == nil {
                    problems.append("\(relative) is missing")
                } else if let actual, case let generated = try TrendFormatter(format: format).format(report), actual != generated {
                    problems.append("\(relative) differs from what the tool generates for graphs/\(name) "
                                    + Self.changes(committed: actual, generated: generated))
                }
            }
        }
        #expect(problems.isEmpty, "reports/trends/ is out of date:\n- \(problems.joined(separator: "\n- "))\nRegenerate with scripts/update-reports.sh")
    }
}
