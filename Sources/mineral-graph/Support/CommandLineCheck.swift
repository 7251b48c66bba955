import ArgumentParser
import Foundation
import MineralGraphCore

/// Checks a command line against the commands and options the tool declares.
///
/// ArgumentParser runs a command's `validate()` before it looks for unknown options, so
/// `report F --fromat html` used to answer "several graphs need --out-dir" (it took `--fromat`'s
/// value for a second graph), and a mistyped subcommand (`reprot`) gave "2 unexpected arguments".
/// When ArgumentParser refuses a command line, ``MineralGraph/main()`` runs this check: an
/// unknown subcommand or option is reported with the closest known name (`ClosestMatches`)
/// instead of ArgumentParser's message. A command line ArgumentParser accepts has no unknown
/// names, so the check costs nothing on the way to a command.
///
/// The commands and options come from ArgumentParser's own description of the tool
/// (`_dumpHelp()`, the JSON behind `--experimental-dump-help`), so the check cannot drift from
/// the declarations.
struct CommandLineCheck {
    /// A problem with the command line: the message (without the `error:` prefix), notes, and
    /// the command path whose `--help` to point to.
    struct Problem: Equatable {
        var message: String
        var notes: [String]
        var commandPath: [String]
    }

    /// One command of the tool: its name, the names of its options (with `--` or `-`), which of
    /// them take a value, and its subcommands.
    struct Command {
        var name: String
        var optionNames: Set<String> = []
        var valueOptions: Set<String> = []
        var subcommands: [Command] = []
    }

    let root: Command

    /// Options every command accepts (ArgumentParser's built-ins, and the tool's `--color`, which
    /// ``Terminal`` takes off the command line before this check runs).
    static let builtInOptions: Set<String> = [
        "--help", "-h", "--help-hidden", "--experimental-dump-help", "--version", "--color", "--generate-completion-script",
    ]
    /// The built-in options that take a value.
    static let builtInValueOptions: Set<String> = ["--generate-completion-script"]

    /// The check for `mineral-graph` as declared, or nil when its description cannot be read
    /// (then ArgumentParser's own checks apply).
    static func forTool() -> CommandLineCheck? {
        guard let data = MineralGraph._dumpHelp().data(using: .utf8),
            let info = try? JSONDecoder().decode(ToolInfo.self, from: data)
        else { return nil }
        return CommandLineCheck(root: Command(info.command))
    }

    /// The first unknown subcommand or option of `arguments` (without the program name).
    func problem(in arguments: [String]) -> Problem? {
        var command = root
        var path = [root.name]
        var index = 0
        var sawPositional = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { return nil }
            if argument.hasPrefix("-") && argument != "-" && !Self.isNumber(argument) {
                let name = argument.hasPrefix("--") ? String(argument.prefix { $0 != "=" }) : argument
                if command.optionNames.contains(name) || Self.builtInOptions.contains(name) {
                    let takesValue = command.valueOptions.contains(name) || Self.builtInValueOptions.contains(name)
                    if takesValue && !argument.contains("=") { index += 1 }
                    continue
                }
                if !argument.hasPrefix("--") && Self.isCombinedShortFlags(argument, of: command) { continue }
                let known = command.optionNames.union(Self.builtInOptions).filter { $0.hasPrefix("--") && $0 != "--experimental-dump-help" }.sorted()
                let closest = ClosestMatches.best(for: name, among: known, limit: 1)
                return Problem(message: "unknown option '\(name)'" + (closest.first.map { ", did you mean '\($0)'?" } ?? ""),
                               notes: [], commandPath: path)
            }
            // A positional argument: a subcommand where the command has subcommands and has not
            // taken a positional argument yet.
            guard !command.subcommands.isEmpty, !sawPositional else {
                sawPositional = true
                continue
            }
            if let next = command.subcommands.first(where: { $0.name == argument }) {
                if next.name == "help" { return nil }
                command = next
                path.append(next.name)
                continue
            }
            let names = command.subcommands.map(\.name).filter { $0 != "help" }
            let closest = ClosestMatches.best(for: argument, among: names, limit: 1)
            let message = "unknown command '\(argument)'" + (closest.first.map { ", did you mean '\($0)'?" } ?? "")
            return Problem(message: message, notes: ["commands: " + names.joined(separator: ", ")], commandPath: path)
        }
        return nil
    }

    /// `-0.5`, `-3`: a negative number, never an option.
    static func isNumber(_ argument: String) -> Bool { Double(argument) != nil }

    /// `-ab` as `-a -b`, each a flag of `command`.
    static func isCombinedShortFlags(_ argument: String, of command: Command) -> Bool {
        let letters = argument.dropFirst()
        return letters.count > 1 && letters.allSatisfy { command.optionNames.contains("-\($0)") && !command.valueOptions.contains("-\($0)") }
    }

    // MARK: ArgumentParser's tool description (the part read here)

    fileprivate struct ToolInfo: Decodable {
        var command: CommandInfo
    }

    fileprivate struct CommandInfo: Decodable {
        var commandName: String
        var arguments: [ArgumentInfo]?
        var subcommands: [CommandInfo]?
    }

    fileprivate struct ArgumentInfo: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var names: [Name]?
    }
}

extension CommandLineCheck.Command {
    fileprivate init(_ info: CommandLineCheck.CommandInfo) {
        name = info.commandName
        for argument in info.arguments ?? [] where argument.kind != "positional" {
            for name in argument.names ?? [] {
                let spelled = (name.kind == "short" ? "-" : name.kind == "longWithSingleDash" ? "-" : "--") + name.name
                optionNames.insert(spelled)
                if argument.kind == "option" { valueOptions.insert(spelled) }
            }
        }
        subcommands = (info.subcommands ?? []).map { CommandLineCheck.Command($0) }
    }
}
