import Foundation
import MineralGraphCore
import MineralGraphFormats

/// A progress line on standard error for long imports, redrawn in place at most five times a
/// second; silent when standard error is not a terminal (pipes, files, CI logs).
final class ProgressLine {
    private let enabled: Bool
    private let label: String
    private var lastDraw: UInt64 = 0
    private var drawn = false

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.enabled = enabled
    }

    /// Draws `done` of `total` bytes and the rows read so far.
    func update(bytes done: Int, of total: Int?, rows: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw >= 200_000_000 else { return }
        lastDraw = now
        let percent = total.flatMap { $0 > 0 ? " \(min(100, done * 100 / $0)) %," : nil } ?? ""
        redraw("\(label):\(percent) \(NumberFormatting.grouped(Double(rows))) rows")
        drawn = true
    }

    /// Clears the line so that the messages after it start at the left margin.
    func finish() {
        if enabled && drawn { redraw("") }
        drawn = false
    }

    /// Returns to the start of the line, clears it and writes `text` (the only raw control
    /// characters this tool prints).
    private func redraw(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text.escapingControlCharacters())".utf8))
    }
}
