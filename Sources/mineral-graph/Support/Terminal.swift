import Foundation

/// Colour for the `error:`, `warning:` and `note:` labels of standard error.
///
/// `--color auto` (the default) colours them when standard error is a terminal, the
/// `NO_COLOR` environment variable is unset or empty (https://no-color.org) and `TERM` is not
/// `dumb`; `--color always` and `--color never` decide regardless. Nothing else is coloured, and
/// standard output never is, so files and pipes get the same bytes as before.
enum Terminal {
    /// The values of `--color`.
    enum ColorChoice: String, CaseIterable {
        case never, auto, always
    }

    /// Whether ``printError(_:)`` colours the labels; set once by ``configure(_:)`` at start-up.
    nonisolated(unsafe) static var colorsStandardError = false

    /// Takes `--color WHEN` / `--color=WHEN` off the command line (before a `--`), decides
    /// ``colorsStandardError`` and returns the remaining arguments. A bad value throws a message.
    static func configure(_ arguments: [String]) throws -> [String] {
        var rest: [String] = []
        var choice = ColorChoice.auto
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                rest += arguments[(index - 1)...]
                break
            }
            let value: String
            if argument == "--color" {
                guard index < arguments.count else { throw ColorOptionError("missing value for '--color' (never, auto or always)") }
                value = arguments[index]
                index += 1
            } else if argument.hasPrefix("--color=") {
                value = String(argument.dropFirst("--color=".count))
            } else {
                rest.append(argument)
                continue
            }
            guard let parsed = ColorChoice(rawValue: value) else {
                throw ColorOptionError("'\(value)' is not a value of '--color': use never, auto or always")
            }
            choice = parsed
        }
        colorsStandardError = usesColor(choice, environment: ProcessInfo.processInfo.environment,
                                        isTerminal: isatty(FileHandle.standardError.fileDescriptor) == 1)
        return rest
    }

    /// The decision of ``configure(_:)``, pure for tests.
    static func usesColor(_ choice: ColorChoice, environment: [String: String], isTerminal: Bool) -> Bool {
        switch choice {
        case .never: return false
        case .always: return true
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            return isTerminal && environment["TERM"] != "dumb"
        }
    }

    private static let labels: [(text: String, code: String)] = [
        ("error:", "1;31"), ("Error:", "1;31"), ("warning:", "1;35"), ("note:", "1;36"),
    ]

    /// `text` with the first label of each line coloured: a label at the start of a line, or
    /// after `FILE:LINE:COLUMN: ` (any text ending in ": ").
    static func colored(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for label in labels {
                guard let range = line.range(of: label.text) else { continue }
                let before = line[..<range.lowerBound]
                guard before.isEmpty || before.hasSuffix(": ") else { continue }
                return before + "\u{1B}[\(label.code)m" + label.text + "\u{1B}[0m" + line[range.upperBound...]
            }
            return String(line)
        }.joined(separator: "\n")
    }
}

/// A bad `--color` value, reported before anything else runs.
struct ColorOptionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
