import Foundation

/// Reading and atomically writing text files; `-` means standard input or output.
public enum TextFile {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Largest file `read(_:)` accepts (256 MiB); graph files have a smaller limit of their own.
    public static let maximumBytes = 256 << 20

    /// The UTF-8 text of `path`, without a leading byte-order mark.
    public static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Failure(description: "no such file")
            }
            if isDirectory.boolValue {
                throw Failure(description: "is a directory, not a file")
            }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
                size > maximumBytes
            {
                throw Failure(description: "the file is \(size >> 20) MiB, more than the \(maximumBytes >> 20) MiB this command reads")
            }
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw Failure(description: "cannot read the file (\(error.localizedDescription))")
            }
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "the file is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// Writes `text` to `path` through a temporary file in the same directory and a rename,
    /// so readers see the old file or the new one, never a half-written one. `-` writes to
    /// standard output.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    public static func writeAtomically(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "cannot write \(path): directory \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        // A replaced file keeps its permissions (a private 0600 file stays private).
        let permissions = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions]
        let attributes = permissions.map { [FileAttributeKey.posixPermissions: $0] }
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: attributes) else {
            throw Failure(description: "cannot write \(path): permission denied or disk full")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }
}
