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

    @Test func writesNewFilesAndReplacesOldOnesLeavingNoTemporaryFile() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let path = dir.path("g.yaml")
        try TextFile.writeAtomically("one\n", to: path)
        #expect(try TextFile.read(path) == "one\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try TextFile.writeAtomically("two\n", to: path)
        #expect(try TextFile.read(path) == "two\n")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try dir.listing() == ["g.yaml"])
    }

    @Test func failedRenameRemovesTheTemporaryFile() throws {
        let dir = try Directory()
        defer { dir.remove() }
        // The target is a non-empty directory: the rename fails after the data was written.
        let target = dir.path("taken")
        try FileManager.default.createDirectory(atPath: target + "/inside", withIntermediateDirectories: true)
        #expect(throws: TextFile.Failure.self) { try TextFile.writeAtomically("x", to: target) }
        #expect(try dir.listing() == ["taken"])
    }

    @Test func missingDirectoryIsAClearError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/x.yaml"
        do {
            try TextFile.writeAtomically("x", to: path)
            Issue.record("expected an error")
        } catch let failure as TextFile.Failure {
            #expect(failure.description.hasPrefix("cannot write \(path): directory "))
            #expect(failure.description.hasSuffix(" does not exist"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
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
