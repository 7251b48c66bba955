import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a graph file with scriptable edits, keeping its comments and layout.",
        discussion: """
            Edits (docs/editing.md); quote each one for the shell:
              'node[ID].FIELD=VALUE'           set a field; =null removes it
              'nodes[country=COD,kind=mine].output[cobalt]*=0.5'
                                               scale quantities
              'flow[FROM->TO:MINERAL].value_usd+=1e6'
                                               add to a quantity
              'add node {id: x, kind: processor, country: MAR}'
              'add flow {from: a, to: x, mineral: cobalt}'
              'remove node[ID]'                also removes its flows
              'remove flows[from.country=IDN,to.country!=IDN]'
              'rename node[OLD] NEW'           also updates its flows

            Only the edited lines change; every other byte of the file stays as it \
            was. Scripts (--script) hold one edit per line, with blank lines and # \
            comment lines; they run before the edits given as arguments. If any edit \
            fails (unknown id, bad value, or new validation errors) nothing is \
            written and the exit status is 1. The result goes to standard output \
            unless -o or --in-place is given; files are replaced atomically (docs/editing.md). \
            -o refuses the input's own path: use --in-place, which waits while another \
            in-place edit of the file runs.
            """
    )

    @Argument(help: "The graph file to edit (- for standard input).")
    var file: String

    @Argument(help: "Edits, applied in order after those of the scripts.")
    var edits: [String] = []

    @Option(name: .long, help: ArgumentHelp("A file of edits, one per line (- for standard input); may be repeated.", valueName: "EDITS"))
    var script: [String] = []

    @Option(name: .shortAndLong, help: "Write the result here (- for standard output).")
    var output: String?

    @Flag(name: .long, help: "Replace FILE with the result.")
    var inPlace = false

    @Flag(name: .long, help: "Print a unified diff of the changes instead of writing anything.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Do not print notes and new warnings.")
    var quiet = false

    func validate() throws {
        if edits.isEmpty && script.isEmpty {
            throw ValidationError("give at least one edit, or a script with --script")
        }
        if inPlace && output != nil {
            throw ValidationError("--in-place and --output exclude each other")
        }
        if inPlace && file == "-" {
            throw ValidationError("--in-place needs a file, not standard input")
        }
        if script.filter({ $0 == "-" }).count > (file == "-" ? 0 : 1) {
            throw ValidationError("standard input can be read once: by FILE or by one --script")
        }
    }

    func run() throws {
        // Two in-place edits of one file take turns, so neither loses the other's change.
        if inPlace {
            try lockedForRewriting(file) { try edit() }
        } else {
            try edit()
        }
    }

    private func edit() throws {
        let document = try loadDocument(file)
        var scripts: [EditScript] = []
        var failures: [DiagnosticError] = []
        for path in script {
            let text: String
            do {
                text = try TextFile.read(path)
            } catch {
                throw UserError("cannot read script \(path): \(error)")
            }
            do {
                scripts.append(try EditScript.parse(script: text, file: path == "-" ? "<stdin>" : path))
            } catch {
                failures.append(error)
            }
        }
        for (index, edit) in edits.enumerated() {
            do {
                scripts.append(try EditScript.parse(edit: edit, file: "<edit \(index + 1)>"))
            } catch {
                failures.append(error)
            }
        }
        if !failures.isEmpty {
            printError(failures.map(\.description).joined())
            throw ExitCode.failure
        }

        let target = inPlace ? file : output
        let displayName = file == "-" ? "<stdin>" : file
        // Until it is written, the edited text is not the file: diagnostics say so.
        let editedName = "\(displayName) (edited)"
        let outcome: GraphFileEditor.Outcome
        let originalText = document.text
        do {
            // Consumed, so that the editor can release the original before reading back the edit.
            outcome = try GraphFileEditor().apply(scripts, to: consume document, editedName: editedName)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        if !quiet {
            printError(outcome.notes.map { "\($0)\n" }.joined())
            let written = dryRun ? nil : target.flatMap { $0 == "-" ? nil : $0 }
            let warnings = outcome.newWarnings.map { warning in
                var warning = warning
                if let written { warning.location?.file = written }
                return warning
            }
            printError(DiagnosticRenderer(text: outcome.text).render(warnings))
        }

        if dryRun {
            let diff = LineDiff(old: originalText, new: outcome.text)
            FileHandle.standardOutput.write(Data(diff.unified(oldName: displayName, newName: editedName).utf8))
            return
        }
        let destination = target ?? "-"
        if inPlace && outcome.text == originalText { return }
        try writeOutputs([(destination, outcome.text)], inputs: inPlace ? script : [file] + script)
    }
}
