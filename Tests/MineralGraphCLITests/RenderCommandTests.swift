import Foundation
import MineralGraphTestSupport
import Testing

@Suite("render command")
struct RenderCommandTests {
    static let fixture = "Tests/MineralGraphRenderingTests/Fixtures/cobalt-loop.yaml"

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

@Suite("render: figures and output formats")
struct RenderFigureCommandTests {
    static let fixture = RenderCommandTests.fixture

    @Test func unknownOrMissingExtensionsAreRefusedAndNothingIsWritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["x.txt", "x.html", "noextension"] {
            let path = directory.appendingPathComponent(name).path
            let result = try CLI.run(["render", Self.fixture, "-o", path])
            #expect(result.status != 0, "\(name)")
            #expect(result.stderr.contains("--format"), "\(name): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path), "\(name)")
        }
        // --format says otherwise: the bytes are what it names, whatever the extension.
        let forced = directory.appendingPathComponent("diagram.txt").path
        let result = try CLI.run(["render", Self.fixture, "--format", "dot", "-o", forced])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: forced, encoding: .utf8).hasPrefix("digraph"))
    }

    @Test func jpgIsARealJPEG() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("x.jpg").path
        let result = try CLI.run(["render", Self.fixture, "-o", path])
        if result.status != 0 {
            // Only where Graphviz lacks the renderer, and then with a clear refusal.
            #expect(result.stderr.contains("no JPEG renderer"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path))
            return
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(3)) == [0xFF, 0xD8, 0xFF])
    }

    @Test func twoPDFRendersAreTheSameBytes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var renders: [Data] = []
        for name in ["a.pdf", "b.pdf"] {
            let path = directory.appendingPathComponent(name).path
            let result = try CLI.run(["render", Self.fixture, "-o", path])
            #expect(result.status == 0, "\(result.stderr)")
            renders.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            Thread.sleep(forTimeInterval: 1.1)
        }
        #expect(renders[0] == renders[1])
    }

    @Test func figureOptionsReachTheDiagramAndAreValidated() throws {
        let result = try CLI.run(["render", Self.fixture, "--format", "dot", "--dpi", "300", "--size", "3.5x4", "--font-scale", "1.5",
                                  "--legend", "none", "--edge-labels", "share"])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["size=\"3.5,4!\"", "dpi=\"300\"", "fontsize=\"15\"", "xlabel=\"0.5 %\""] {
            #expect(result.stdout.contains(text), "\(text)")
        }
        #expect(!result.stdout.contains("labelloc"))
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = try CLI.run(["render", Self.fixture, "--size", "3.5x3", "-o", directory.appendingPathComponent("f.svg").path])
        #expect(small.status == 0)
        #expect(small.stderr.contains("note: drawn at ") && small.stderr.contains("% to fit 3.5x3: node text prints at "), "\(small.stderr)")
        let none = try CLI.run(["render", Self.fixture, "--format", "dot", "--no-edge-labels"])
        #expect(none.status == 0 && !none.stdout.contains("xlabel"))
        for (arguments, message) in [(["--size", "3.5"], "--size '3.5' is not WxH"), (["--dpi", "0"], "--dpi must be"),
                                     (["--font-scale", "0"], "--font-scale must be"), (["--edge-labels", "some"], "some")] {
            let bad = try CLI.run(["render", Self.fixture, "--format", "dot"] + arguments)
            #expect(bad.status != 0 && bad.stderr.contains(message), "\(arguments): \(bad.stderr)")
        }
    }
}

@Suite("map command")
struct MapCommandTests {
    static let graph = "graphs/cobalt-2023.yaml"

    @Test func svgMapHasCountryIdsProducerFillsAndTheResidual() throws {
        let result = try CLI.run(["map", Self.graph, "--mineral", "cobalt", "--stage", "mining", "--flows", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = result.stdout
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<path id=\"COD\" class=\"country producer share-4\""))
        #expect(svg.contains("<path id=\"DEU\" class=\"country\" fill=\"#D9D9D9\""))
        #expect(svg.contains("Other countries (not assigned to a country by the source, not drawn):"))
        #expect(svg.components(separatedBy: "<path class=\"flow\"").count - 1 == 3)
        #expect(svg.contains("data-from=\"COD\" data-to=\"CHN\""))
        let again = try CLI.run(["map", Self.graph, "--mineral", "cobalt", "--stage", "mining", "--flows", "3"])
        #expect(again.stdout == svg)
    }

    @Test func formatsFollowTheExtension() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = directory.appendingPathComponent("m.html").path
        let page = try CLI.run(["map", Self.graph, "--mineral", "Co", "--stage", "processing", "-o", html])
        #expect(page.status == 0, "\(page.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.contains("<path id=\"CHN\" class=\"country producer"))
        let wrong = directory.appendingPathComponent("m.jpg").path
        let refused = try CLI.run(["map", Self.graph, "--mineral", "Co", "--stage", "mining", "-o", wrong])
        #expect(refused.status != 0 && refused.stderr.contains("'.jpg' names no output format"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: wrong))
        for format in ["png", "pdf"] {
            let path = directory.appendingPathComponent("m.\(format)").path
            let result = try CLI.run(["map", Self.graph, "--mineral", "Co", "--stage", "mining", "-o", path])
            if result.status != 0 {
                #expect(result.stderr.contains("rsvg-convert"), "\(result.stderr)")
                print("skipped: \(format) maps need rsvg-convert, which is not installed")
                continue
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(data.prefix(4) == Data(format == "png" ? [0x89, 0x50, 0x4E, 0x47] : Array("%PDF".utf8)))
        }
    }

    @Test func badRequestsAreRefused() throws {
        let absent = try CLI.run(["map", Self.graph, "--mineral", "lithium", "--stage", "mining"])
        #expect(absent.status == 1 && absent.stderr.contains("no lithium supply at the mining stage"), "\(absent.stderr)")
        let year = try CLI.run(["map", Self.graph, "--mineral", "cobalt", "--stage", "mining", "--year", "1990"])
        #expect(year.status == 1 && year.stderr.contains("in that year (it has 2023)"), "\(year.stderr)")
        let unknown = try CLI.run(["map", Self.graph, "--mineral", "cobalts", "--stage", "mining"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown mineral 'cobalts'"))
        let use = try CLI.run(["map", Self.graph, "--mineral", "cobalt", "--stage", "use"])
        #expect(use.status != 0 && use.stderr.contains("use stage"))
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
