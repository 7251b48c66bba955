import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports

/// The what-if report with the intervals of its figures (docs/methods.md §11.2): absent, byte for
/// byte, when every range is zero; beside the figures and in the JSON otherwise.
@Suite("What-if report: intervals of the figures")
struct WhatIfUncertaintyTests {
    static let formats: [ReportFormat] = [.markdown, .html, .json, .text]

    static func outputs(_ graph: SupplyGraph, _ scenario: Scenario, _ graphFile: String, _ scenarioFile: String, settings: MonteCarloSettings = .standard) throws -> [String] {
        let reports = ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability(), monteCarlo: settings)
        let report = try WhatIfReportBuilder(reports: reports).build(graph: graph, scenario: scenario, graphFile: graphFile, scenarioFile: scenarioFile)
        return try formats.map { try WhatIfFormatter(format: $0).format(report) }
    }

    /// Every bundled scenario on its graph with every range at zero gives the report of the
    /// graph without uncertainty; for graphs without uncertain figures, that is the committed
    /// report of reports/whatif/ (what the tool gave before the what-if had intervals).
    @Test func zeroRangesGiveTheReportsOfExactGraphsByteForByte() throws {
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: TestPaths.graphs.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let graphs = try FileManager.default.contentsOfDirectory(atPath: TestPaths.graphs.path).filter { $0.hasSuffix(".yaml") }
        #expect(!scenarios.isEmpty)
        var comparedWithCommitted = 0
        for name in scenarios {
            let stem = String(name.dropLast(5))
            let graphFile = try #require(graphs.filter { stem.hasPrefix(String($0.dropLast(5)) + "-") }.max { $0.count < $1.count })
            let graph = try GraphFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent(graphFile).path).graph
            let scenario = try ScenarioFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent("scenarios/" + name).path).scenario
            var zero = graph
            zero.uncertaintyDefaults = UncertaintyDefaults(estimated: 0, production: 0, flows: 0)
            try #require(UncertainFigures(zero).isEmpty)
            let exact = try Self.outputs(graph.withoutUncertainty, scenario, graphFile, name)
            let zeroed = try Self.outputs(zero, scenario, graphFile, name)
            for (format, (a, b)) in zip(Self.formats, zip(exact, zeroed)) {
                #expect(a == b, "\(name) \(format): \(lineDiff(expected: a, actual: b, limit: 6))")
                #expect(!b.contains("Uncertainty:") && !b.contains("\"uncertainty\""))
            }
            guard UncertainFigures(graph).isEmpty else { continue }
            for (format, text) in zip(Self.formats, zeroed) where format != .text {
                let committed = try String(contentsOf: TestPaths.file("reports/whatif/\(stem).\(format.fileExtension)"), encoding: .utf8)
                #expect(text == committed, "\(name) \(format): \(lineDiff(expected: committed, actual: text, limit: 6))")
                comparedWithCommitted += 1
            }
        }
        #expect(comparedWithCommitted >= 3, "some bundled scenario runs on a graph without uncertain figures")
    }

    /// The toy chain of METHODS §4.4 with one uncertain flow: M_D → R_C uniform on [50, 70] t.
    /// Halving M_D without spare gives R_C a shortfall of half that flow, uniform on [25, 35] t,
    /// which the Markdown prints beside the figure and the JSON gives as quantiles named by the
    /// chosen interval.
    @Test func theReportPrintsIntervalsBesideTheFiguresAndTheJSONTheirQuantiles() throws {
        var graph = ChainFixturesForReports.toy()
        graph.flows[0].uncertainty = FigureUncertainties(containedTonnes: .range(low: 50, high: 70))
        let scenario = Scenario(id: "halve", shocks: [.cut(OutputCut(nodes: [.id(["M_D"])], fraction: 0.5))])
        let settings = MonteCarloSettings(draws: 2_000, seed: 2, lowerProbability: 0.1, upperProbability: 0.9)
        let texts = try Self.outputs(graph, scenario, "toy.yaml", "halve.yaml", settings: settings)
        let markdown = texts[0]
        #expect(markdown.contains("- **Uncertainty:** 1 figure of the graph carry an interval") == false)
        #expect(markdown.contains("- **Uncertainty:** 1 figure of the graph carries an interval"))
        #expect(markdown.contains("10–90 % interval over 2,000 graphs"))
        // R_C: 30 t short (37.5 %), the 10–90 % interval of the tonnes 26–34 (25 + 10 p).
        #expect(markdown.contains("| R_C | CHN | processing | Cobalt | 80 | 30 t (26–34), 37.5 %"), "\(markdown)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(texts[2].utf8)) as? [String: Any])
        let uncertainty = try #require(json["uncertainty"] as? [String: Any])
        #expect(uncertainty["draws"] as? Int == 2_000 && uncertainty["seed"] as? Int == 2)
        let bounds = try #require(uncertainty["bounds"] as? [[String: Any]])
        let nodes = try #require(bounds.first?["nodes"] as? [[String: Any]])
        let rc = try #require(nodes.first { $0["node_id"] as? String == "R_C" })
        let tonnes = try #require(rc["shortfall_tonnes"] as? [String: Double])
        #expect(Set(tonnes.keys) == ["value", "p10", "p50", "p90"])
        #expect(abs((tonnes["p10"] ?? 0) - 26) < 0.3 && abs((tonnes["p50"] ?? 0) - 30) < 0.3 && abs((tonnes["p90"] ?? 0) - 34) < 0.3)
        // The same seed gives the same bytes, another seed other intervals.
        #expect(try Self.outputs(graph, scenario, "toy.yaml", "halve.yaml", settings: settings) == texts)
        var other = settings
        other.seed = 3
        #expect(try Self.outputs(graph, scenario, "toy.yaml", "halve.yaml", settings: other)[2] != texts[2])
    }
}

/// The chain of METHODS §4.4 (countries D, E, C, F, J, K as COD, AUS, CHN, FIN, JPN, KOR).
enum ChainFixturesForReports {
    static func toy() -> SupplyGraph {
        func mine(_ id: String, _ country: CountryCode, _ t: Double) -> Node {
            Node(id: id, kind: .mine, country: country, outputs: [Output(mineral: "cobalt", containedTonnes: t)])
        }
        func flow(_ from: String, _ to: String, _ t: Double) -> Flow { Flow(from: from, to: to, mineral: "cobalt", containedTonnes: t) }
        return SupplyGraph(
            name: "toy", year: 2023,
            nodes: [
                mine("M_D", "COD", 70), mine("M_E", "AUS", 30),
                Node(id: "R_C", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 80)]),
                Node(id: "R_F", kind: .processor, country: "FIN", outputs: [Output(mineral: "cobalt", containedTonnes: 20)]),
                Node(id: "J", kind: .manufacturer, country: "JPN"), Node(id: "K", kind: .manufacturer, country: "KOR"),
            ],
            flows: [
                flow("M_D", "R_C", 60), flow("M_D", "R_F", 10), flow("M_E", "R_C", 20), flow("M_E", "R_F", 10),
                flow("R_C", "J", 50), flow("R_C", "K", 30), flow("R_F", "K", 20),
            ])
    }
}
