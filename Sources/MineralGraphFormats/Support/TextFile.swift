import Foundation

/// Reading text files; `-` means standard input. ``OutputFile`` writes them.
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
}
