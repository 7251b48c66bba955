import ArgumentParser
import Foundation
import MineralGraphFormats

@main
struct MineralGraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mineral-graph",
        abstract: "Analyse critical-mineral supply chains as graphs.",
        discussion: """
            Graph files are YAML (see docs/graph-format.md). Every command that reads a graph \
            reports problems as FILE:LINE:COLUMN and exits non-zero on errors.

            --color never|auto|always (any command): colour the error: and warning: labels of \
            standard error; auto (the default) colours on a terminal unless NO_COLOR is set.
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, SummaryCommand.self, FormatCommand.self, EditCommand.self, ReportCommand.self,
            RenderCommand.self, ImportCommand.self, ExportCommand.self, WhatIfCommand.self, DiffCommand.self,
            TradeHHICommand.self, MergeCommand.self, TrendCommand.self, BriefCommand.self, MapCommand.self,
        ]
    )

    /// Runs the tool: `--color` is taken off the command line, then ArgumentParser parses it.
    /// When it refuses the command line, unknown subcommands and options are reported first
    /// (``CommandLineCheck``), whatever a command's own checks said; its other messages go
    /// through ``printError(_:)`` so that their `Error:` label is coloured like the tool's own.
    static func main() {
        OutputFile.removeTemporaryFilesOnSignals()
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            arguments = try Terminal.configure(arguments)
        } catch {
            printError("error: \(error)\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // A command line that ArgumentParser refuses is checked for unknown names first: its
            // own message may come from a command's `validate()` that ran before it looked for
            // them. A command line it accepts has none, so the check costs nothing then.
            if exitCode(for: error) != .success, let problem = CommandLineCheck.forTool()?.problem(in: arguments) {
                let notes = problem.notes.map { "note: \($0)\n" }.joined()
                printError("error: \(problem.message)\n\(notes)See '\(problem.commandPath.joined(separator: " ")) --help' for more information.\n")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            exitPrinting(error)
        }
        do {
            var command = command
            try command.run()
        } catch {
            exitPrinting(error)
        }
    }

    /// Prints `error` as ArgumentParser would (help and version to standard output, errors to
    /// standard error through ``printError(_:)``) and exits with its code.
    static func exitPrinting(_ error: Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
        } else if !message.isEmpty {
            printError(message + "\n")
        }
        Foundation.exit(code.rawValue)
    }
}
