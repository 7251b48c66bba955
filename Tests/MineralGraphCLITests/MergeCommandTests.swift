import Foundation
import MineralGraphTestSupport
import Testing

@Suite("Command line: merge")
struct MergeCommandTests {
    static let production = """
        mineral,stage,country,year,quantity,unit
        cobalt,mining,Congo (Kinshasa),2022,130000,t
        cobalt,mining,Australia,2022,6000,t
        cobalt,mining,Indonesia,2022,10000,t
        cobalt,mining,Other countries,2022,24000,t
        """

    static let baci = "t,i,j,k,v,q\n2022,180,156,260500,600,1000\n2022,36,156,260500,100,500\n2022,360,156,260500,300,600\n"

    @Test func theDocumentedWorkflowReportsProductionAndImportConcentration() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let table = try dir.write("production.csv", Self.production)
        let trade = try dir.write("BACI_HS17_Y2022_V202401b.csv", Self.baci)
        #expect(try CLI.run(["import", "production", table, "-o", dir.path("production.yaml")]).status == 0)
        #expect(try CLI.run(["import", "baci", trade, "-o", dir.path("trade.yaml")]).status == 0)
        let merged = try CLI.run(["merge", dir.path("production.yaml"), dir.path("trade.yaml"), "-o", dir.path("cobalt.yaml")])
        #expect(merged.status == 0, "\(merged.stderr)")
        let text = try dir.read("cobalt.yaml")
        #expect(text.hasPrefix("# Merged by `mineral-graph merge` from production.yaml and trade.yaml.\n"))
        #expect(text.contains("#  Imported by `mineral-graph import baci` from BACI_HS17_Y2022_V202401b.csv."))
        #expect(try CLI.run(["validate", dir.path("cobalt.yaml")]).status == 0)

        let report = try CLI.run(["report", dir.path("cobalt.yaml"), "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        // Production concentration from the table: 130,000 / 10,000 / 6,000 t Co and 24,000 t of
        // other countries → hhi_lo 5,894.81, hhi_hi 5,944.64 (METHODS §1.4).
        let rows = try #require(object["concentration"] as? [[String: Any]])
        let mining = try #require(rows.first { $0["stage"] as? String == "mining" })
        #expect(mining["basis"] as? String == "t Co")
        #expect(abs((mining["hhi_lo"] as? Double ?? 0) - 5_894.81) < 0.01)
        #expect(abs((mining["hhi_hi"] as? Double ?? 0) - 5_944.64) < 0.01)
        // Import-source concentration from the flows: 600 / 300 / 100 thousand USD → 4,600.
        let imports = try #require(object["import_concentration"] as? [[String: Any]])
        let china = try #require(imports.first { $0["importer"] as? String == "CHN" })
        let byValue = try #require(china["by_value"] as? [String: Any])
        #expect(abs((byValue["hhi"] as? Double ?? 0) - 4_600) < 0.01)
    }

    @Test func conflictsAreLocatedOnBothSidesAndNothingIsWritten() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let table = try dir.write("production.csv", Self.production)
        let trade = try dir.write("trade.csv", Self.baci.replacingOccurrences(of: "2022,", with: "2023,"))
        #expect(try CLI.run(["import", "production", table, "-o", dir.path("production.yaml")]).status == 0)
        #expect(try CLI.run(["import", "baci", trade, "-o", dir.path("trade.yaml")]).status == 0)
        let result = try CLI.run(["merge", dir.path("production.yaml"), dir.path("trade.yaml"), "-o", dir.path("merged.yaml")])
        #expect(result.status == 1)
        let productionYear = try #require(try dir.read("production.yaml").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("year:") }) + 1
        let tradeYear = try #require(try dir.read("trade.yaml").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("year:") }) + 1
        #expect(result.stderr.contains("production.yaml:\(productionYear):7: error: the graph year: 2022 here, 2023 in \(dir.path("trade.yaml")):\(tradeYear):7\nyear: 2022\n      ^\n"))
        #expect(result.stderr.contains("trade.yaml:\(tradeYear):7: note: the graph year: 2023 here\nyear: 2023\n      ^\n"))
        #expect(result.stderr.hasSuffix("1 conflict between the files; nothing written\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("merged.yaml")))

        // A node id in two countries.
        let a = try dir.write("a.yaml", "name: a\nyear: 2022\nnodes:\n  - id: x-mining\n    kind: mine\n    country: COD\n")
        let b = try dir.write("b.yaml", "name: b\nyear: 2022\nnodes:\n  - id: x-mining\n    kind: mine\n    country: ZMB\n")
        let moved = try CLI.run(["merge", a, b, "-o", dir.path("merged.yaml")])
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("a.yaml:6:14: error: node 'x-mining' country: COD here, ZMB in \(b):6:14"))
        #expect(moved.stderr.contains("b.yaml:6:14: note: node 'x-mining' country: ZMB here\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("merged.yaml")))
    }

    @Test func badArgumentsAndInvalidInputsAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.yaml", "name: a\nyear: 2022\nnodes:\n  - id: x-mining\n    kind: mine\n    country: COD\n")
        let one = try CLI.run(["merge", a])
        #expect(one.status != 0 && one.stderr.contains("merge needs at least two graph files"))
        let same = try CLI.run(["merge", a, a, "-o", a])
        #expect(same.status != 0 && same.stderr.contains("is one of the inputs"))
        let broken = try dir.write("broken.yaml", "name: b\nyear: 2022\nnodes:\n  - id: y\n    kind: mine\n    country: XXX\n")
        let invalid = try CLI.run(["merge", a, broken, "-o", dir.path("out.yaml")])
        #expect(invalid.status == 1 && invalid.stderr.contains("not merged"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out.yaml")))
    }
}
