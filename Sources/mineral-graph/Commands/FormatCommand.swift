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
            kept; other comments are not. Files are replaced atomically.
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
            // A file that cannot be read is left as it is; the others are still formatted.
            guard let document = try? loadDocument(path) else {
                unreadable = true
                continue
            }
            let canonical = GraphFileWriter().write(document)
            let current = document.text
            if check {
                if canonical != current { unformatted.append(path) }
                continue
            }
            let target = output ?? path
            if target == path && canonical == current { continue }
            do {
                try TextFile.writeAtomically(canonical, to: target)
            } catch {
                throw UserError("\(error)")
            }
        }
        for path in unformatted { printError("\(path): not in canonical form (run mineral-graph fmt \(path))\n") }
        if unreadable || !unformatted.isEmpty { throw ExitCode.failure }
    }
}
