import Foundation
import Testing

@testable import MineralGraphFormats

@Suite("Text files")
struct TextFileTests {
    struct Directory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mineral-graph-textfile-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    @Test func readDropsTheByteOrderMarkAndReportsProblems() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let path = dir.path("bom.yaml")
        try Data([0xEF, 0xBB, 0xBF, 0x61, 0x0D, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(try TextFile.read(path) == "a\r\n")
        #expect(throws: TextFile.Failure.self) { try TextFile.read(dir.path("missing.yaml")) }
        #expect(throws: TextFile.Failure.self) { try TextFile.read(dir.url.path) }
    }
}
