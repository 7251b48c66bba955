import Foundation
import MineralGraphFormats
import Testing

/// Golden files: generated text compared with a file kept in the repository.
///
/// `RECORD_GOLDEN=1 swift test --filter SomeTests` writes the files instead of comparing, and
/// every check that writes one fails ("recorded …"), so that a recording run never passes: run
/// the tests again without it, and review the new files with `git diff`.
public struct GoldenFiles: Sendable {
    /// The folder the names are relative to, such as `Tests/MineralGraphRenderingTests/Golden`.
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Whether the environment asks for recording (`RECORD_GOLDEN=1`).
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Records an issue, with a line diff, unless `actual` equals the golden file `name`. When
    /// `recording`, writes `actual` to the file and records an issue saying so.
    public func check(
        _ actual: String, named name: String, recording: Bool = GoldenFiles.isRecording,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        if let problem = try problem(with: actual, named: name, recording: recording) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }

    /// What ``check(_:named:recording:sourceLocation:)`` reports: "recorded …" after writing the
    /// file when `recording`, a missing file, or the line diff; `nil` when `actual` matches.
    public func problem(with actual: String, named name: String, recording: Bool) throws -> String? {
        let url = directory.appendingPathComponent(name)
        let shown = directory.lastPathComponent + "/" + name
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            return "recorded \(shown) (RECORD_GOLDEN=1); review it with git diff and run the test again without RECORD_GOLDEN"
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "no golden file \(shown); record it with RECORD_GOLDEN=1 swift test --filter <this test>"
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard actual != expected else { return nil }
        return "output differs from \(shown) (re-record with RECORD_GOLDEN=1 if the change is intended):\n"
            + lineDiff(expected: expected, actual: actual)
    }
}

/// Records an issue unless `actual == expected`, showing `message` and a line diff of the first
/// differences instead of the two texts whole.
public func expectSameLines(
    _ actual: String, _ expected: String, _ message: String = "text differs from the expected text",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard actual != expected else { return }
    Issue.record("\(message):\n\(lineDiff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
}

/// A unified diff (`--- expected`, `+++ actual`, hunks with two lines of context, by the
/// library's ``LineDiff``) cut after its first `limit` lines, then a count of the rest.
public func lineDiff(expected: String, actual: String, limit: Int = 40) -> String {
    let unified = LineDiff(old: expected, new: actual).unified(oldName: "expected", newName: "actual", context: 2)
    guard !unified.isEmpty else { return "(the same lines: the texts differ only in line breaks)" }
    var lines = unified.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    if lines.count > limit { lines = lines.prefix(limit) + ["… \(lines.count - limit) more lines of diff"] }
    return lines.joined(separator: "\n")
}
