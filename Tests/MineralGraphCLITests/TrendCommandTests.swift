import Foundation
import MineralGraphTestSupport
import Testing

@Suite("Command line: trend")
struct TrendCommandTests {
    static let table = TestPaths.graphs.appendingPathComponent("tables/cobalt-mine-production-2011-2015.csv").path

    /// Five yearly graphs (the table's rows of one year each, imported) give, for every mineral,
    /// stage and year, the HHI `report` gives for that file; one multi-year graph gives the same series.
    @Test func trendOverYearlyGraphsEqualsEachReport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var yearly: [String] = []
        var expected: [String: Double] = [:]
        let lines = try String(contentsOfFile: Self.table, encoding: .utf8).split(separator: "\n").map(String.init)
        for year in 2011...2015 {
            let table = dir.path("cobalt-\(year).csv")
            try ([lines[0]] + lines.dropFirst().filter { $0.contains(",\(year),") }).joined(separator: "\n").write(toFile: table, atomically: true, encoding: .utf8)
            let path = dir.path("cobalt-\(year).yaml")
            let imported = try CLI.run(["import", "production", table, "-o", path])
            #expect(imported.status == 0, "\(imported.stderr)")
            yearly.append(path)
            let report = try CLI.run(["report", path, "--format", "json", "--no-diagram"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
            for row in try #require(object["concentration"] as? [[String: Any]]) {
                guard let hhi = row["hhi"] as? Double else { continue }
                expected["\(row["mineral"]!)/\(row["stage"]!)/\(row["year"]!)"] = hhi
            }
        }
        #expect(expected.count >= 5)
        let trend = try CLI.run(["trend"] + yearly + ["--format", "json"])
        #expect(trend.status == 0, "\(trend.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(trend.stdout.utf8)) as? [String: Any])
        var seen: [String: Double] = [:]
        for series in try #require(object["series"] as? [[String: Any]]) {
            #expect(series["level"] as? String == "country")
            for point in try #require(series["points"] as? [[String: Any]]) {
                if let hhi = point["hhi"] as? Double { seen["\(series["mineral"]!)/\(series["stage"]!)/\(point["year"]!)"] = hhi }
                for key in ["hhi_lo", "hhi_hi", "cr1", "cr3", "n_eq", "band", "top"] { #expect(point.keys.contains(key), "\(key)") }
            }
        }
        #expect(seen == expected)

        // The multi-year graph of the whole table gives the same series.
        let whole = dir.path("whole.yaml")
        #expect(try CLI.run(["import", "production", Self.table, "-o", whole]).status == 0)
        let single = try CLI.run(["trend", whole, "--format", "json"])
        let singleObject = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
        let singleSeries = try #require(singleObject["series"] as? [[String: Any]])
        let multiSeries = try #require(object["series"] as? [[String: Any]])
        #expect((singleSeries.first?["points"] as? [[String: Any]])?.count == (multiSeries.first?["points"] as? [[String: Any]])?.count)

        // HTML draws the line chart; the same year twice is an error.
        let html = try CLI.run(["trend"] + yearly + ["--format", "html"])
        #expect(html.stdout.contains("<polyline") && html.stdout.contains("<polygon"))
        let twice = try CLI.run(["trend", yearly[0], yearly[0]])
        #expect(twice.status != 0 && twice.stderr.contains("give each year once"))
    }
}
