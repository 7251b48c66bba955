import Dispatch
import Foundation
import MineralGraphCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a large BACI file on every core: the file is cut into parts of about
/// ``TradeTableReader/partBytes`` at line breaks, each part is read and parsed by the next free
/// thread into a table of its own (``TradeRowSink``), and the parts are taken into one table in
/// file order. The parts do not depend on the number of threads, so the table, the summary and
/// every output are the same bytes whatever the number of threads.
///
/// Rows are parsed straight from the bytes read (``TradeRowSink/consumeBACI(_:fieldStarts:lineNumber:)``),
/// without a record per row. A part with a double quote or a carriage return is parsed with
/// ``CSVParser`` instead. The file is read in one go the general way (same diagnostics, same
/// result) when parts cannot be read apart: standard input, a file under two parts, a header
/// that is not BACI's, a quoted field running over a part's end, or any row that would be an
/// error (the general way reports it with its line and column).
extension TradeTableReader {
    /// The table read in parts on several threads; `nil` when the file should be read in one
    /// go (see above).
    func readInParts(path: String, file: String, size: Int, progress: ((TradeReadProgress) -> Void)?) throws(DiagnosticError) -> TradeImport? {
        let threadCount = min(threads ?? ProcessInfo.processInfo.activeProcessorCount, 64)
        guard threadCount > 1, size > 2 * partBytes, source != .comtrade else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let head = Self.read(descriptor, offset: 0, count: min(size, chunkBytes))
        guard let head else { return nil }
        if let problem = TextFile.encodingProblem(head) {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .notUtf8, "\(file): \(problem)", at: nil)], text: nil)
        }
        // The header: the first line, one record, BACI's.
        guard let headerEnd = head.firstIndex(of: Self.lf),
            let records = try? CSVParser.records(in: head[..<headerEnd]), records.count == 1
        else { return nil }
        let header = records[0]
        let main = TradeRowSink(reader: self, file: file)
        guard (try? main.consume(header)) != nil, main.readsBACIWithoutErrors else { return nil }

        // Parts: each ends just after a line feed (the last at the end of the file).
        var bounds = [headerEnd + 1]
        while bounds.last! + partBytes < size {
            guard let lineFeed = Self.lineFeed(descriptor, from: bounds.last! + partBytes - 1, size: size) else { break }
            if lineFeed + 1 < size { bounds.append(lineFeed + 1) } else { break }
        }
        bounds.append(size)
        let parts = bounds.count - 1
        guard parts > 1 else { return nil }

        let state = PartState(parts: parts)
        let group = DispatchGroup()
        let reader = self
        let partBounds = bounds
        for _ in 0..<min(threadCount, parts) {
            DispatchQueue.global().async(group: group) {
                while let part = state.nextPart() {
                    let result = reader.readPart(descriptor, from: partBounds[part], to: partBounds[part + 1], header: header, file: file)
                    state.finish(part, result)
                }
            }
        }
        // Take the parts in file order as they come; lines before part 0: the header's.
        var lineOffset = 1
        var complete = true
        for part in 0..<parts {
            guard let result = state.wait(for: part), main.absorb(result.sink, lineOffset: lineOffset) else {
                complete = false
                state.stop()
                break
            }
            lineOffset += result.lineBreaks
            progress?(TradeReadProgress(bytesRead: bounds[part + 1], totalBytes: size, rows: main.summaryRows))
        }
        group.wait()
        guard complete else { return nil }
        var imported = try main.finish(text: { lines in Self.sparseText(path, lines: lines) })
        imported.parts = parts
        return imported
    }

    /// One part read and parsed; `nil` when it cannot be read apart.
    private func readPart(_ descriptor: Int32, from start: Int, to end: Int, header: CSVRecord, file: String) -> PartResult? {
        guard let bytes = Self.read(descriptor, offset: start, count: end - start), bytes.count == end - start else { return nil }
        let sink = TradeRowSink(reader: self, file: file)
        guard (try? sink.consume(header)) != nil else { return nil }
        if bytes.contains(Self.quote) || bytes.contains(Self.cr) {
            // Quoted fields or carriage returns: the CSV parser, lines counted as it counts them.
            var parser = CSVParser()
            do {
                try parser.parse(bytes) { try sink.consume($0) }
                try parser.finish { try sink.consume($0) }
            } catch {
                return nil
            }
            var lineBreaks = 0
            for (i, byte) in bytes.enumerated() where byte == Self.cr || (byte == Self.lf && (i == 0 || bytes[i - 1] != Self.cr)) {
                lineBreaks += 1
            }
            return PartResult(sink: sink, lineBreaks: lineBreaks)
        }
        let columns = sink.columnCount
        let lineBreaks: Int? = bytes.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: columns + 1) { starts in
                var lineNumber = 0
                var lineStart = 0
                let count = buffer.count
                while lineStart < count {
                    lineNumber += 1
                    var fields = 1
                    starts[0] = 0
                    var i = lineStart
                    while i < count {
                        let byte = buffer[i]
                        if byte == Self.comma {
                            guard fields < columns else { return nil }
                            starts[fields] = i + 1 - lineStart
                            fields += 1
                        } else if byte == Self.lf {
                            break
                        }
                        i += 1
                    }
                    // A blank line is skipped, as the CSV parser skips it.
                    if i > lineStart {
                        guard fields == columns else { return nil }
                        starts[columns] = i + 1 - lineStart
                        let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<i])
                        guard sink.consumeBACI(line, fieldStarts: starts, lineNumber: lineNumber) else { return nil }
                    }
                    lineStart = i + 1
                }
                return lineNumber
            }
        }
        guard let lineBreaks else { return nil }
        // The last part may end without a line feed: its last line is no line break.
        let endsWithLineFeed = bytes.last == Self.lf
        return PartResult(sink: sink, lineBreaks: endsWithLineFeed ? lineBreaks : lineBreaks - 1)
    }

    private static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")

    /// `count` bytes from `offset` (fewer at the end of the file); `nil` on a read error.
    private static func read(_ descriptor: Int32, offset: Int, count: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failed = true }
                if got <= 0 { break }
                done += got
            }
            initialized = done
        }
        return failed ? nil : bytes
    }

    /// The offset of the first line feed at or after `offset`; `nil` when there is none.
    private static func lineFeed(_ descriptor: Int32, from offset: Int, size: Int) -> Int? {
        var position = offset
        while position < size {
            guard let window = read(descriptor, offset: position, count: min(1 << 16, size - position)), !window.isEmpty else { return nil }
            if let index = window.firstIndex(of: lf) { return position + index }
            position += window.count
        }
        return nil
    }
}

/// What a thread read from one part.
private struct PartResult: @unchecked Sendable {
    var sink: TradeRowSink
    /// Line breaks in the part (the next part's first line is this many lines further down).
    var lineBreaks: Int
}

/// The parts handed out and the results waiting to be taken in, shared by the threads.
private final class PartState: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var stopped = false
    private let parts: Int
    /// `.some(nil)`: the part could not be read apart.
    private var results: [PartResult??]

    init(parts: Int) {
        self.parts = parts
        results = Array(repeating: nil, count: parts)
    }

    func nextPart() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, next < parts else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ part: Int, _ result: PartResult?) {
        condition.lock()
        results[part] = .some(result)
        if result == nil { stopped = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the part's result and hands it over (dropping it here); `nil` when it could
    /// not be read apart or the reading stopped.
    func wait(for part: Int) -> PartResult? {
        condition.lock()
        defer { condition.unlock() }
        while results[part] == nil && !(stopped && part >= next) { condition.wait() }
        let result = results[part] ?? nil
        results[part] = nil
        return result
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
