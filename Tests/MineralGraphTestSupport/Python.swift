import Foundation

/// Runs `python3` (found on `PATH`), for the tests that read the tool's output back in Python
/// libraries: NetworkX, pydot and python-igraph for the exports, pandas for the CSV tables
/// (`.ci/run` installs them with pip where it can). A test that needs a module is enabled only
/// `if: Python.has("module")`, so that it is skipped, with its reason shown, where the module
/// (or python3) is missing.
public enum Python {
    /// What a run of python3 gave: its exit status and its two outputs.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Whether `python3 -c "import MODULE"` succeeds (`false` without python3).
    public static func has(_ module: String) -> Bool { (try? run(["-c", "import " + module]).status) == 0 }

    /// Runs `python3 ARGUMENTS` (e.g. `["-c", script, path]`) to its end, through `/usr/bin/env`:
    /// without python3 the status is env's 127.
    public static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
