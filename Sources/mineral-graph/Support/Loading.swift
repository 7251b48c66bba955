import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

/// Writes text to standard error, with control characters (which may come from the files read)
/// escaped as in diagnostics, and its `error:`/`warning:` labels coloured on a terminal
/// (``Terminal``).
func printError(_ text: String) {
    let escaped = text.escapingControlCharacters(keepingLineFeeds: true)
    FileHandle.standardError.write(Data((Terminal.colorsStandardError ? Terminal.colored(escaped) : escaped).utf8))
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

/// Prints the validation errors of `document`, if it has any, then a line saying what was not
/// done with the file (`refusal`: "not reported"); returns whether it had errors.
func printValidationErrors(of document: GraphDocument, path: String, refusal: String) -> Bool {
    let errors = document.validate().filter { $0.severity == .error }
    guard !errors.isEmpty else { return false }
    printError(DiagnosticRenderer(text: document.text).render(errors))
    printError("\(path): \(refusal) — fix the errors above (mineral-graph validate \(path))\n")
    return true
}

/// Reads a graph file and refuses it, with exit status 1, when it has validation errors
/// (printed, with `refusal`, by ``printValidationErrors(of:path:refusal:)``).
func loadValidDocument(_ path: String, refusal: String) throws -> GraphDocument {
    let document = try loadDocument(path)
    if printValidationErrors(of: document, path: path, refusal: refusal) { throw ExitCode.failure }
    return document
}

/// Checks that no output is one of `inputs`, creates `directories`, then writes each output
/// (`OutputFile`: atomically where it can), in order. Callers format every output first, so
/// that a failure leaves no file half-updated.
func writeOutputs(_ outputs: [(path: String, data: Data)], creating directories: [String] = [], inputs: [String]) throws {
    do {
        for (path, _) in outputs { try OutputFile.checkNotInput(path, inputs: inputs) }
    } catch {
        throw UserError(error.description)
    }
    for directory in directories {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw UserError("cannot create \(directory): \(error.localizedDescription)")
        }
    }
    for (path, data) in outputs {
        do {
            try OutputFile.write(data, to: path)
        } catch {
            throw UserError(error.description)
        }
    }
}

func writeOutputs(_ outputs: [(path: String, text: String)], creating directories: [String] = [], inputs: [String]) throws {
    try writeOutputs(outputs.map { ($0.path, Data($0.text.utf8)) }, creating: directories, inputs: inputs)
}

/// Runs `body`, which rewrites `path` in place, holding the file's lock
/// (`OutputFile.withExclusiveLock(on:timeout:_:)`): concurrent rewrites take turns.
func lockedForRewriting<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
        return try OutputFile.withExclusiveLock(on: path, body)
    } catch let failure as OutputFile.Failure {
        throw UserError(failure.description)
    }
}

/// A failure with a message for the user, printed as `error: ...` with exit code 1.
struct UserError: Error, CustomStringConvertible {
    let description: String
    /// Control characters from file contents are escaped, as in diagnostics.
    init(_ description: String) { self.description = description.escapingControlCharacters(keepingLineFeeds: true) }
}

/// Reads a graph file and builds its report, refusing graphs with validation errors (printed
/// to standard error). The report names the file as given on the command line.
func loadReport(_ path: String, builder: ReportBuilder) throws -> Report {
    let document = try loadValidDocument(path, refusal: "not compared")
    do {
        return try builder.build(document.graph, file: path == "-" ? "<stdin>" : path)
    } catch {
        throw UserError("\(path): \(error)")
    }
}
