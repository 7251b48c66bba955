import Foundation
import MineralGraphTestSupport
import Testing

/// Issue 19's reproducers at the command line: each ends in a located error (or correct
/// output), exit status 1, nothing written, bounded standard error.
@Suite("Command line: hostile input")
struct HostileInputCLITests {
    /// Issue 19: a name `validate` accepted with `\u{1}` or ESC made `render` and the HTML
    /// report fail inside Graphviz. Now `validate` refuses it, located, and so do `report` and
    /// `export`, which need a valid graph; `render`, which draws any graph it can read, draws
    /// it with U+FFFD in place of the control character.
    @Test(arguments: ["\\x01", "\\e", "\\0"])
    func controlCharacterInANameIsALocatedValidationError(_ escape: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = try dir.write("g.yaml", Samples.valid.replacingOccurrences(of: "  - id: refinery\n    kind: processor\n",
                                                                                with: "  - id: refinery\n    name: \"Re\(escape)finery\"\n    kind: processor\n"))
        let validated = try CLI.run(["validate", graph])
        #expect(validated.status == 1)
        #expect(validated.stderr.contains("g.yaml:26:11: error: 'name' contains the control character U+00"), "\(validated.stderr)")
        #expect(!validated.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        for arguments in [["report", graph, "--format", "html", "-o", dir.path("g.html")],
                          ["export", graph, "--format", "dot", "-o", dir.path("g.dot")]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 1, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("'name' contains the control character"), "\(arguments[0])")
            #expect(!result.stderr.contains("Graphviz"))
        }
        #expect(try dir.listing() == ["g.yaml"], "nothing written")
        let rendered = try CLI.run(["render", graph, "--format", "svg", "-o", dir.path("g.svg")])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let svg = try dir.read("g.svg")
        #expect(svg.contains("Re\u{FFFD}finery"))
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
    }

    /// Issue 19: a UTF-16 BACI file printed NUL bytes in its error.
    @Test func utf16TablesAreNamedAsSuch() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = "t,i,j,k,v,q\n2022,180,156,260500,1000,10\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: dir.path("baci.csv")))
        for command in [["import", "baci"], ["import", "production"], ["trade-hhi"]] {
            let result = try CLI.run(command + [dir.path("baci.csv"), "-o", dir.path("out")])
            #expect(result.status == 1)
            #expect(result.stderr.contains("the file is UTF-16, not UTF-8: save it as UTF-8"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("\0") && !result.stderr.contains("\\u{0}"))
        }
        #expect(try dir.listing() == ["baci.csv"])
    }

    /// Issue 19: a product map with `contained_share` above 1 ended in "a bug in the importer".
    @Test func containedShareAboveOneIsALocatedError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let map = try dir.write("map.csv", "hs_code,mineral,stage,contained_share,contained_share_source\n260500,cobalt,mining,1.5,guess\n")
        let result = try CLI.run(["import", "baci", TradeImportCLITests.baci, "--product-map", map, "-o", dir.path("g.yaml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("map.csv:2:22: error: contained share 1.5 is above 1"), "\(result.stderr)")
        #expect(!result.stderr.contains("bug in the importer"))
        #expect(try dir.listing() == ["map.csv"])
    }

    /// Issue 19: `import production` of a CSV with a million columns took 2.9 GiB; one of
    /// 20,000 columns shows the limit.
    @Test func aTableWithTooManyColumnsIsALocatedError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let header = "mineral,stage,country,quantity,year," + (0..<20_000).map { "c\($0)" }.joined(separator: ",")
        let table = try dir.write("wide.csv", header + "\ncobalt,mining,COD,1000,2023\n")
        let result = try CLI.run(["import", "production", table, "-o", dir.path("g.yaml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("wide.csv:1:"))
        #expect(result.stderr.contains("error: the record has more than 10000 fields"))
        #expect(result.stderr.utf8.count < 2_000)
    }

    /// Issue 19: a 10 MB single-line file hung `validate`; one line over the limit shows it.
    @Test func aLineOverTheLimitIsALocatedError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = try dir.write("long.yaml", "name: x\nyear: 2023\ndescription: " + String(repeating: "a", count: 2 << 20) + "\n")
        let result = try CLI.run(["validate", graph])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(graph):3:1048577: error: line 3 is longer than 1 MiB\n"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.utf8.count < 1_000)
    }
}
