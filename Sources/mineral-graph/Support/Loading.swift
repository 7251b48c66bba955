import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats

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
