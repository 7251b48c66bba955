import Foundation
import MineralGraphTestSupport
import Testing

@Suite("diff")
struct DiffCommandTests {
    static let cobalt = "graphs/cobalt-2023.yaml"

    @Test func halvingDRCMineOutputShowsMiningHHIBeforeAndAfter() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let halved = directory.path("cobalt-halved.yaml")
        let edit = try CLI.run(["edit", Self.cobalt, "nodes[country=COD,kind=mine].output*=0.5", "-o", halved, "--quiet"])
        try #require(edit.status == 0, "\(edit.stderr)")

        // The cobalt chain's mine figures are estimates: 100 draws keep the debug build quick.
        let markdown = try CLI.run(["diff", Self.cobalt, halved, "--draws", "100"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stderr.isEmpty)
        // DRC cobalt: 170,000 of 230,000 t → 85,000 of 145,000 t; HHI 5,555.2 → 3,668.02, shown
        // in the report's style (whole HHI, shares with one decimal).
        #expect(markdown.stdout.contains("| Cobalt · mining | 5,555 | 3,668 | −1,887 | highly concentrated |"))
        #expect(markdown.stdout.contains("| Cobalt · processing | 6,742 | 6,742 | 0 | highly concentrated |"))
        #expect(markdown.stdout.contains("| Cobalt · mining | DR Congo (COD) | top_share (share) | 73.9 % | 58.6 % | −15.3 pp |"))

        let json = try CLI.run(["diff", Self.cobalt, halved, "--format", "json", "--changed-only", "--draws", "100"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        let hhi = try #require(rows.first { $0["section"] as? String == "concentration" && $0["stage"] as? String == "mining" && $0["metric"] as? String == "hhi" })
        #expect((hhi["before"] as? [String: Any])?["value"] as? Double == 5555.2)
        #expect((hhi["after"] as? [String: Any])?["value"] as? Double == 3668.02)
        #expect(hhi["delta"] as? Double == -1887.18)
        #expect(!rows.contains { $0["status"] as? String == "unchanged" })
        // Import-source HHI is compared too; halving mine output changes no flow, so it stays.
        let full = try CLI.run(["diff", Self.cobalt, halved, "--format", "csv", "--draws", "100"])
        #expect(full.stdout.contains("\nimport_concentration,cobalt,mining,,country,CAN,Canada,hhi_by_tonnes,HHI,unchanged,10000,10000,0,,,,,,,\n"))
        // The mine estimates make the mining HHI's change uncertain; halving DRC's output exceeds it.
        #expect(full.stdout.contains("\nconcentration,cobalt,mining,,stage,mining,,hhi,HHI,changed,5555.2,3668.02,-1887.18,,,,"))
        #expect(markdown.stdout.contains("## Changes against the uncertainty of the figures"))

        // Written atomically with -o; --exit-code reports the difference.
        let out = directory.path("diff.html")
        let html = try CLI.run(["diff", Self.cobalt, halved, "--format", "html", "-o", out, "--exit-code", "--draws", "100"])
        #expect(html.status == 1)
        #expect(try directory.read("diff.html").contains("<td>Cobalt · mining</td><td class=\"num\">5,555</td>"))
    }

    @Test func aGraphComparedWithItselfHasNoChanges() throws {
        let result = try CLI.run(["diff", Self.cobalt, Self.cobalt, "--exit-code"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("No figure differs."))
        #expect(result.stdout.contains(" 0 changed, 0 added, 0 removed, "))
        #expect(!result.stdout.contains("## Changes by section"))
        // Standard input works for one side.
        let text = try String(contentsOf: TestPaths.file(Self.cobalt), encoding: .utf8)
        let csv = try CLI.run(["diff", Self.cobalt, "-", "--format", "csv", "--changed-only"], stdin: text)
        #expect(csv.status == 0)
        #expect(csv.stdout == "section,mineral,stage,year,item_kind,item,item_name,metric,unit,status,before,after,delta,relative_delta,before_unavailable,after_unavailable\n")
    }

    @Test func differentGraphsShowAddedAndRemovedRows() throws {
        let result = try CLI.run(["diff", "graphs/lithium-2023.yaml", Self.cobalt, "--format", "json", "--draws", "100"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["added"] as? Int ?? 0) > 0)
        #expect((summary["removed"] as? Int ?? 0) > 0)
        let rows = try #require(object["rows"] as? [[String: Any]])
        let lithium = try #require(rows.first { $0["mineral"] as? String == "lithium" && $0["metric"] as? String == "hhi" })
        #expect(lithium["status"] as? String == "removed")
        #expect(lithium["after"] is NSNull)
    }

    @Test func errorsAreClearAndExitNonZero() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let broken = try directory.write("broken.yaml", "name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CDO\n")
        let out = directory.path("out.md")
        let invalid = try CLI.run(["diff", Self.cobalt, broken, "-o", out])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("broken.yaml:6:14: error: unknown country 'CDO'"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // With --exit-code, trouble is 2 (1 means "they differ").
        #expect(try CLI.run(["diff", Self.cobalt, broken, "--exit-code"]).status == 2)
        let missing = try CLI.run(["diff", Self.cobalt, directory.path("missing.yaml"), "--exit-code"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.yaml"))
        #expect(try CLI.run(["diff", "-", "-"]).stderr.contains("only one of the graphs can be read from standard input"))
        #expect(try CLI.run(["diff", Self.cobalt, Self.cobalt, "--format", "pdf"]).status == 64)
    }
}
