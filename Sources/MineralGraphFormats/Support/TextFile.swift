import Foundation

/// Reading text files; `-` means standard input. ``OutputFile`` writes them.
public enum TextFile {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Largest file `read(_:)` accepts by default (``InputLimits/maximumTableBytes``, 256 MiB);
    /// graph files have a smaller limit of their own.
    public static let maximumBytes = InputLimits.maximumTableBytes

    /// The UTF-8 text of `path`, without a leading byte-order mark. A file larger than `limit`
    /// bytes is refused without reading it whole; so is one in UTF-16 or UTF-32, or with NUL
    /// bytes (``encodingProblem(_:)``).
    public static func read(_ path: String, limit: Int = maximumBytes) throws -> String {
        let data = try bytes(path, limit: limit)
        if let problem = encodingProblem(data) { throw Failure(description: problem) }
        guard var text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "the file is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// The bytes of `path` (`-` for standard input), refusing more than `limit`.
    public static func bytes(_ path: String, limit: Int = maximumBytes) throws -> Data {
        let tooLarge = { (size: Int) in
            Failure(description: "the file is \(InputLimits.describe(bytes: size)), more than the \(InputLimits.describe(bytes: limit)) this command reads")
        }
        if path == "-" {
            var data = Data()
            while let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > limit { throw tooLarge(data.count) }
            }
            return data
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(description: "no such file")
        }
        if isDirectory.boolValue {
            throw Failure(description: "is a directory, not a file")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw tooLarge(size)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Failure(description: "cannot read the file (\(error.localizedDescription))")
        }
        // A FIFO or device has no size beforehand.
        if data.count > limit { throw tooLarge(data.count) }
        return data
    }

    /// Why `bytes` are not UTF-8 text that mineral-graph can read, when their start shows it:
    /// a UTF-16 or UTF-32 byte-order mark, or NUL bytes (what UTF-16 text without a mark has
    /// between ASCII letters; no text format mineral-graph reads has them). `nil` otherwise.
    /// Only the first 64 KiB are looked at.
    public static func encodingProblem<Bytes: Collection>(_ bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(1 << 16))
        func starts(with prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
        let advice = "save it as UTF-8 (in Excel: CSV UTF-8; in an editor: encoding UTF-8) and read it again"
        if starts(with: [0xFF, 0xFE, 0x00, 0x00]) || starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return "the file is UTF-32, not UTF-8: \(advice)"
        }
        if starts(with: [0xFF, 0xFE]) || starts(with: [0xFE, 0xFF]) {
            return "the file is UTF-16, not UTF-8: \(advice)"
        }
        guard let nul = head.firstIndex(of: 0) else { return nil }
        // UTF-16 without a mark: NUL in every other byte of ASCII text.
        let pairs = head.count / 2
        let evenNuls = stride(from: 0, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        let oddNuls = stride(from: 1, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        if pairs >= 2, max(evenNuls, oddNuls) * 10 >= pairs * 4, min(evenNuls, oddNuls) * 10 < pairs {
            return "the file looks like UTF-16 (a NUL byte beside every letter), not UTF-8: \(advice)"
        }
        return "the file has a NUL byte (byte \(nul)), so it is not UTF-8 text; if it is text, \(advice)"
    }
}
