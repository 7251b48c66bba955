import Foundation
import Testing

/// Golden-file checks: compare generated text with a file under `Golden/`, re-recorded when
/// the environment variable `RECORD_GOLDEN=1` is set (`RECORD_GOLDEN=1 swift test --filter
/// MineralGraphRenderingTests`), with a line diff on failure.
enum Golden {
    /// `Tests/MineralGraphRenderingTests/Golden`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Records an issue unless `actual` equals the golden file `name`; writes the file instead
    /// when recording.
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if isRecording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file Golden/\(name); record it with RECORD_GOLDEN=1 swift test --filter MineralGraphRenderingTests",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record("""
                output differs from Golden/\(name) (re-record with RECORD_GOLDEN=1 if the change is intended):
                \(diff(expected: expected, actual: actual))
                """, sourceLocation: sourceLocation)
        }
    }

    /// A line diff: `-` lines only in `expected`, `+` lines only in `actual`, with line
    /// numbers, at most `limit` lines.
    static func diff(expected: String, actual: String, limit: Int = 40) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, let line, _): lines.append("-\(offset + 1): \(line)")
            case .insert(let offset, let line, _): lines.append("+\(offset + 1): \(line)")
            }
        }
        if lines.count > limit { lines = lines.prefix(limit) + ["… \(lines.count - limit) more changed lines"] }
        return lines.joined(separator: "\n")
    }
}
