import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

/// Writes text to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Reads a graph file, printing its diagnostics to standard error and failing on errors.
func loadDocument(_ path: String) throws -> GraphDocument {
    do {
        return try GraphFileReader().read(contentsOf: path)
    } catch {
        printError(error.description)
        throw ExitCode.failure
    }
}

/// A failure with a message for the user, printed as `error: ...` with exit code 1.
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads a graph file and builds its report, refusing graphs with validation errors (printed
/// to standard error). The report names the file as given on the command line.
func loadReport(_ path: String, builder: ReportBuilder) throws -> Report {
    let document = try loadDocument(path)
    let errors = document.validate().filter { $0.severity == .error }
    if !errors.isEmpty {
        printError(DiagnosticRenderer(text: document.text).render(errors))
        printError("\(path): has validation errors — fix them first (mineral-graph validate \(path))\n")
        throw ExitCode.failure
    }
    do {
        return try builder.build(document.graph, file: path == "-" ? "<stdin>" : path)
    } catch {
        throw UserError("\(path): \(error)")
    }
}
