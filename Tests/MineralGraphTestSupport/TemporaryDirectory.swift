import Foundation

/// A fresh, empty directory under the system's temporary directory, named
/// `mineral-graph-tests-<UUID>`; the caller removes it.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mineral-graph-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A fresh directory under the system's temporary directory, removed by `remove()`, with
/// helpers to write, read and list its files.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = try temporaryDirectory()
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    public func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// Every entry, hidden ones included (temporary files start with a dot).
    public func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}
