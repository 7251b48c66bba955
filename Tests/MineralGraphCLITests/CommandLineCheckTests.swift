import Foundation
import MineralGraphTestSupport
import Testing

/// Unknown subcommands and options are reported before any command's own checks, with a
/// "did you mean"; `error:` labels are coloured on a terminal only, honouring `NO_COLOR` and
/// `--color`.
@Suite("Command line: unknown names and colour")
struct CommandLineCheckTests {
    static let graph = "graphs/cobalt-2023.yaml"

    @Test func unknownOptionIsReportedBeforeTheCommandsOwnChecks() throws {
        // `--fromat html` used to make `html` a second graph: "several graphs need --out-dir".
        let result = try CLI.run(["report", Self.graph, "--fromat", "html"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("error: unknown option '--fromat', did you mean '--format'?"))
        #expect(result.stderr.contains("See 'mineral-graph report --help'"))
        #expect(!result.stderr.contains("several graphs"))
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownOptionOfANestedCommandNamesItsPath() throws {
        let result = try CLI.run(["import", "production", "x.csv", "--minerall", "cobalt"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("error: unknown option '--minerall', did you mean '--mineral'?"))
        #expect(result.stderr.contains("See 'mineral-graph import production --help'"))
    }

    @Test func mistypedSubcommandGetsASuggestion() throws {
        let result = try CLI.run(["reprot", Self.graph])
        #expect(result.status == 64)
        #expect(result.stderr.contains("error: unknown command 'reprot', did you mean 'report'?"))
        #expect(result.stderr.contains("note: commands: validate, summary,"))
        #expect(!result.stderr.contains("unexpected argument"))

        let nested = try CLI.run(["import", "prodution", "x.csv"])
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("unknown command 'prodution', did you mean 'production'?"))
    }

    @Test func knownOptionsValuesAndBuiltInsStillWork() throws {
        // `-o -` takes "-" as the option's value; `--format=json` its value after `=`.
        let report = try CLI.run(["report", Self.graph, "--format=json", "-o", "-", "--no-diagram"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("{"))
        let completion = try CLI.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("mineral-graph"))
        let help = try CLI.run(["help", "report"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--format"))
        // After `--` nothing is an option: the name is taken as a file and is missing.
        let terminated = try CLI.run(["validate", "--", "--no-such-file"])
        #expect(terminated.status == 1)
        #expect(terminated.stderr.contains("--no-such-file: no such file"))
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let red = "\u{1B}[1;31merror:\u{1B}[0m"
        let always = try CLI.run(["--color", "always", "summary", "no-such-file.yaml"])
        #expect(always.status == 1)
        #expect(always.stderr.contains("\(red) no-such-file.yaml: no such file"))
        // ArgumentParser's own "Error:" label too, and a diagnostic's label after FILE:LINE:COL.
        let usage = try CLI.run(["report", Self.graph, Self.graph, "--color=always"])
        #expect(usage.stderr.hasPrefix("\u{1B}[1;31mError:\u{1B}[0m several graphs need --out-dir"))
        let diagnostic = try CLI.run(["validate", "-", "--color", "always"], stdin: "name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CDO\n")
        #expect(diagnostic.stderr.contains("<stdin>:6:14: \(red) unknown country 'CDO'"))

        let never = try CLI.run(["summary", "no-such-file.yaml", "--color", "never"])
        #expect(never.stderr.hasPrefix("error: no-such-file.yaml: no such file"))
        let piped = try CLI.run(["summary", "no-such-file.yaml"])
        #expect(!piped.stderr.contains("\u{1B}["))

        let bad = try CLI.run(["--color", "sometimes", "summary", Self.graph])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'sometimes' is not a value of '--color': use never, auto or always"))
    }

    /// `script` (util-linux) runs the tool on a pseudo-terminal, where `--color auto` colours
    /// unless `NO_COLOR` is set.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs /usr/bin/script for a terminal"))
    func autoColoursATerminalUnlessNoColor() throws {
        let command = "'\(CLI.executable.path)' summary no-such-file.yaml"
        let onTerminal = try Self.runOnTerminal(command, environment: ["TERM": "xterm"])
        #expect(onTerminal.contains("\u{1B}[1;31merror:\u{1B}[0m no-such-file.yaml: no such file"))
        let noColor = try Self.runOnTerminal(command, environment: ["TERM": "xterm", "NO_COLOR": "1"])
        #expect(noColor.contains("error: no-such-file.yaml: no such file"))
        #expect(!noColor.contains("\u{1B}[1;31m"))
        let dumb = try Self.runOnTerminal(command, environment: ["TERM": "dumb"])
        #expect(!dumb.contains("\u{1B}[1;31m"))
    }

    /// The terminal's output (standard output and error together) of `command` run by `sh`.
    static func runOnTerminal(_ command: String, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = TestPaths.packageRoot
        var base = ProcessInfo.processInfo.environment
        base["NO_COLOR"] = nil
        process.environment = base.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
