import Foundation
import MineralGraphTestSupport
import Testing

@Suite("Command line: brief")
struct BriefCommandTests {
    static let cobalt = TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path

    @Test func germanyBriefHasEveryPartWithSourcesAndTheWGIYear() throws {
        let result = try CLI.run(["brief", Self.cobalt, "--country", "Germany"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.hasPrefix("# Country brief: Germany (DEU)"))
        for heading in ["## Import sources", "## Where its supply is mined and refined", "## Geopolitical supply risk (GeoPolRisk)", "## Scenarios", "## Methods and sources"] {
            #expect(text.contains(heading), "\(heading)")
        }
        #expect(text.contains("mined in DR Congo") && text.contains("refined in China"))
        #expect(text.contains("| cobalt | manufacturing |") && text.contains("| 2022 |"))  // WGI 2022 for the 2023 graph
        #expect(text.contains("Worldwide Governance Indicators"))
        // The bundled scenarios of the graph (graphs/scenarios/cobalt-2023-*.yaml).
        #expect(text.contains("What if DRC cobalt mine output halves?"))
    }

    /// A country without imports gets import risk 0 and says so (never a missing value as 0).
    @Test func aCountryWithoutImportsHasImportRiskZeroAndSaysSo() throws {
        let result = try CLI.run(["brief", Self.cobalt, "--country", "COD", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "mineral-graph-brief/1")
        let rows = try #require(object["supply_risk"] as? [[String: Any]])
        let mining = try #require(rows.first { $0["stage"] as? String == "mining" })
        let figures = try #require(mining["geopolrisk"] as? [String: Any])
        #expect((figures["import_risk"] as? [String: Any])?["value"] as? Double == 0)
        #expect(mining["note"] as? String == "no imports: import risk 0")
    }

    @Test func unknownCountryIsAnErrorWithHints() throws {
        let result = try CLI.run(["brief", Self.cobalt, "--country", "Germny"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown country 'Germny'") && result.stderr.contains("DEU"))
    }
}
