import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing
@testable import MineralGraphRendering

/// The DOT text `render --format dot` writes, fed to the real `dot` program: it must be
/// accepted and draw the same picture as the in-process path.
@Suite(
    "DOT accepted by the dot program",
    .enabled(if: DotProgram.isInstalled, "the dot program is not installed (apt-get install graphviz)")
)
struct DotProgramCrossCheckTests {
    static let cases: [(String, DiagramOptions, LayoutEngine)] = [
        ("default", DiagramOptions(), .dot),
        ("grouped, clustered by country", DiagramOptions(grouping: .country, clustering: .country), .dot),
        ("summarised, coloured by share", DiagramOptions(coloring: .share, minShare: 0.1), .dot),
        ("neato", DiagramOptions(), .neato),
    ]

    @Test(arguments: 0..<cases.count)
    func dotDrawsTheSamePicture(_ index: Int) throws {
        let (name, options, engine) = Self.cases[index]
        let renderer = DiagramRenderer(options: options, engine: engine)
        let graph = try Fixtures.cobalt()
        let dotText = try renderer.dot(for: graph)

        let external = try DotProgram.run(["-Tsvg"], input: Data(dotText.utf8))
        #expect(external.status == 0, "\(name): dot exited \(external.status): \(external.stderr)")
        #expect(!external.stderr.contains("Error"), "\(name): \(external.stderr)")

        let inProcess = try renderer.render(graph, as: .svg).data
        let theirs = try SVGTitles.parse(external.stdout)
        let ours = try SVGTitles.parse(inProcess)
        #expect(theirs.nodeTitles == ours.nodeTitles, "\(name)")
        #expect(theirs.edgeTitles == ours.edgeTitles, "\(name)")
        #expect(Set(ours.nodeTitles) == Set(try renderer.diagram(for: graph).nodes.map(\.id)))

        // Same library version: the same elements at the same coordinates. (The order in
        // which clusters are emitted can differ after earlier renders in the same process, so
        // lines are compared as a multiset.)
        if DotProgram.version == GraphvizRenderer.libraryVersion() {
            // The renderer adds CSS fallbacks to the font name; so does the comparison.
            let theirSVG = DiagramRenderer.withFontFallbacks(svg: external.stdout)
            let theirLines = String(decoding: theirSVG, as: UTF8.self).split(separator: "\n").sorted()
            let ourLines = String(decoding: inProcess, as: UTF8.self).split(separator: "\n").sorted()
            #expect(theirLines == ourLines, "\(name): dot and libgvc drew different SVG")
        }
    }
}

/// The `dot` executable, for cross-checks only (the renderer never runs it).
enum DotProgram {
    static let path = "/usr/bin/dot"

    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// `2.43.0` from `dot - graphviz version 2.43.0 (0)`.
    static var version: String? {
        guard let output = try? run(["-V"], input: Data()) else { return nil }
        let words = output.stderr.split(separator: " ")
        return words.firstIndex(of: "version").flatMap { $0 + 1 < words.count ? String(words[$0 + 1]) : nil }
    }

    /// Runs `dot` with `arguments` on `input` (passed as a file) and returns its exit status,
    /// output file and standard error.
    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, stdout: Data, stderr: String) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("in.dot"), outputURL = directory.appendingPathComponent("out")
        try input.write(to: inputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + [inputURL.path, "-o", outputURL.path]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let out = FileManager.default.contents(atPath: outputURL.path) ?? Data()
        return (process.terminationStatus, out, String(decoding: err, as: UTF8.self))
    }
}
