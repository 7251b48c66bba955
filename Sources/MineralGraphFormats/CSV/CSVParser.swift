/// A byte-level, streaming CSV parser (RFC 4180) that keeps the position of every field.
///
/// - Fields are separated by `separator` (a comma by default) and records by LF, CRLF or a
///   lone CR. A field in double quotes may contain separators, newlines and doubled quotes
///   (`""` → `"`); a quote inside an unquoted field is kept as a literal character.
/// - A UTF-8 byte-order mark at the start is skipped; blank lines are skipped.
/// - Errors: a quoted field that never closes, text between a closing quote and the next
///   separator, a record with more than `maximumFields` fields or more than
///   `maximumRecordBytes` bytes (``InputLimits``), each with the line and column where it
///   happens.
///
/// Feed bytes in chunks of any size with ``parse(_:_:)`` and call ``finish(_:)`` at the end;
/// records are handed to the closure as soon as they are complete, so memory stays bounded by
/// the longest record. Positions are 1-based; columns count Unicode scalars.
///
/// ```swift
/// var parser = CSVParser()
/// try parser.parse(Array("a,\"b,c\"\r\n1,2\n".utf8)) { record in print(record.fields) }
/// try parser.finish { record in print(record.fields) }
/// ```
/// - Complexity: O(n) in the number of bytes; one pass, no backtracking.
public struct CSVParser: Sendable {
    public let separator: UInt8
    /// Most fields in one record.
    public let maximumFields: Int
    /// Most bytes in one record (field contents, without separators and quotes).
    public let maximumRecordBytes: Int

    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var state = State.fieldStart
    /// Line and column of the next byte.
    private var line = 1
    private var column = 1
    /// The previous byte was a CR that ended a line (an LF right after it belongs to it).
    private var afterCR = false
    /// Bytes seen at the start while checking for a byte-order mark.
    private var prefix: [UInt8] = []
    private var prefixDone = false

