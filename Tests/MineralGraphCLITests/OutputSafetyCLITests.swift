import Foundation
import MineralGraphTestSupport
import Testing

/// What commands that write files do with outputs that are inputs, links, read-only files and
/// concurrent in-place edits (docs/output-files.md).
@Suite("Command line: output safety")
struct OutputSafetyCLITests {
    static let scenario = TestPaths.tests("MineralGraphCLITests/Fixtures/whatif/cut-md-half.yaml")
    static let toy = TestPaths.tests("MineralGraphCLITests/Fixtures/whatif/toy.yaml")

    /// Runs `arguments` and expects a refusal to overwrite `input`, with every file unchanged.
    static func expectRefusal(_ arguments: [String], input: String, in dir: TemporaryDirectory) throws {
        let before = try dir.listing().map { ($0, try? Data(contentsOf: dir.url.appendingPathComponent($0))) }
        let result = try CLI.run(arguments)
        #expect(result.status == 1, "\(arguments)")
        #expect(result.stderr.contains(": it is the input file \(input); nothing was written"), "\(arguments): \(result.stderr)")
        let after = try dir.listing().map { ($0, try? Data(contentsOf: dir.url.appendingPathComponent($0))) }
        #expect(after.map(\.0) == before.map(\.0) && after.map(\.1) == before.map(\.1), "\(arguments)")
    }

    @Test func commandsRefuseToOverwriteTheirInputs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = try dir.write("g.yaml", Samples.valid)
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.yaml"), withDestinationPath: "g.yaml")
        let link = dir.path("link.yaml")
        for output in [graph, link] {
            try Self.expectRefusal(["report", graph, "-o", output], input: graph, in: dir)
            try Self.expectRefusal(["render", graph, "--format", "dot", "-o", output], input: graph, in: dir)
            try Self.expectRefusal(["export", graph, "--format", "json", "-o", output], input: graph, in: dir)
            try Self.expectRefusal(["edit", graph, "node[mine].notes=x", "-o", output], input: graph, in: dir)
            try Self.expectRefusal(["fmt", graph, "-o", output], input: graph, in: dir)
            try Self.expectRefusal(["diff", graph, link, "-o", output], input: graph, in: dir)
        }
        // The input named through the link is matched too.
        try Self.expectRefusal(["report", link, "-o", graph], input: link, in: dir)
        let script = try dir.write("edits.txt", "node[mine].notes=x\n")
        try Self.expectRefusal(["edit", graph, "--script", script, "-o", script], input: script, in: dir)
        let toy = try dir.write("toy.yaml", String(contentsOf: Self.toy, encoding: .utf8))
        let scenario = try dir.write("s.yaml", String(contentsOf: Self.scenario, encoding: .utf8))
        try Self.expectRefusal(["whatif", toy, scenario, "-o", scenario], input: scenario, in: dir)
        let table = try dir.write("t.csv", "mineral,stage,country,quantity,year\ncobalt,mining,COD,100,2023\n")
        try Self.expectRefusal(["import", "production", table, "-o", table], input: table, in: dir)
    }

    @Test func inPlaceEditsWriteThroughSymbolicLinksAndKeepModeAndLinks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let real = try dir.write("real.yaml", Samples.valid)
        chmod(real, 0o600)
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.yaml"), withDestinationPath: "real.yaml")
        let edited = try CLI.run(["edit", "--in-place", dir.path("link.yaml"), "node[mine].notes=Through the link"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try dir.read("real.yaml").contains("notes: Through the link"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("link.yaml")) == "real.yaml")
        let attributes = try FileManager.default.attributesOfItem(atPath: real)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try dir.listing() == ["link.yaml", "real.yaml"])

        #expect(link(real, dir.path("hard.yaml")) == 0)
        let formatted = try CLI.run(["fmt", dir.path("link.yaml")])
        #expect(formatted.status == 0, "\(formatted.stderr)")
        #expect(try dir.read("hard.yaml") == dir.read("real.yaml"))
        #expect(try FileManager.default.attributesOfItem(atPath: real)[.referenceCount] as? Int == 2)
    }

    @Test func readOnlyOutputsAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = try dir.write("g.yaml", Samples.valid)
        let report = try dir.write("report.md", "old report\n")
        chmod(report, 0o444)
        chmod(graph, 0o444)
        let written = try CLI.run(["report", graph, "-o", report])
        #expect(written.status == 1)
        #expect(written.stderr.contains("cannot write \(report): the file is read-only (mode 444)"), "\(written.stderr)")
        #expect(try dir.read("report.md") == "old report\n")
        let edited = try CLI.run(["edit", "--in-place", graph, "node[mine].notes=x"])
        #expect(edited.status == 1)
        #expect(try dir.read("g.yaml") == Samples.valid)
        #expect(try dir.listing() == ["g.yaml", "report.md"])
    }

    /// Starts the command without waiting for it.
    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    @Test func concurrentInPlaceEditsLoseNoUpdate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for round in 0..<5 {
            let path = try dir.write("g.yaml", Samples.valid)
            let edits = ["node[mine].notes=First \(round)", "node[refinery].notes=Second \(round)"]
            let running = try edits.map { try Self.start(["edit", "--in-place", path, $0]) }
            var succeeded: [Bool] = []
            for (process, errors) in running {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                succeeded.append(process.terminationStatus == 0)
                if process.terminationStatus != 0 { #expect(message.contains("error"), "\(message)") }
            }
            let text = try dir.read("g.yaml")
            // Each edit is in the file, or its command failed.
            #expect(text.contains("notes: First \(round)") == succeeded[0])
            #expect(text.contains("notes: Second \(round)") == succeeded[1])
            #expect(succeeded.contains(true))
            #expect(try dir.listing() == ["g.yaml"])
        }
    }
}

