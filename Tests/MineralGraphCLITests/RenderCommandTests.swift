import Foundation
import Testing

@Suite("render command")
struct RenderCommandTests {
    static let fixture = "Tests/MineralGraphRenderingTests/Fixtures/cobalt-loop.yaml"

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mineral-graph-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesSVGToStandardOutputByDefault() throws {
        let result = try CLI.run(["render", Self.fixture])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<?xml"))
        #expect(result.stdout.contains("<title>cod&#45;kamoto</title>"))  // Graphviz writes "-" as &#45;
        #expect(result.stderr.isEmpty)
    }

    @Test func dashOWritesToStandardOutput() throws {
        let result = try CLI.run(["render", Self.fixture, "--format", "dot", "-o", "-"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("digraph \"Cobalt test chain, 2023\" {\n"))
    }

    @Test func formatFollowsTheOutputExtension() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, magic) in [("d.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])), ("d.pdf", Data("%PDF-".utf8)),
                              ("d.svg", Data("<?xml".utf8)), ("d.gv", Data("digraph".utf8))] {
            let path = directory.appendingPathComponent(name).path
            let result = try CLI.run(["render", Self.fixture, "-o", path, "--group-by", "country", "--min-share", "0.05"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(data.prefix(magic.count) == magic, "\(name)")
        }
    }

    @Test func badEngineIsRejectedWithTheValidOnes() throws {
        let result = try CLI.run(["render", Self.fixture, "--engine", "spring"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("spring"))
        for engine in ["dot", "neato", "fdp", "sfdp", "circo", "twopi"] {
            #expect(result.stderr.contains(engine), "\(engine) missing from: \(result.stderr)")
        }
        #expect(result.stdout.isEmpty)
    }

    @Test func unwritableOutputFailsClearlyAndLeavesNoFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A path under a regular file cannot be created, even by root.
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("diagram.svg").path
        let result = try CLI.run(["render", Self.fixture, "-o", target])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write \(target)"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["not-a-directory"])
        let missing = directory.appendingPathComponent("no/such/dir/d.png").path
        let second = try CLI.run(["render", Self.fixture, "-o", missing])
        #expect(second.status == 1)
        #expect(second.stderr.contains("does not exist"), "\(second.stderr)")
    }

    @Test func optionsAreValidated() throws {
        let share = try CLI.run(["render", Self.fixture, "--min-share", "5"])
        #expect(share.status != 0 && share.stderr.contains("--min-share must be a fraction"))
        let mineral = try CLI.run(["render", Self.fixture, "--mineral", "cobalts"])
        #expect(mineral.status != 0 && mineral.stderr.contains("unknown mineral 'cobalts'") && mineral.stderr.contains("cobalt"))
        let absent = try CLI.run(["render", Self.fixture, "--mineral", "lithium"])
        #expect(absent.status == 1 && absent.stderr.contains("mineral 'lithium' does not occur in the graph"))
    }

    @Test func focusAndGroupingReachTheDiagram() throws {
        let result = try CLI.run(["render", Self.fixture, "--format", "dot", "--group-by", "country", "--cluster", "country",
                                  "--color-by", "share", "--top", "2", "--weight", "value", "--mineral", "Co"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("subgraph \"cluster_country_COD\""))
        #expect(result.stdout.contains("\"COD/mining\""))
        #expect(result.stdout.contains("Fill: share of the node's stage"))
        #expect(result.stdout.contains("Line width ∝ value (USD)"))
    }
}

@Suite("Command line: diagram in HTML reports")
struct ReportDiagramTests {
    @Test func htmlReportEmbedsTheDiagramUnlessAskedNotTo() throws {
        let with = try CLI.run(["report", "graphs/ewaste-2022.yaml", "--format", "html"])
        #expect(with.status == 0)
        let section = try #require(with.stdout.range(of: "<h2>Supply-chain diagram</h2>"))
        let after = with.stdout[section.upperBound...]
        // The inline SVG, without its XML prolog, with the graph's node ids as titles.
        #expect(after.contains("<svg"))
        #expect(!with.stdout.contains("<?xml"))
        #expect(after.contains("<title>gha&#45;informal</title>") || after.contains("<title>gha-informal</title>"))

        let without = try CLI.run(["report", "graphs/ewaste-2022.yaml", "--format", "html", "--no-diagram"])
        #expect(without.status == 0)
        #expect(!without.stdout.contains("Supply-chain diagram"))
    }
}
