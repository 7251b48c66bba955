import Foundation
import MineralGraphTestSupport
import Testing

/// Every HTML report in reports/ (and reports/whatif/, reports/trends/) opened in headless
/// Chromium through Selenium at 400 and 1,280 px: the document is no wider than the viewport
/// and the console has no errors (scripts/check-reports-browser.py). Skipped, saying so, where
/// chromium, chromium-driver or selenium is missing (.ci/run installs them).
@Suite("HTML reports in a browser")
struct BrowserReportTests {
    static func onPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    static let browserAvailable = onPath("chromium") && onPath("chromedriver") && Python.has("selenium")

    @Test(.enabled(if: browserAvailable, "skipped: needs chromium, chromium-driver (Debian) and selenium (PyPI); .ci/run installs them"))
    func everyReportFitsPhoneAndDesktopWidths() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/check-reports-browser.py"]
        process.currentDirectoryURL = TestPaths.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 {
            print("HTML reports in a browser: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
            return
        }
        #expect(process.terminationStatus == 0, "\(text.split(separator: "\n").filter { !$0.hasPrefix("ok ") }.joined(separator: "\n"))")
        #expect(text.contains(" passed, 0 failed"))
    }
}
