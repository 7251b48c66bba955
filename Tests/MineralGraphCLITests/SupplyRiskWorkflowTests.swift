import Foundation
import MineralGraphTestSupport
import Testing

/// Issue 14's workflow: a production table and a BACI file merged into one graph; its report
/// carries origin exposure and GeoPolRisk with the WGI year, and so does the country brief.
@Suite("Command line: supply risk on a merged production + trade graph")
struct SupplyRiskWorkflowTests {
    @Test func mergedGraphCarriesExposureAndSupplyRisk() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let table = try dir.write("production.csv", MergeCommandTests.production)
        let trade = try dir.write("BACI_HS17_Y2022_V202401b.csv", MergeCommandTests.baci)
        #expect(try CLI.run(["import", "production", table, "-o", dir.path("production.yaml")]).status == 0)
        #expect(try CLI.run(["import", "baci", trade, "-o", dir.path("trade.yaml")]).status == 0)
        #expect(try CLI.run(["merge", dir.path("production.yaml"), dir.path("trade.yaml"), "-o", dir.path("cobalt.yaml")]).status == 0)

        // --detail: the supply-risk partners are per-pair detail.
        let report = try CLI.run(["report", dir.path("cobalt.yaml"), "--format", "json", "--detail"])
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        // China's imported ores: 1,000 t from DR Congo, 600 t from Indonesia, 500 t from Australia.
        let exposure = try #require(object["exposure"] as? [[String: Any]])
        let china = try #require(exposure.first { $0["country"] as? String == "CHN" })
        let mined = try #require(china["mined_in"] as? [[String: Any]])
        #expect(mined.first?["country"] as? String == "COD")
        #expect(abs((mined.first?["share"] as? Double ?? 0) - 1_000.0 / 2_100) < 1e-4)
        let risk = try #require(object["supply_risk"] as? [[String: Any]])
        let row = try #require(risk.first { $0["importer"] as? String == "CHN" && $0["stage"] as? String == "mining" })
        let inputs = try #require(row["inputs"] as? [String: Any])
        #expect(inputs["wgi_years"] as? [Int] == [2022])
        #expect((inputs["wgi_source"] as? String)?.contains("Worldwide Governance Indicators") == true)
        #expect(inputs["import_basis"] as? String == "t gross" && inputs["production_basis"] as? String == "t Co")
        let figures = try #require(row["geopolrisk"] as? [String: Any])
        // Import risk = Σ g·f / (F + p) with the bundled 2022 estimates; p = 0 (China mines none here).
        let importRisk = try #require((figures["import_risk"] as? [String: Any])?["value"] as? Double)
        let partners = try #require(inputs["partners"] as? [[String: Any]])
        let weighted = partners.reduce(0.0) { $0 + ($1["instability"] as! Double) * ($1["tonnes"] as! Double) }
        #expect(abs(importRisk - weighted / 2_100) < 1e-4)
        let summary = try CLI.run(["report", dir.path("cobalt.yaml"), "--format", "json"])
        #expect(summary.status == 0 && !summary.stdout.contains("\"stability_estimate\""), "partners without --detail")
        let hhi = try #require((figures["hhi"] as? [String: Any])?["value"] as? Double)
        let score = try #require((figures["score"] as? [String: Any])?["value"] as? Double)
        #expect(abs(score - hhi * importRisk) < 1e-4)

        let brief = try CLI.run(["brief", dir.path("cobalt.yaml"), "--country", "CHN"])
        #expect(brief.status == 0, "\(brief.stderr)")
        #expect(brief.stdout.contains("mined in DR Congo") && brief.stdout.contains("| 2022 |"))
    }
}
