import Foundation
import MineralGraphTestSupport
import Testing

/// HTML reports embed a world map per mineral for its mining and processing stages, and the
/// trend charts of a graph with several years (issue 17).
@Suite("Command line: maps in HTML reports")
struct ReportMapsTests {
    @Test func htmlReportsEmbedAMapPerMineralAndProducingStage() throws {
        let graph = TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path
        let html = try CLI.run(["report", graph, "--format", "html", "--no-diagram"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<h2>Where supply sits: maps</h2>"))
        // One map each for mining and processing, country paths with prefixed ISO alpha-3 ids.
        #expect(html.stdout.contains("id=\"map-cobalt-mining-COD\"") && html.stdout.contains("id=\"map-cobalt-processing-CHN\""))
        #expect(html.stdout.contains("Cobalt, mining 2023: each country"))
        let without = try CLI.run(["report", graph, "--format", "html", "--no-diagram", "--no-maps"])
        #expect(without.status == 0 && !without.stdout.contains("Where supply sits"))
        // Markdown has no maps.
        #expect(try !CLI.run(["report", graph]).stdout.contains("Where supply sits"))
    }

    @Test func htmlReportsOfMultiYearGraphsDrawTheTrend() throws {
        let graph = TestPaths.graphs.appendingPathComponent("nickel-production-2018-2022.yaml").path
        let html = try CLI.run(["report", graph, "--format", "html", "--no-maps"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<h2>Concentration over the years</h2>"))
        #expect(html.stdout.contains("HHI of nickel mining with its bounds"))
        // The reading names the year of its shares when the graph has several.
        #expect(try CLI.run(["report", graph]).stdout.contains("Indonesia mines 49.0 % of the nickel in this graph in 2022 (t Ni)"))
        let oneYear = try CLI.run(["report", TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path, "--format", "html", "--no-diagram"])
        #expect(!oneYear.stdout.contains("Concentration over the years"))
    }
}