@Suite("Command line: lone carriage returns")
struct LoneCarriageReturnCLITests {
    /// `printf 'x:\r  a: 1\r  a: 2\r' | mineral-graph validate -` once died with SIGILL.
    static let text = "x:\r  a: 1\r  a: 2\r"

    @Test func duplicateKeysWithLoneCarriageReturnsAreLocatedErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("cr.yaml", Self.text)
        for (arguments, stdin) in [(["validate", path], nil), (["validate", "-"], Self.text), (["report", "-"], Self.text)] {
            let result = try CLI.run(arguments, stdin: stdin)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(":3:3: error: duplicate key 'a'"), "\(arguments): \(result.stderr)")
        }
        let toy = TestPaths.tests("MineralGraphCLITests/Fixtures/whatif/toy.yaml").path
        let scenario = try CLI.run(["whatif", toy, path])
        #expect(scenario.status == 1)
        #expect(scenario.stderr.contains("cr.yaml:3:3: error: duplicate key 'a'"), "\(scenario.stderr)")
    }
}

@Suite("Command line: bounded, escaped diagnostics")
struct BoundedDiagnosticsCLITests {
    @Test func aLongLineWithManyErrorsPrintsABoundedReport() throws {
        // 100 nodes with unknown countries on one 5 KB line: each error once printed the whole line.
        let nodes = (0..<100).map { "{id: n\($0), kind: mine, country: XX\($0)}" }.joined(separator: ", ")
        let result = try CLI.run(["validate", "-"], stdin: "name: wide\nyear: 2023\nnodes: [\(nodes)]\n")
        #expect(result.status == 1)
        #expect(result.stderr.components(separatedBy: ": error: ").count - 1 == 50)
        #expect(result.stderr.hasSuffix("… and 50 more errors\n"))
        #expect(result.stderr.utf8.count < 25_000, "\(result.stderr.utf8.count) bytes")
        #expect(result.stdout == "-: FAILED — 100 nodes, 0 flows, 100 errors, 0 warnings\n")
    }

    @Test func controlCharactersFromFilesAndArgumentsAreEscaped() throws {
        let result = try CLI.run(["validate", "-"], stdin: "name: x\nyear: 2023\nnodes:\n  - {id: a, kind: mine, country: \"\\e[2J\\a\"}\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown country '\\u{1B}[2J\\u{7}'"), "\(result.stderr)")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = try dir.write("g.yaml", Samples.valid)
        let written = try CLI.run(["report", graph, "-o", dir.path("no\u{1B}such/r.md")])
        #expect(written.status == 1)
        #expect(written.stderr.contains("cannot write \(dir.path("no\\u{1B}such/r.md")): directory "), "\(written.stderr)")
        // A message the command prints itself, naming a file.
        let messy = try dir.write("messy\u{7}.yaml", Samples.nonCanonical)
        let check = try CLI.run(["fmt", "--check", messy])
        #expect(check.status == 1)
        #expect(check.stderr == "\(dir.path("messy\\u{7}.yaml")): not in canonical form (run mineral-graph fmt \(dir.path("messy\\u{7}.yaml")))\n")
        for output in [result.stderr, written.stderr, check.stderr] {
            #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        }
    }
}
