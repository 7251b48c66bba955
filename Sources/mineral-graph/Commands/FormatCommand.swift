import ArgumentParser
import MineralGraphCore
import MineralGraphFormats

struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite graph files in canonical form.",
        discussion: """
            Canonical form: fixed key order, alpha-3 country codes, catalogue mineral ids, plain \
            numbers, one blank line between items. The comment block at the top of a file is \
            kept; other comments are not. Files are replaced atomically; -o refuses the input's own path.
            """
    )

    @Argument(help: "Graph files to rewrite.")
    var files: [String]

    @Flag(help: "Change nothing; exit 1 if a file is not in canonical form.")
    var check = false

    @Option(name: .shortAndLong, help: "Write to this path instead (one input file only; - for standard output).")
    var output: String?

    func validate() throws {
        if output != nil && files.count != 1 {
            throw ValidationError("--output takes exactly one input file")
        }
    }

    func run() throws {
        var unformatted: [String] = []
        var unreadable = false
        for path in files {
            // Rewriting in place holds the file's lock, as `edit --in-place` does.
            let inPlace = !check && output == nil
            switch try inPlace ? lockedForRewriting(path, { try format(path) }) : format(path) {
            case .unreadable: unreadable = true
            case .unformatted: unformatted.append(path)
            case .done: break
            }
        }
        for path in unformatted { printError("\(path): not in canonical form (run mineral-graph fmt \(path))\n") }
        if unreadable || !unformatted.isEmpty { throw ExitCode.failure }
    }

    private enum Outcome { case done, unformatted, unreadable }

    /// Checks or rewrites one file.
    private func format(_ path: String) throws -> Outcome {
        // A file that cannot be read is left as it is; the others are still formatted.
        guard let document = try? loadDocument(path) else { return .unreadable }
        let canonical = GraphFileWriter().write(document)
        if check { return canonical == document.text ? .done : .unformatted }
        if output == nil && canonical == document.text { return .done }
        try writeOutputs([(output ?? path, canonical)], inputs: output == nil ? [] : [path])
        return .done
    }
}
