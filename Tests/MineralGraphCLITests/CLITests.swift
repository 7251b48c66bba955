import Foundation
import Testing

/// Runs the built `mineral-graph` executable as a user would.
enum CLI {
    static var executable: URL {
        // Tests run from the package root; the binary sits beside the test bundle.
        let bundle = Bundle.main.bundleURL
        let candidates = [
            bundle.deletingLastPathComponent().appendingPathComponent("mineral-graph"),
            bundle.appendingPathComponent("mineral-graph"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL = packageRoot) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("Command line")
struct CLITests {
    @Test func validateReportsLocatedErrorWithCaretAndFails() throws {
        let text = "name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CDO\n"
        let result = try CLI.run(["validate", "-"], stdin: text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:6:14: error: unknown country 'CDO'"))
        #expect(result.stderr.contains("    country: CDO\n             ^\n"))
        #expect(result.stderr.contains("COD (DR Congo)"))
    }
}
