import Foundation
import MineralGraphTestSupport
import Testing

@Suite("Command line: export and import dot")
struct ExportCommandTests {
    static let cobalt = TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path

    @Test func eachFormatGoesToStandardOutput() throws {
        let graphML = try CLI.run(["export", Self.cobalt, "--format", "graphml"])
        #expect(graphML.status == 0 && graphML.stderr.isEmpty)
        #expect(graphML.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        #expect(graphML.stdout.components(separatedBy: "<node id=").count - 1 == 32)
        #expect(graphML.stdout.components(separatedBy: "<edge source=").count - 1 == 47)

        let json = try CLI.run(["export", Self.cobalt, "--format", "json", "-o", "-"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["nodes"] as? [Any])?.count == 32)
        #expect(object?["format"] as? String == "mineral-graph-json/1")

        let nodeLink = try CLI.run(["export", Self.cobalt, "--format", "node-link"])
        let data = try JSONSerialization.jsonObject(with: Data(nodeLink.stdout.utf8)) as? [String: Any]
        #expect(nodeLink.status == 0 && data?["multigraph"] as? Bool == true)
        #expect((data?["nodes"] as? [Any])?.count == 32 && (data?["links"] as? [Any])?.count == 47)

        let dot = try CLI.run(["export", Self.cobalt, "--format", "dot"])
        #expect(dot.stdout.contains("digraph \"Cobalt supply chain, 2023\" {\n"))

        let edges = try CLI.run(["export", Self.cobalt, "--format", "csv", "--table", "edges"])
        #expect(edges.stdout.hasPrefix("id,from,to,mineral,"))
        #expect(edges.stdout.split(separator: "\n").count == 48)
    }

    @Test func dotRoundTripsThroughTheCommandLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Graphs without uncertainty statements, which DOT does not carry (cobalt-2023 has some).
        for name in ["lithium-2023", "ewaste-2022", "graphite-2022"] {
            let yaml = TestPaths.graphs.appendingPathComponent("\(name).yaml").path
            let export = try CLI.run(["export", yaml, "--format", "dot", "--out-dir", dir.path("out")])
            #expect(export.status == 0, "\(export.stderr)")
            let back = try CLI.run(["import", "dot", dir.path("out/\(name).dot"), "-o", dir.path("\(name).yaml")])
            #expect(back.status == 0 && back.stderr.isEmpty, "\(back.stderr)")
            // The same graph in canonical form; only the original's header comment is not carried.
            let canonical = try CLI.run(["fmt", yaml, "-o", "-"]).stdout
            let withoutHeader = canonical[canonical.range(of: "format: mineral-graph/1")!.lowerBound...]
            #expect(try dir.read("\(name).yaml") == String(withoutHeader))
        }
        #expect(try dir.listing() == ["ewaste-2022.yaml", "graphite-2022.yaml", "lithium-2023.yaml", "out"])
    }

    @Test func csvWritesTwoTables() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let byDir = try CLI.run(["export", Self.cobalt, "--format", "csv", "--out-dir", dir.path("tables")])
        #expect(byDir.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("tables")).sorted() == ["cobalt-2023.edges.csv", "cobalt-2023.nodes.csv"])
        let byPrefix = try CLI.run(["export", Self.cobalt, "--format", "csv", "-o", dir.path("co.csv")])
        #expect(byPrefix.status == 0)
        #expect(try dir.read("co.nodes.csv") == dir.read("tables/cobalt-2023.nodes.csv"))
        #expect(try dir.read("co.edges.csv").hasPrefix("id,from,to,mineral,"))
        #expect(try dir.listing() == ["co.edges.csv", "co.nodes.csv", "tables"])
    }

    @Test(arguments: [
        (["--format", "csv"], "csv writes two tables"),
        (["--format", "json", "--table", "nodes"], "--table is for --format csv"),
        (["--format", "json", "-o", "x", "--out-dir", "y"], "use either --output or --out-dir, not both"),
        (["--format", "svg"], "--format"),
    ])
    func badOptionsAreRefused(_ options: [String], _ message: String) throws {
        let result = try CLI.run(["export", Self.cobalt] + options)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func invalidGraphsAreNotExported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("bad.yaml", Samples.valid.replacingOccurrences(of: "country: COD", with: "country: CDO"))
        let result = try CLI.run(["export", path, "--format", "graphml", "-o", dir.path("bad.graphml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.yaml:19:14: error: unknown country 'CDO'\n    country: CDO\n             ^\n"), "\(result.stderr)")
        #expect(result.stderr.contains("not exported"))
        #expect(try dir.listing() == ["bad.yaml"])
    }

    @Test func importDotReportsPositionsAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.dot", "digraph {\n  graph [name=\"x\" year=2023]\n  m [kind=mine country=CHL]\n  node [shape=box]\n}\n")
        let result = try CLI.run(["import", "dot", path, "-o", dir.path("g.yaml")])
        #expect(result.status == 1)
        #expect(result.stderr == "\(path):4:3: error: default attributes ('node [...]') are not read\n  node [shape=box]\n  ^\nnote: give each node and edge its own attributes\n")
        #expect(try dir.listing() == ["g.dot"])

        let invalid = try dir.write("v.dot", "digraph {\n  graph [name=\"x\" year=2023]\n  m [kind=mine country=\"CDO\"]\n}\n")
        let validation = try CLI.run(["import", "dot", invalid])
        #expect(validation.status == 1)
        #expect(validation.stderr.contains("\(invalid):3:24: error: unknown country 'CDO'"), "\(validation.stderr)")
        #expect(validation.stdout.isEmpty)
    }

    @Test func importDotReadsStandardInput() throws {
        let result = try CLI.run(["import", "dot", "-"], stdin: "digraph \"From stdin\" { year=2023 m [kind=mine, country=CHL] }")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("name: From stdin\nyear: 2023\n"))
    }
}
