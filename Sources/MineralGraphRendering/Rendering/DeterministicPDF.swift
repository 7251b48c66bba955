import Foundation

/// Makes Graphviz's PDF (drawn by cairo) the same bytes for the same input.
///
/// Cairo writes the time of the run into the document information dictionary
/// (`/CreationDate (D:20240131120000Z)`, newer versions also `/ModDate`); cairo 1.16, the
/// Debian 12 version, ignores `SOURCE_DATE_EPOCH`. Each date is rewritten in place, keeping
/// the byte length so that the cross-reference table's offsets stay right:
/// - with `SOURCE_DATE_EPOCH` set to a whole number of seconds (the reproducible-builds
///   convention, https://reproducible-builds.org/specs/source-date-epoch/), to that time in UTC;
/// - otherwise the entry is overwritten with spaces (white space is allowed between the
///   entries of a PDF dictionary, ISO 32000-1 §7.2.2), so the document has no date at all.
public enum DeterministicPDF {
    /// The keys whose values cairo fills with the run's time.
    static let dateKeys = ["/CreationDate", "/ModDate"]

    public static func fixingDates(_ pdf: Data, environment: [String: String] = ProcessInfo.processInfo.environment) -> Data {
        let epoch = environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        var bytes = [UInt8](pdf)
        for key in dateKeys {
            let pattern = Array(key.utf8)
            var searchFrom = 0
            while let start = firstIndex(of: pattern, in: bytes, from: searchFrom) {
                searchFrom = start + pattern.count
                // `/CreationDate (D:...)`: optional spaces, a literal string without nesting.
                var open = searchFrom
                while open < bytes.count, bytes[open] == UInt8(ascii: " ") { open += 1 }
                guard open < bytes.count, bytes[open] == UInt8(ascii: "("),
                      let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: ")")), close - open <= 40
                else { continue }
                let length = close - open - 1
                if let epoch, let date = date(epoch: epoch, length: length) {
                    bytes.replaceSubrange((open + 1)..<close, with: Array(date.utf8))
                } else {
                    for index in start...close { bytes[index] = UInt8(ascii: " ") }
                }
                searchFrom = close + 1
            }
        }
        return Data(bytes)
    }

    /// `D:YYYYMMDDHHmmSS` for `epoch` in UTC, with the zone written to fill `length` bytes
    /// (`Z`, `+00'00` or `+00'00'`); `nil` when no form has that length or the year has not
    /// four digits.
    static func date(epoch: Int64, length: Int) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: TimeInterval(epoch)))
        guard let year = parts.year, (0...9999).contains(year) else { return nil }
        let stamp = String(format: "D:%04d%02d%02d%02d%02d%02d", year, parts.month ?? 1, parts.day ?? 1,
                           parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return [stamp + "Z", stamp + "+00'00", stamp + "+00'00'"].first { $0.utf8.count == length }
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0] && Array(bytes[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }
}
