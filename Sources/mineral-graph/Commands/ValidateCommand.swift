import ArgumentParser
import MineralGraphCore
import MineralGraphFormats

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check graph files for errors and suspicious figures.",
        discussion: """
            Errors (exit 1): unreadable YAML, unknown keys, ids, countries, minerals, kinds; \
            negative or non-finite quantities; contained tonnes above gross tonnes; flows of a \
            mineral their source does not output. Warnings (exit 0 unless --strict): mass \
            balance beyond the tolerance, output above capacity, empty flows.
            """
    )

    @Argument(help: "Graph files to check (- for standard input).")
    var files: [String]

    @Flag(help: "Exit non-zero on warnings too.")
    var strict = false

    @Option(help: "Relative tolerance of the mass-balance check, e.g. 0.01 for 1 %.")
    var tolerance = 0.01

    @Flag(name: .shortAndLong, help: "Print only diagnostics, no per-file status line.")
    var quiet = false

    func validate() throws {
        guard tolerance >= 0, tolerance.isFinite else {
            throw ValidationError("--tolerance must be a non-negative number")
        }
    }

    func run() throws {
        var failed = false
        for path in files {
            let document: GraphDocument
            do {
                document = try GraphFileReader().read(contentsOf: path)
            } catch {
                printError(error.description)
                if !quiet { print("\(path): FAILED — could not be read (\(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s"))") }
                failed = true
                continue
            }
            let diagnostics = document.validate(GraphValidator(massBalanceTolerance: tolerance))
                .enumerated().sorted { a, b in
                    let (la, lb) = (a.element.location, b.element.location)
                    return (la?.line ?? 0, la?.column ?? 0, a.offset) < (lb?.line ?? 0, lb?.column ?? 0, b.offset)
                }.map(\.element)
            printError(DiagnosticRenderer(text: document.text).render(diagnostics))
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            let fileFailed = errors > 0 || (strict && warnings > 0)
            if fileFailed { failed = true }
            if !quiet {
                let graph = document.graph
                let status = fileFailed ? "FAILED" : "ok"
                print("\(path): \(status) — \(graph.nodes.count) nodes, \(graph.flows.count) flows, \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
        }
        if failed { throw ExitCode.failure }
    }
}
