import Foundation
import MineralGraphTestSupport
import Testing

/// Runs the built `mineral-graph` executable as a user would.
enum CLI {
    static var executable: URL {
        // Tests run from the package root; the binary sits beside the test bundle.
        let bundle = Bundle.main.bundleURL
        let candidates = [
            bundle.deletingLastPathComponent().appendingPathComponent("mineral-graph"),
            bundle.appendingPathComponent("mineral-graph"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL = TestPaths.packageRoot) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("Command line")
struct CLITests {
    @Test func validateReportsLocatedErrorWithCaretAndFails() throws {
        let text = "name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CDO\n"
        let result = try CLI.run(["validate", "-"], stdin: text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:6:14: error: unknown country 'CDO'"))
        #expect(result.stderr.contains("    country: CDO\n             ^\n"))
        #expect(result.stderr.contains("COD (DR Congo)"))
    }
}

enum Samples {
    static let fixtures = TestPaths.tests("MineralGraphFormatsTests/Fixtures")

    /// A valid graph in canonical form with no warnings.
    static let valid = """
        # Two-node chain for the command-line tests.

        format: mineral-graph/1
        name: CLI chain
        year: 2023
        units:
          mass: t
          value: USD
          water: m3

        sources:
          - id: usgs
            title: Mineral Commodity Summaries 2024
            year: 2024

        nodes:
          - id: mine
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
                tonnes: 1000
                contained_tonnes: 300

          - id: refinery
            kind: processor
            country: CHN
            outputs:
              - mineral: cobalt
                contained_tonnes: 250

          - id: dump
            kind: waste
            fate: landfill
            country: GHA

        flows:
          - from: mine
            to: refinery
            mineral: cobalt
            tonnes: 800
            contained_tonnes: 240
            value_usd: 7500000

          - from: refinery
            to: dump
            mineral: cobalt
            tonnes: 2.5
            value_usd: -1000
            type: waste

        """

    /// The same graph as a person might write it: aliases, flow style, other key order.
    static let nonCanonical = """
        # Two-node chain for the command-line tests.
        name: CLI chain
        year: 2023
        sources: [{id: usgs, year: 2024, title: Mineral Commodity Summaries 2024}]
        nodes:
          - {id: mine, kind: mine, country: Congo (Kinshasa), outputs: [{mineral: Co, tonnes: 1000, contained_tonnes: 300}]}
          - id: refinery   # a comment that fmt drops
            country: CN
            kind: processor
            outputs:
              - {mineral: cobalt, contained_tonnes: 250.0}
          - {id: dump, kind: waste, fate: landfill, country: Ghana}
        flows:
          - {from: mine, to: refinery, mineral: cobalt, tonnes: 800, contained_tonnes: 240, value_usd: 7.5e6}
          - {from: refinery, to: dump, mineral: cobalt, tonnes: 2.5, value_usd: -1000, type: waste}
        """

    /// Valid but with one warning: the mine ships more than its output.
    static let withWarning = valid.replacingOccurrences(of: "contained_tonnes: 240", with: "contained_tonnes: 320")

    /// Fails to read: an unknown node kind on line 6.
    static let broken = "name: broken\nyear: 2023\nnodes:\n  - id: a\n    country: CHN\n    kind: refinery\n"
}

@Suite("Command line: validate")
struct ValidateCommandTests {
    @Test func validFileExitsZero() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("good.yaml", Samples.valid)
        let result = try CLI.run(["validate", path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path): ok — 3 nodes, 2 flows, 0 errors, 0 warnings\n")
        #expect(result.stderr == "")
        let quiet = try CLI.run(["validate", "--quiet", path])
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "")
    }

    @Test func errorsExitOneWithLocatedMessages() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("bad.yaml", Samples.valid.replacingOccurrences(of: "country: CHN", with: "country: CHNA"))
        let result = try CLI.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(path):27:14: error: unknown country 'CHNA'\n    country: CHNA\n             ^\nnote: closest matches: CHN (China)"))
        #expect(result.stdout == "\(path): FAILED — 3 nodes, 2 flows, 1 error, 0 warnings\n")
    }

    @Test func warningsExitZeroUnlessStrict() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("warn.yaml", Samples.withWarning)
        let lenient = try CLI.run(["validate", path])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("\(path):23:27: warning: node 'mine' ships 320 t of cobalt but its output is 300 t (contained)"))
        #expect(lenient.stdout.contains("ok — 3 nodes, 2 flows, 0 errors, 1 warning\n"))

        let strict = try CLI.run(["validate", "--strict", path])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("\(path): FAILED — 3 nodes, 2 flows, 0 errors, 1 warning\n"))
    }

    @Test func toleranceWidensTheMassBalanceCheck() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("warn.yaml", Samples.withWarning)  // ships 320 t of 300 t: 6.7 % over
        #expect(try CLI.run(["validate", "--strict", "--tolerance", "0.05", path]).status == 1)
        let wide = try CLI.run(["validate", "--strict", "--tolerance", "0.07", path])
        #expect(wide.status == 0)
        #expect(wide.stderr == "")
        let negative = try CLI.run(["validate", "--tolerance=-1", path])
        #expect(negative.status == 64)
        #expect(negative.stderr.contains("--tolerance must be a non-negative number"))
    }

    @Test func severalFilesWithOneBad() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try dir.write("a-good.yaml", Samples.valid)
        let bad = try dir.write("b-bad.yaml", Samples.broken)
        let other = try dir.write("c-good.yaml", Samples.valid)
        let result = try CLI.run(["validate", good, bad, other])
        #expect(result.status == 1)
        #expect(result.stdout == """
            \(good): ok — 3 nodes, 2 flows, 0 errors, 0 warnings
            \(bad): FAILED — could not be read (1 error)
            \(other): ok — 3 nodes, 2 flows, 0 errors, 0 warnings

            """)
        #expect(result.stderr.hasPrefix("\(bad):6:11: error: unknown node kind 'refinery'\n"))
    }

    @Test func missingAndUnreadableFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.path("missing.yaml")
        let result = try CLI.run(["validate", missing])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(missing): no such file\n")
        #expect(result.stdout == "\(missing): FAILED — could not be read (1 error)\n")

        let directory = dir.path("a-directory.yaml")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let unreadable = try CLI.run(["validate", directory])
        #expect(unreadable.status == 1)
        #expect(unreadable.stderr == "error: \(directory): is a directory, not a file\n")

        let binary = dir.path("binary.yaml")
        try Data([0x6E, 0x61, 0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: binary))
        let notText = try CLI.run(["validate", binary])
        #expect(notText.status == 1)
        #expect(notText.stderr.hasPrefix("error: \(binary): the file has a NUL byte (byte 4), so it is not UTF-8 text"))

        let invalid = dir.path("latin1.yaml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: invalid))
        let latin1 = try CLI.run(["validate", invalid])
        #expect(latin1.status == 1)
        #expect(latin1.stderr == "error: \(invalid): the file is not UTF-8 text\n")
    }

    @Test func standardInput() throws {
        let result = try CLI.run(["validate", "-"], stdin: Samples.valid)
        #expect(result.status == 0)
        #expect(result.stdout == "-: ok — 3 nodes, 2 flows, 0 errors, 0 warnings\n")
    }

    /// `mineral-graph validate graphs/*.yaml` passes on the examples, strictly, and they are canonical.
    @Test func examplesValidateStrictlyAndAreCanonical() throws {
        let names = TestPaths.exampleGraphs
        #expect(names.contains("cobalt-2023.yaml") && names.contains("lithium-2023.yaml"), "examples missing from graphs/: \(names)")
        guard !names.isEmpty else { return }
        let paths = names.map { "graphs/" + $0 }
        let result = try CLI.run(["validate", "--strict"] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout.split(separator: "\n").count == names.count)
        let check = try CLI.run(["fmt", "--check"] + paths)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func everyBrokenFixtureFailsWithALocatedError() throws {
        let directory = Samples.fixtures.appendingPathComponent("broken")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 16)
        let paths = names.map { directory.appendingPathComponent($0).path }
        let result = try CLI.run(["validate"] + paths)
        #expect(result.status == 1)
        for path in paths {
            #expect(result.stdout.contains("\(path): FAILED"), "\(path)")
            let located = try Regex("(?m)^" + NSRegularExpression.escapedPattern(for: path) + #":\d+:\d+: error: "#)
            #expect(result.stderr.contains(located), "no located error for \(path)")
        }
        // One by one, each exits 1.
        for path in paths.prefix(4) {
            #expect(try CLI.run(["validate", path]).status == 1)
        }
    }
}

@Suite("Command line: summary")
struct SummaryCommandTests {
    @Test func textSummary() throws {
        let path = Samples.fixtures.appendingPathComponent("small-canonical.yaml").path
        let result = try CLI.run(["summary", path])
        #expect(result.status == 0)
        #expect(result.stdout == """
            Test chain (2023)
            Nodes: 3 in 3 countries
              by kind: mine 1, processor 2
              by country: CHN China 1, COD DR Congo 1, FIN Finland 1
            Flows: 1 (product 1)
              cobalt: 1 flows, 40 t Co contained, 130 t gross, USD 5
            Sources cited: 0

            """)
    }

    @Test func textSummaryWithWasteSourcesAndMissingFigures() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.valid)
        let result = try CLI.run(["summary", path])
        #expect(result.status == 0)
        #expect(result.stdout == """
            CLI chain (2023)
            Nodes: 3 in 3 countries
              by kind: mine 1, processor 1, waste 1
              waste fates: landfill 1
              by country: CHN China 1, COD DR Congo 1, GHA Ghana 1
            Flows: 2 (product 1, waste 1)
              cobalt: 2 flows, 240 t Co contained, 802 t gross, USD 7,499,000
                not in the totals: 1 without contained tonnes
            Sources cited: 1
              [usgs] Mineral Commodity Summaries 2024 (2024)

            """)
    }

    @Test func jsonSummary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.valid)
        let result = try CLI.run(["summary", "--format", "json", path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["name"] as? String == "CLI chain")
        #expect(json["year"] as? Int == 2023)
        #expect(json["nodeCount"] as? Int == 3)
        #expect(json["countryCount"] as? Int == 3)
        #expect(json["flowCount"] as? Int == 2)
        #expect(json["sourceCount"] as? Int == 1)
        #expect(json["nodesByKind"] as? [String: Int] == ["mine": 1, "processor": 1, "waste": 1, "waste/landfill": 1])
        #expect(json["nodesByCountry"] as? [String: Int] == ["CHN": 1, "COD": 1, "GHA": 1])
        #expect(json["flowsByType"] as? [String: Int] == ["product": 1, "waste": 1])
        let minerals = try #require(json["minerals"] as? [[String: Any]])
        #expect(minerals.count == 1)
        #expect(minerals.first?["mineral"] as? String == "cobalt")
        #expect(minerals.first?["containedBasis"] as? String == "t Co")
        #expect(minerals.first?["containedTonnes"] as? Double == 240)
        #expect(minerals.first?["tonnes"] as? Double == 802.5)
        #expect(minerals.first?["valueUSD"] as? Double == 7_499_000)
        #expect(minerals.first?["flowsMissingContainedTonnes"] as? Int == 1)
        #expect(minerals.first?["flowsMissingTonnes"] as? Int == 0)
        // Sorted keys: the output is deterministic.
        #expect(result.stdout == (try CLI.run(["summary", "--format", "json", path])).stdout)
        #expect(result.stdout.hasPrefix("{\n  \"countryCount\" : 3,"))
    }

    @Test func summaryOfABrokenFileFails() throws {
        let result = try CLI.run(["summary", "-"], stdin: Samples.broken)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("<stdin>:6:11: error: unknown node kind 'refinery'"))
    }
}

@Suite("Command line: fmt")
struct FormatCommandTests {
    @Test func rewritesInPlaceAtomicallyKeepingPermissions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.nonCanonical)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let result = try CLI.run(["fmt", path])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        #expect(try dir.read("g.yaml") == Samples.valid)
        #expect(try dir.listing() == ["g.yaml"], "no temporary file left behind")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
    }

    @Test func canonicalFileIsNotRewritten() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.valid)
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        #expect(try CLI.run(["fmt", path]).status == 0)
        #expect(try dir.read("g.yaml") == Samples.valid)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == old)
    }

    @Test func fileWithErrorsIsLeftByteIdentical() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("bad.yaml", Samples.broken)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try CLI.run(["fmt", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(path):6:11: error: unknown node kind 'refinery'"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try dir.listing() == ["bad.yaml"])
    }

    @Test func oneBadFileDoesNotStopTheOthers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.yaml", Samples.nonCanonical)
        let b = try dir.write("b.yaml", Samples.broken)
        let c = try dir.write("c.yaml", Samples.nonCanonical)
        let result = try CLI.run(["fmt", a, b, c])
        #expect(result.status == 1)
        #expect(try dir.read("a.yaml") == Samples.valid)
        #expect(try dir.read("b.yaml") == Samples.broken)
        #expect(try dir.read("c.yaml") == Samples.valid)
        #expect(try dir.listing() == ["a.yaml", "b.yaml", "c.yaml"])
    }

    @Test func checkReportsNonCanonicalFilesAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let canonical = try dir.write("canonical.yaml", Samples.valid)
        let messy = try dir.write("messy.yaml", Samples.nonCanonical)
        let crlf = try dir.write("crlf.yaml", Samples.valid.replacingOccurrences(of: "\n", with: "\r\n"))

        let ok = try CLI.run(["fmt", "--check", canonical])
        #expect(ok.status == 0)
        #expect(ok.stdout == "" && ok.stderr == "")

        let result = try CLI.run(["fmt", "--check", canonical, messy, crlf])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(messy): not in canonical form (run mineral-graph fmt \(messy))
            \(crlf): not in canonical form (run mineral-graph fmt \(crlf))

            """)
        #expect(try dir.read("messy.yaml") == Samples.nonCanonical)
        #expect(try dir.read("crlf.yaml") == Samples.valid.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try dir.listing() == ["canonical.yaml", "crlf.yaml", "messy.yaml"])
    }

    @Test func outputToStandardOutput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.nonCanonical)
        let result = try CLI.run(["fmt", "-o", "-", path])
        #expect(result.status == 0)
        #expect(result.stdout == Samples.valid)
        #expect(try dir.read("g.yaml") == Samples.nonCanonical)
        let piped = try CLI.run(["fmt", "-"], stdin: Samples.nonCanonical)
        #expect(piped.status == 0)
        #expect(piped.stdout == Samples.valid)
    }

    @Test func outputToAnotherFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.nonCanonical)
        let result = try CLI.run(["fmt", "--output", dir.path("out.yaml"), path])
        #expect(result.status == 0)
        #expect(try dir.read("out.yaml") == Samples.valid)
        #expect(try dir.read("g.yaml") == Samples.nonCanonical)
        #expect(try dir.listing() == ["g.yaml", "out.yaml"])
    }

    @Test func outputIntoAMissingDirectoryFailsAndCreatesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.nonCanonical)
        let target = "/nonexistent-\(UUID().uuidString)/dir/x.yaml"
        let result = try CLI.run(["fmt", "-o", target, path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write \(target): directory "))
        #expect(result.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: (target as NSString).deletingLastPathComponent))
        #expect(try dir.read("g.yaml") == Samples.nonCanonical)
        #expect(try dir.listing() == ["g.yaml"])
    }

    @Test func outputTakesOneInputFile() throws {
        let result = try CLI.run(["fmt", "-o", "-", "a.yaml", "b.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--output takes exactly one input file"))
    }

    @Test func formattedOutputValidates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.nonCanonical)
        #expect(try CLI.run(["fmt", path]).status == 0)
        #expect(try CLI.run(["validate", "--strict", path]).status == 0)
        #expect(try CLI.run(["fmt", "--check", path]).status == 0)
    }
}