    // The record being built.
    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>] = []
    private var starts: [CSVRecord.Position] = []
    private var quoted: [Bool] = []
    private var fieldStart = 0
    private var fieldPosition = CSVRecord.Position(line: 1, column: 1)
    private var fieldQuoted = false
    private var openingQuote = CSVRecord.Position(line: 1, column: 1)

    public init(
        separator: Character = ",", maximumFields: Int = InputLimits.maximumFields,
        maximumRecordBytes: Int = InputLimits.maximumRecordBytes
    ) {
        precondition(separator.isASCII && separator != "\"" && separator != "\n" && separator != "\r",
                     "the separator must be one ASCII character other than a quote or a newline")
        self.separator = separator.asciiValue!
        self.maximumFields = maximumFields
        self.maximumRecordBytes = maximumRecordBytes
        bytes.reserveCapacity(256)
    }

    /// Parses the next chunk, calling `handle` for each record it completes.
    public mutating func parse<Bytes: Sequence>(
        _ chunk: Bytes, _ handle: (CSVRecord) throws -> Void
    ) throws where Bytes.Element == UInt8 {
        let done: Void?? = try chunk.withContiguousStorageIfAvailable { buffer in
            try parse(buffer: buffer, handle)
        }
        if done == nil {
            for byte in chunk { try parse(byte: byte, handle) }
        }
    }

    /// The fast path: runs of ordinary bytes inside a field are copied in one go.
    private mutating func parse(buffer: UnsafeBufferPointer<UInt8>, _ handle: (CSVRecord) throws -> Void) throws {
        var i = 0
        let n = buffer.count
        while i < n {
            if prefixDone && (state == .unquoted || state == .quoted) {
                let start = i
                var scalars = 0
                if state == .unquoted {
                    while i < n {
                        let b = buffer[i]
                        if b == separator || b == Self.lf || b == Self.cr { break }
                        if b & 0xC0 != 0x80 { scalars += 1 }
                        i += 1
                    }
                } else {
                    while i < n {
                        let b = buffer[i]
                        if b == Self.quote || b == Self.lf || b == Self.cr { break }
                        if b & 0xC0 != 0x80 { scalars += 1 }
                        i += 1
                    }
                }
                if i > start {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<i]))
                    column += scalars
                    afterCR = false
                    try checkRecordSize()
                }
                if i == n { break }
            }
            try parse(byte: buffer[i], handle)
            i += 1
        }
    }

    private mutating func parse(byte: UInt8, _ handle: (CSVRecord) throws -> Void) throws {
        if !prefixDone {
            prefix.append(byte)
            if prefix.count < Self.bom.count && Self.bom.starts(with: prefix) { return }
            prefixDone = true
            let pending = prefix == Self.bom ? [] : prefix
            prefix = []
            for pendingByte in pending { try consume(pendingByte, handle) }
            return
        }
        try consume(byte, handle)
    }

    /// Ends the input: completes the last record (a final newline is optional).
    public mutating func finish(_ handle: (CSVRecord) throws -> Void) throws {
        if !prefixDone {
            prefixDone = true
            let pending = prefix == Self.bom ? [] : prefix
            prefix = []
            for byte in pending { try consume(byte, handle) }
        }
        switch state {
        case .quoted:
            throw CSVSyntaxError(message: "quoted field is not closed", line: openingQuote.line, column: openingQuote.column)
        case .unquoted, .quoteInQuoted:
            try endField()
            try endRecord(handle)
        case .fieldStart:
            if !ranges.isEmpty {
                // "a,b," ends with an empty field.
                fieldPosition = CSVRecord.Position(line: line, column: column)
                fieldStart = bytes.count
                fieldQuoted = false
                try endField()
                try endRecord(handle)
            }
        }
        state = .fieldStart
    }

    private mutating func consume(_ byte: UInt8, _ handle: (CSVRecord) throws -> Void) throws {
        let position = CSVRecord.Position(line: line, column: column)
        // Advance the position past this byte.
        if byte == Self.lf {
            if !afterCR { line += 1 }
            column = 1
            afterCR = false
        } else if byte == Self.cr {
            line += 1
            column = 1
            afterCR = true
        } else {
            afterCR = false
            if byte & 0xC0 != 0x80 { column += 1 }
        }

        switch state {
        case .fieldStart:
            if byte == Self.lf || byte == Self.cr {
                if ranges.isEmpty {
                    // A blank line, or the LF of a CRLF that ended the previous record.
                    return
                }
                fieldPosition = position
                fieldStart = bytes.count
                fieldQuoted = false
                try endField()
                try endRecord(handle)
                return
            }
            fieldPosition = position
            fieldStart = bytes.count
            fieldQuoted = false
            if byte == Self.quote {
                fieldQuoted = true
                openingQuote = position
                state = .quoted
            } else if byte == separator {
                try endField()
            } else {
                bytes.append(byte)
                state = .unquoted
            }
        case .unquoted:
            if byte == separator {
                try endField()
                state = .fieldStart
            } else if byte == Self.lf || byte == Self.cr {
                try endField()
                try endRecord(handle)
                state = .fieldStart
            } else {
                bytes.append(byte)
                try checkRecordSize()
            }
        case .quoted:
            if byte == Self.quote {
                state = .quoteInQuoted
            } else {
                bytes.append(byte)
                try checkRecordSize()
            }
        case .quoteInQuoted:
            if byte == Self.quote {
                bytes.append(byte)
                state = .quoted
            } else if byte == separator {
                try endField()
                state = .fieldStart
            } else if byte == Self.lf || byte == Self.cr {
                try endField()
                try endRecord(handle)
                state = .fieldStart
            } else {
                throw CSVSyntaxError(
                    message: "unexpected character after a closing quote (quotes inside a quoted field are written \"\")",
                    line: position.line, column: position.column)
            }
        }
    }

    private mutating func endField() throws(CSVSyntaxError) {
        if ranges.count >= maximumFields {
            throw CSVSyntaxError(
                message: "the record has more than \(maximumFields) fields; tables may have at most \(maximumFields) columns",
                line: fieldPosition.line, column: fieldPosition.column)
        }
        ranges.append(fieldStart..<bytes.count)
        starts.append(fieldPosition)
        quoted.append(fieldQuoted)
    }

    /// Throws when the record being built has grown past ``maximumRecordBytes``.
    private func checkRecordSize() throws(CSVSyntaxError) {
        guard bytes.count > maximumRecordBytes else { return }
        throw CSVSyntaxError(
            message: "the record is longer than \(InputLimits.describe(bytes: maximumRecordBytes))"
                + (state == .quoted ? " (a quoted field that never closes?)" : ""),
            line: state == .quoted ? openingQuote.line : fieldPosition.line,
            column: state == .quoted ? openingQuote.column : fieldPosition.column)
    }

    private mutating func endRecord(_ handle: (CSVRecord) throws -> Void) throws {
        try emit(handle)
        // The record is gone unless the handler kept it, so the buffers are reused without copying.
        bytes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
    }

    private func emit(_ handle: (CSVRecord) throws -> Void) throws {
        try handle(CSVRecord(line: starts[0].line, bytes: bytes, ranges: ranges, starts: starts, quoted: quoted))
    }
}

extension CSVParser {
    /// Every record of `bytes` (a whole file in memory).
    public static func records<Bytes: Sequence>(in bytes: Bytes, separator: Character = ",") throws(CSVSyntaxError) -> [CSVRecord]
    where Bytes.Element == UInt8 {
        var parser = CSVParser(separator: separator)
        var records: [CSVRecord] = []
        do {
            try parser.parse(bytes) { records.append($0) }
            try parser.finish { records.append($0) }
        } catch let error as CSVSyntaxError {
            throw error
        } catch {
            preconditionFailure("the collecting closure does not throw")
        }
        return records
    }
}
