import Foundation

/// `--name value` pairs from the command line, for the benchmarks' small option sets.
public enum BenchmarkOptions {
    /// The options given; anything else on the command line prints `usage` to standard error and
    /// exits with status 2.
    public static func parse(usage: String) -> [String: String] {
        var values: [String: String] = [:]
        var arguments = Array(CommandLine.arguments.dropFirst())
        while arguments.count >= 2, arguments[0].hasPrefix("--") {
            values[arguments[0]] = arguments[1]
            arguments.removeFirst(2)
        }
        guard arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(usage)\n".utf8))
            exit(2)
        }
        return values
    }
}
