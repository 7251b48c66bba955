import Testing

@testable import MineralGraphFormats

@Suite("CSV parser")
struct CSVParserTests {
    static func parse(_ text: String) throws -> [CSVRecord] {
        try CSVParser.records(in: Array(text.utf8))
    }

    @Test func plainRecordsWithAndWithoutFinalNewline() throws {
        #expect(try Self.parse("a,b,c\n1,2,3\n").map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try Self.parse("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try Self.parse("").isEmpty)
    }

    @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
        let records = try Self.parse("name,note\n\"Korea, Republic of\",\"said \"\"hi\"\"\nthen left\"\nx,\"\"\n")
        #expect(records.map(\.fields) == [["name", "note"], ["Korea, Republic of", "said \"hi\"\nthen left"], ["x", ""]])
        #expect(records[1].isQuoted(0) && !records[2].isQuoted(0) && records[2].isQuoted(1))
        // The record after a field spanning two lines starts on line 4.
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try Self.parse("a,,c\n,\n1,2,\n").map(\.fields) == [["a", "", "c"], ["", ""], ["1", "2", ""]])
        #expect(try Self.parse("1,2,").map(\.fields) == [["1", "2", ""]])
    }

    @Test func byteOrderMarkCRLFAndLoneCR() throws {
        let records = try Self.parse("\u{FEFF}a,b\r\n1,2\r\n3,4\r5,6")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
        // The BOM does not count as a column.
        #expect(records[0].position(of: 1) == CSVRecord.Position(line: 1, column: 3))
    }

    @Test func blankLinesAreSkipped() throws {
        let records = try Self.parse("a\n\n\nb\r\n\r\nc\n")
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"]])
        #expect(records.map(\.line) == [1, 4, 6])
    }

    @Test func positionsCountUnicodeScalarsAndFollowQuotedNewlines() throws {
        let records = try Self.parse("Côte d’Ivoire,x,\"multi\nline\",y\n")
        #expect(records[0].position(of: 0) == .init(line: 1, column: 1))
        #expect(records[0].position(of: 1) == .init(line: 1, column: 15)) // "Côte d’Ivoire" is 13 scalars + comma
        #expect(records[0].position(of: 2) == .init(line: 1, column: 17))
        #expect(records[0].position(of: 3) == .init(line: 2, column: 7))
        #expect(records[0][0] == "Côte d’Ivoire")
    }

    @Test func unterminatedQuoteIsAnErrorAtTheOpeningQuote() {
        #expect(throws: CSVSyntaxError(message: "quoted field is not closed", line: 2, column: 3)) {
            try Self.parse("a,b\n1,\"open\n2,3\n")
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        do {
            _ = try Self.parse("a,\"b\"x,c\n")
            Issue.record("expected an error")
        } catch let error as CSVSyntaxError {
            #expect(error.line == 1 && error.column == 6)
        }
    }

    @Test func aQuoteInsideAnUnquotedFieldIsLiteral() throws {
        #expect(try Self.parse("12\" pipe,x\n").map(\.fields) == [["12\" pipe", "x"]])
    }

    @Test func otherSeparators() throws {
        #expect(try CSVParser.records(in: Array("a;b\n\"1;2\";3\n".utf8), separator: ";").map(\.fields) == [["a", "b"], ["1;2", "3"]])
        #expect(try CSVParser.records(in: Array("a\tb\n".utf8), separator: "\t").map(\.fields) == [["a", "b"]])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func chunkBoundariesDoNotMatter(_ size: Int) throws {
        let text = "\u{FEFF}h1,h2\r\n\"a,\"\"b\"\"\r\nc\",Ünïcode\r\nlast,\"\"\r\n"
        let whole = try Self.parse(text)
        var parser = CSVParser()
        var chunked: [CSVRecord] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: size) {
            try parser.parse(bytes[start..<min(start + size, bytes.count)]) { chunked.append($0) }
        }
        try parser.finish { chunked.append($0) }
        #expect(chunked.map(\.fields) == whole.map(\.fields))
        #expect(chunked.map(\.line) == whole.map(\.line))
        #expect(chunked.map { $0.position(of: 1) } == whole.map { $0.position(of: 1) })
        #expect(whole.map(\.fields) == [["h1", "h2"], ["a,\"b\"\r\nc", "Ünïcode"], ["last", ""]])
        // Sequences without contiguous storage take the byte-by-byte path and agree.
        var slow = CSVParser()
        var slowRecords: [CSVRecord] = []
        for start in stride(from: 0, to: bytes.count, by: size) {
            try slow.parse(AnySequence(bytes[start..<min(start + size, bytes.count)])) { slowRecords.append($0) }
        }
        try slow.finish { slowRecords.append($0) }
        #expect(slowRecords.map(\.fields) == whole.map(\.fields))
        #expect(slowRecords.map { $0.position(of: 1) } == whole.map { $0.position(of: 1) })
    }

    @Test func recordsKeptByTheHandlerAreNotOverwritten() throws {
        var parser = CSVParser()
        var kept: [CSVRecord] = []
        try parser.parse(Array("a,b\nc,d\n".utf8)) { kept.append($0) }
        #expect(kept.map(\.fields) == [["a", "b"], ["c", "d"]])
    }

    @Test func fieldBytesAreAvailableWithoutDecoding() throws {
        let record = try #require(try Self.parse("260500,12.5\n").first)
        #expect(record.withFieldBytes(0) { Array($0) } == Array("260500".utf8))
    }
}
