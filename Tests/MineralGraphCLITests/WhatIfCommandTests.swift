import Foundation
import MineralGraphTestSupport
import Testing

/// `mineral-graph whatif` on the worked shock example of METHODS §4.4 (Fixtures/whatif/toy.yaml).
@Suite("whatif")
struct WhatIfCommandTests {
    static let fixtures = "Tests/MineralGraphCLITests/Fixtures/whatif/"
    static let toy = fixtures + "toy.yaml"

    static func json(_ scenario: String) throws -> [String: Any] {
        let result = try CLI.run(["whatif", toy, fixtures + scenario, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The bound's row for `node` (one mineral in the toy).
    static func node(_ report: [String: Any], bound: Int, _ id: String) throws -> [String: Any] {
        let bounds = try #require(report["bounds"] as? [[String: Any]])
        let nodes = try #require(bounds[bound]["nodes"] as? [[String: Any]])
        return try #require(nodes.first { $0["node_id"] as? String == id })
    }

    static func shortfallShare(_ row: [String: Any]) -> Double? {
        (row["shortfall_share"] as? [String: Any])?["value"] as? Double
    }

    /// The figure `section/metric` of the mining or processing market, before and after.
    static func metric(_ report: [String: Any], _ section: String, stage: String, _ metric: String) throws -> [String: Any] {
        let metrics = try #require(report["metrics"] as? [[String: Any]])
        return try #require(metrics.first {
            $0["section"] as? String == section && $0["stage"] as? String == stage && $0["metric"] as? String == metric
                && $0["item_kind"] as? String == "stage"
        })
    }

    static func number(_ value: Any?) -> Double? { (value as? [String: Any])?["value"] as? Double }

    @Test func scenario1CutsMakersByExposureAndConcentrationFalls() throws {
        let report = try Self.json("cut-md-half.yaml")
        let j = try Self.node(report, bound: 0, "j"), k = try Self.node(report, bound: 0, "k")
        #expect(abs((j["shortfall_tonnes"] as? Double ?? 0) - 18.75) < 1e-9)
        #expect(abs((Self.shortfallShare(j) ?? 0) - 0.375) < 1e-9)
        #expect(abs((Self.shortfallShare(k) ?? 0) - 0.325) < 1e-9)
        let mining = try Self.metric(report, "concentration", stage: "mining", "hhi")
        #expect(Self.number(mining["before"]) == 5800)
        #expect(abs((Self.number(mining["after_no_substitution"]) ?? 0) - 5029.59) < 0.01)
        #expect(abs((mining["delta_no_substitution"] as? Double ?? 0) + 770.41) < 0.01)
        let refining = try Self.metric(report, "concentration", stage: "processing", "hhi")
        #expect(abs((Self.number(refining["after_no_substitution"]) ?? 0) - 6449.7) < 0.01)
    }

    @Test func scenario1bSpareAtMEDeliversSeventyOneTonnes() throws {
        let report = try Self.json("cut-md-half.yaml")
        let bounds = try #require(report["bounds"] as? [[String: Any]])
        let demand = try #require((bounds[1]["final_demand"] as? [[String: Any]])?.first)
        #expect(abs((demand["delivered_tonnes"] as? Double ?? 0) - 71) < 1e-9)
        let lowerDemand = try #require((bounds[0]["final_demand"] as? [[String: Any]])?.first)
        #expect(abs((lowerDemand["delivered_tonnes"] as? Double ?? 0) - 65) < 1e-9)
        let j = try Self.node(report, bound: 1, "j"), k = try Self.node(report, bound: 1, "k")
        #expect(abs(50 - (j["shortfall_tonnes"] as? Double ?? 0) - 34.46) < 0.005)
        #expect(abs(50 - (k["shortfall_tonnes"] as? Double ?? 0) - 36.54) < 0.005)
    }

    @Test func scenario2StrandsEightyTonnesAtTheBanningRefinery() throws {
        let report = try Self.json("ban-refined.yaml")
        #expect(Self.shortfallShare(try Self.node(report, bound: 0, "j")) == 1)
        #expect(abs((Self.shortfallShare(try Self.node(report, bound: 0, "k")) ?? 0) - 0.6) < 1e-9)
        #expect(try Self.node(report, bound: 0, "r-c")["stranded_tonnes"] as? Double == 80)
        let limitations = try #require(report["limitations"] as? [String])
        #expect(limitations.contains { $0.contains("upstream") })
    }

    /// Without `--detail` the JSON carries what the Markdown shows: node and region rows
    /// affected under either bound (the same rows in both bounds) and the figures that change,
    /// naming what it left out; `--detail` gives every row and figure.
    @Test func jsonWithoutDetailCarriesAffectedRowsAndChangedFigures() throws {
        let args = ["whatif", Self.toy, Self.fixtures + "ban-refined.yaml", "--format", "json"]
        let trimmed = try CLI.run(args), full = try CLI.run(args + ["--detail"])
        try #require(trimmed.status == 0 && full.status == 0, "\(trimmed.stderr)\(full.stderr)")
        let small = try #require(JSONSerialization.jsonObject(with: Data(trimmed.stdout.utf8)) as? [String: Any])
        let large = try #require(JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [String: Any])
        #expect(small["omitted_detail"] as? [String] == ["bounds.nodes", "bounds.regions", "metrics"])
        #expect(large["omitted_detail"] == nil)
        let ids = { (report: [String: Any], bound: Int) -> [String] in
            (((report["bounds"] as? [[String: Any]])?[bound]["nodes"]) as? [[String: Any]] ?? []).compactMap { $0["node_id"] as? String }
        }
        let allNodes = ids(large, 0), affected = ids(small, 0)
        #expect(allNodes.count > affected.count && !affected.isEmpty)
        #expect(ids(small, 1) == affected, "both bounds list the same rows")
        #expect(affected.contains("j") && affected.contains("r-c"))
        // A mine upstream of the ban keeps shipping: unaffected, so only in the full list.
        #expect(allNodes.contains("m-d") && !affected.contains("m-d"))
        let metrics = { (report: [String: Any]) in report["metrics"] as? [[String: Any]] ?? [] }
        let unchanged = metrics(large).filter {
            ($0["delta_no_substitution"] as? Double) == 0 && ($0["delta_with_substitution"] as? Double) == 0
        }
        #expect(!unchanged.isEmpty && metrics(small).count <= metrics(large).count - unchanged.count)
        #expect(!metrics(small).contains { ($0["delta_no_substitution"] as? Double) == 0 && ($0["delta_with_substitution"] as? Double) == 0 })
    }

    @Test func markdownShowsBothBoundsAndTheHHIChange() throws {
        let result = try CLI.run(["whatif", Self.toy, Self.fixtures + "cut-md-half.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("| Cobalt · mining | 5,800 | 5,030 | −770 |"))
        #expect(result.stdout.contains("| j | JPN | manufacturing | Cobalt | 50 | 19 t (37.5 %) | 16 t (31.1 %) |"))
        #expect(result.stdout.contains("converged"))
        let again = try CLI.run(["whatif", Self.toy, Self.fixtures + "cut-md-half.yaml"])
        #expect(again.stdout == result.stdout, "output is deterministic")
    }

    @Test func aScenarioThatDoesNotFitTheGraphFailsAtItsLineAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.url.appendingPathComponent("out.md").path
        let result = try CLI.run(["whatif", Self.toy, Self.fixtures + "misfit.yaml", "-o", out])
        #expect(result.status == 1)
        #expect(result.stderr.contains("misfit.yaml:5:5: error: shock 2: cut — the selector country=BRA matches no node"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func outDirWritesEveryFormatAndShockedGraphsValidate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.path
        let result = try CLI.run([
            "whatif", Self.toy, Self.fixtures + "cut-md-half.yaml", "--format", "all", "--out-dir", path, "--write-graphs", path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        #expect(names == [
            "cut-md-half.html", "cut-md-half.json", "cut-md-half.md", "cut-md-half.no-substitution.yaml",
            "cut-md-half.with-substitution.yaml",
        ])
        let lower = directory.url.appendingPathComponent("cut-md-half.no-substitution.yaml").path
        let validated = try CLI.run(["validate", lower])
        #expect(validated.status == 0, "\(validated.stderr)")
        // The shocked graph is an ordinary graph: its own report shows the post-shock HHI.
        let report = try CLI.run(["report", lower, "--format", "csv"])
        #expect(report.stdout.contains("cobalt,mining,2023,t Co,5029.59,"))
    }

    @Test func badArgumentsAreRefused() throws {
        let csv = try CLI.run(["whatif", Self.toy, Self.fixtures + "cut-md-half.yaml", "--format", "csv"])
        #expect(csv.status != 0)
        let tolerance = try CLI.run(["whatif", Self.toy, Self.fixtures + "cut-md-half.yaml", "--tolerance", "2"])
        #expect(tolerance.status != 0)
        #expect(tolerance.stderr.contains("--tolerance"))
        let missing = try CLI.run(["whatif", Self.toy, Self.fixtures + "no-such-scenario.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such-scenario.yaml"))
    }

    @Test func theLoopToleranceAndSweepLimitReachTheReport() throws {
        let scenario = "graphs/scenarios/cobalt-2023-drc-halves.yaml"
        let converged = try CLI.run(["whatif", "graphs/cobalt-2023.yaml", scenario])
        #expect(converged.status == 0)
        #expect(converged.stdout.contains("tolerance 1e-06 × total baseline flow"))
        #expect(converged.stdout.contains("converged."))
        let capped = try CLI.run(["whatif", "graphs/cobalt-2023.yaml", scenario, "--max-iterations", "1", "--tolerance", "1e-9"])
        #expect(capped.status == 0)
        #expect(capped.stdout.contains("tolerance 1e-09 × total baseline flow"))
        #expect(capped.stdout.contains("at most 1 sweeps"))
        #expect(capped.stdout.contains("NOT converged at: chn-refiners"))
    }

    /// `--draws`, `--seed` and `--interval` as in `report`: the toy with uncertain figures
    /// (every flow ± 20 %, the mines' outputs estimates) gets intervals beside its figures and
    /// in the JSON; the same seed gives the same bytes, another seed other intervals; the exact
    /// toy gets none.
    @Test func drawsSeedAndIntervalGiveTheFiguresTheirIntervals() throws {
        let uncertain = Self.fixtures + "toy-uncertain.yaml"
        let arguments = ["whatif", uncertain, Self.fixtures + "cut-md-half.yaml", "--draws", "300", "--seed", "4", "--interval", "10-90"]
        let json = try CLI.run(arguments + ["--format", "json"])
        try #require(json.status == 0, "\(json.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let uncertainty = try #require(report["uncertainty"] as? [String: Any])
        #expect(uncertainty["draws"] as? Int == 300 && uncertainty["seed"] as? Int == 4 && uncertainty["uncertain_figures"] as? Int == 9)
        let bounds = try #require(uncertainty["bounds"] as? [[String: Any]])
        let finalDemand = try #require((bounds.first?["final_demand"] as? [[String: Any]])?.first)
        let delivered = try #require(finalDemand["delivered_tonnes"] as? [String: Double])
        #expect(Set(delivered.keys) == ["value", "p10", "p50", "p90"])
        #expect(delivered["value"] == 65 && (delivered["p10"] ?? 65) < 65 && (delivered["p90"] ?? 65) > 65)
        #expect(finalDemand["most_affected_country"] as? String == "JPN")
        #expect(try CLI.run(arguments + ["--format", "json"]).stdout == json.stdout)
        var otherSeed = arguments
        otherSeed[6] = "5"
        #expect(try CLI.run(otherSeed + ["--format", "json"]).stdout != json.stdout)

        let markdown = try CLI.run(arguments)
        #expect(markdown.stdout.contains("10–90 % interval over 300 graphs drawn from those intervals (seed 4)"))
        #expect(markdown.stdout.contains("| Cobalt | 100 | 65 ("), "\(markdown.stdout)")

        let exact = try CLI.run(["whatif", Self.toy, Self.fixtures + "cut-md-half.yaml", "--draws", "300", "--format", "json"])
        #expect(exact.status == 0 && !exact.stdout.contains("\"uncertainty\""))
        let refused = try CLI.run(Array(arguments.dropLast(2)) + ["--interval", "60-40"])
        #expect(refused.status != 0 && refused.stderr.contains("--interval"))
    }
}
