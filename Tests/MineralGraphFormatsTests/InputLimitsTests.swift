import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Issue 19, "bounded work on any input": every reader refuses what is beyond its limits
/// (docs/limits.md) with a located error, quickly, and reads what is within them.
@Suite("Input limits")
struct InputLimitsTests {
    /// The diagnostics of reading `text` as a graph file.
    static func graphErrors(_ text: String, reader: GraphFileReader = GraphFileReader()) -> [Diagnostic] {
        do {
            _ = try reader.read(text: text, file: "g.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// `"line:column code"` of the first diagnostic.
    static func first(_ diagnostics: [Diagnostic]) -> String? {
        diagnostics.first.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" }
    }

    static let valid = "name: t\nyear: 2023\nnodes:\n  - {id: a, kind: mine, country: COD}\n"

    // MARK: Lines

    @Test func longLinesAreFoundWithTheirPosition() throws {
        let text = "short\n" + String(repeating: "é", count: 8) + "\nok"
        // 16 bytes of é: the 11th byte starts the 6th character.
        let problem = try #require(InputLimits.longLine(in: text, file: "f", yamlBreaks: false, limit: 10))
        #expect(problem.location == SourceLocation(file: "f", line: 2, column: 6))
        #expect(problem.code == "line-too-long")
        #expect(InputLimits.longLine(in: text, file: "f", yamlBreaks: false, limit: 16) == nil)
        // NEL ends a YAML line but not a DOT or CSV one.
        let nel = "12345\u{85}12345"
        #expect(InputLimits.longLine(in: nel, file: "f", yamlBreaks: true, limit: 6) == nil)
        #expect(InputLimits.longLine(in: nel, file: "f", yamlBreaks: false, limit: 6) != nil)
        #expect(InputLimits.longLine(in: "1234\r\n1234\r1234", file: "f", yamlBreaks: false, limit: 4) == nil)
    }

    /// Issue 19: a 10 MB single-line file hung `validate`.
    @Test func aGraphLineBeyondTheLimitIsRefusedAtItsEnd() {
        let text = "name: t\ndescription: " + String(repeating: "a", count: InputLimits.maximumLineBytes) + "\nyear: 2023\n"
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure { diagnostics = Self.graphErrors(text) }
        #expect(Self.first(diagnostics) == "2:\(InputLimits.maximumLineBytes + 1) line-too-long")
        #expect(elapsed < .seconds(5))
    }

    @Test func everyTextReaderChecksLineLength() throws {
        let long = String(repeating: "x", count: InputLimits.maximumLineBytes + 1)
        #expect(throws: DiagnosticError.self) { try ScenarioFileReader().read(text: "scenario: " + long, file: "s.yaml") }
        #expect(throws: DiagnosticError.self) { try JSONGraphReader().read(text: "{\"metadata\": \"" + long + "\"}", file: "g.json") }
        #expect(throws: DiagnosticError.self) { try DOTImporter().read(text: "digraph {\n" + long + "\n}", file: "g.dot") }
        #expect(throws: DiagnosticError.self) { try EditScript.parse(script: "node[a].notes=" + long, file: "e.txt") }
        #expect(throws: DiagnosticError.self) { try EditScript.parse(edit: "node[a].notes=" + long, file: "<edit 1>") }
        do {
            _ = try DOTImporter().read(text: "digraph {\n" + long + "\n}", file: "g.dot")
        } catch {
            #expect(Self.first(error.diagnostics) == "2:\(InputLimits.maximumLineBytes + 1) line-too-long")
        }
    }

    // MARK: Nesting and size

    /// The root mapping is the first level, so the 64th `[` (or `- `) is the first refused.
    @Test(arguments: [
        ("a: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n", "1:67 too-deep"),
        ("a:\n" + (1...70).map { String(repeating: " ", count: $0) + "- \n" }.joined(), "65:65 too-deep"),
    ])
    func deepNestingIsRefusedAtTheLevelPastTheLimit(_ text: String, _ expected: String) {
        let diagnostics = Self.graphErrors(text)
        #expect(Self.first(diagnostics) == expected)
        #expect(diagnostics.count == 1)
    }

    @Test func scenariosJSONAndEditPayloadsAreBoundedToo() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: DiagnosticError.self) { try ScenarioFileReader().read(text: "scenario: s\nshocks: " + deep + "\n", file: "s.yaml") }
        #expect(throws: DiagnosticError.self) { try JSONGraphReader().read(text: "{\"metadata\": " + deep + "}", file: "g.json") }
        do {
            _ = try EditScript.parse(edit: "add node {id: x, kind: mine, country: COD, notes: " + deep + "}", file: "<edit 1>")
            Issue.record("a 100-deep payload was accepted")
        } catch {
            #expect(error.diagnostics.first?.code == "too-deep" || error.diagnostics.first?.message.contains("nest") == true)
        }
    }

    @Test func composerLimitsAreLocated() throws {
        let composer = YAMLComposer(file: "c.yaml", kind: "graph files", maximumDepth: 3, maximumValues: 5)
        #expect(throws: DiagnosticError.self) { try composer.compose("a: {b: {c: 1}}") }
        do {
            _ = try composer.compose("a: [1, 2, 3, 4]")
            Issue.record("six values accepted")
        } catch {
            #expect(Self.first(error.diagnostics) == "1:11 too-many-values")  // the sixth value, `3`
        }
        #expect(try composer.compose("a: [1, 2]") != nil)
    }

    @Test func oversizedTextIsRefusedWithItsSize() throws {
        // The reader's limit is configurable (2 GiB by default); 64 MiB here.
        let text = "name: big\nyear: 2023\ndescription: \"" + String(repeating: "x\n", count: 32 << 20) + "\"\n"
        let diagnostics = Self.graphErrors(text, reader: GraphFileReader(maximumBytes: 64 << 20))
        #expect(Self.first(diagnostics) == "1:1 file-too-large")
        #expect(diagnostics.first?.message == "the file is 64.0 MiB; graph files may be at most 64 MiB")
        let small = Self.valid
        #expect(Self.first(Self.graphErrors(small, reader: GraphFileReader(maximumBytes: small.utf8.count - 1))) == "1:1 file-too-large")
        #expect(Self.graphErrors(small, reader: GraphFileReader(maximumBytes: small.utf8.count)).isEmpty)
    }

    @Test func theDocumentLimitIsTwoGiBUnlessTheEnvironmentSetsIt() {
        #expect(InputLimits.defaultDocumentBytes == 2 << 30)
        #expect(InputLimits.configuredDocumentBytes([:]) == nil)
        #expect(InputLimits.configuredDocumentBytes(["MINERAL_GRAPH_MAX_INPUT_MIB": "64"]) == 64 << 20)
        #expect(InputLimits.configuredDocumentBytes(["MINERAL_GRAPH_MAX_INPUT_MIB": "0"]) == nil)
        #expect(InputLimits.configuredDocumentBytes(["MINERAL_GRAPH_MAX_INPUT_MIB": "lots"]) == nil)
        #expect(GraphFileReader().maximumBytes == InputLimits.maximumDocumentBytes)
    }

    // MARK: YAML structure

    @Test func repeatedKeysAreFoundInLargeMappings() {
        // Past a dozen keys the composer looks repeats up in a dictionary.
        let keys = (0..<20).map { "k\($0): \($0)" } + ["k3: again"]
        let diagnostics = Self.graphErrors(keys.joined(separator: "\n") + "\n")
        #expect(Self.first(diagnostics) == "21:1 duplicate-key")
        #expect(diagnostics.first?.notes.first?.location?.line == 4 && diagnostics.first?.notes.first?.location?.column == 1)
    }

    @Test func aSecondDocumentIsAnError() {
        let diagnostics = Self.graphErrors(Self.valid + "---\nname: u\n")
        #expect(Self.first(diagnostics) == "5:1 yaml-syntax")
        #expect(diagnostics.first?.message == "YAML syntax: the file holds more than one document")
    }

    @Test func aControlCharacterInTheTextIsLocated() {
        let diagnostics = Self.graphErrors("name: t\nyear: 2023\ndescription: a\u{1}b\n")
        #expect(Self.first(diagnostics) == "3:15 unreadable")
    }

    @Test func theStyleOfCollectionsComesFromTheirStart() throws {
        let document = try GraphFileReader().read(text: Self.valid, file: "g.yaml")
        #expect(document.sourceMap.layout(of: .graph(field: "nodes"))?.shape == .blockSequence)
        #expect(document.sourceMap.layout(of: .node(index: 0, field: nil))?.shape == .flowMapping)
        #expect(document.graph.nodes.map(\.id) == ["a"])
    }

    // MARK: Messages

    @Test func longValuesAreCutInMessages() {
        let diagnostics = Self.graphErrors(String(repeating: "x", count: 100_000))
        let message = DiagnosticRenderer(text: nil).render(diagnostics)
        #expect(message.utf8.count < 1_000)
        #expect(message.contains("found 'xxxxxxxxxx"))
        let long = Diagnostic(.error, .unknownKey, String(repeating: "m", count: 5_000), at: nil, notes: [String(repeating: "n", count: 5_000)])
        let rendered = DiagnosticRenderer(text: nil).render([long])
        #expect(rendered.contains("… (4600 more characters)"))
        #expect(rendered.utf8.count < 1_000)
    }

    // MARK: CSV

    @Test func csvRecordsAreBoundedInFieldsAndBytes() {
        #expect(throws: CSVSyntaxError(message: "the record has more than 3 fields; tables may have at most 3 columns", line: 2, column: 7)) {
            var parser = CSVParser(maximumFields: 3)
            try parser.parse(Array("a,b,c\n1,2,3,4\n".utf8)) { _ in }
        }
        #expect(throws: CSVSyntaxError(message: "the record is longer than 8 bytes", line: 2, column: 3)) {
            var parser = CSVParser(maximumRecordBytes: 8)
            try parser.parse(Array("a,b\n1,123456789\n".utf8)) { _ in }
        }
        #expect(throws: CSVSyntaxError(message: "the record is longer than 8 bytes (a quoted field that never closes?)", line: 1, column: 3)) {
            var parser = CSVParser(maximumRecordBytes: 8)
            try parser.parse(Array("a,\"b\nc\nd\ne\nf\n".utf8)) { _ in }
        }
        var parser = CSVParser(maximumFields: 3, maximumRecordBytes: 8)
        var records = 0
        #expect(throws: Never.self) {
            try parser.parse(Array("a,b,c\n12,34,56\n".utf8)) { _ in records += 1 }
            try parser.finish { _ in records += 1 }
        }
        #expect(records == 2)
    }

    /// Issue 19: `import production` of a CSV with a million columns took 2.9 GiB.
    @Test func aProductionTableWithTooManyColumnsIsALocatedError() {
        let header = "mineral,stage,country,quantity,year," + (0..<InputLimits.maximumFields).map { "c\($0)" }.joined(separator: ",")
        #expect {
            try ProductionTableImporter().read(bytes: Array((header + "\n").utf8), file: "wide.csv")
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.code == "csv-syntax" && diagnostic?.location?.line == 1
                && diagnostic?.message.hasPrefix("the record has more than \(InputLimits.maximumFields) fields") == true
        }
    }

    @Test func aProductionTableStopsAfterTooManyErrors() {
        let rows = (0..<(ProductionTableImporter.maximumErrors + 10)).map { "cobalt,mining,Atlantis\($0),1000,2023" }
        let text = "mineral,stage,country,quantity,year\n" + rows.joined(separator: "\n") + "\n"
        #expect {
            try ProductionTableImporter().read(bytes: Array(text.utf8), file: "bad.csv")
        } throws: { error in
            let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
            return diagnostics.count == ProductionTableImporter.maximumErrors + 1 && diagnostics.last?.code == "too-many-errors"
                && diagnostics.last?.location?.line == ProductionTableImporter.maximumErrors + 2
        }
    }

    // MARK: DOT

    @Test func aDOTStatementWithTooManyAttributesIsRefused() {
        let attributes = (0...InputLimits.maximumDOTAttributes).map { "a\($0)=1" }.joined(separator: "\n")
        do {
            _ = try DOTImporter().read(text: "digraph {\nn [\n" + attributes + "\n]\n}\n", file: "g.dot")
            Issue.record("accepted")
        } catch {
            #expect(Self.first(error.diagnostics) == "\(InputLimits.maximumDOTAttributes + 3):1 dot-syntax")
        }
    }

    // MARK: Encodings

    @Test(arguments: [
        ([0xFF, 0xFE, 0x74, 0x00, 0x2C, 0x00], "the file is UTF-16, not UTF-8"),
        ([0xFE, 0xFF, 0x00, 0x74, 0x00, 0x2C], "the file is UTF-16, not UTF-8"),
        ([0xFF, 0xFE, 0x00, 0x00, 0x74, 0x00, 0x00, 0x00], "the file is UTF-32, not UTF-8"),
        ([0x74, 0x00, 0x2C, 0x00, 0x69, 0x00, 0x2C, 0x00, 0x6A, 0x00], "the file looks like UTF-16"),
        ([0x74, 0x2C, 0x69, 0x0A, 0x00, 0x31], "the file has a NUL byte (byte 4)"),
    ] as [([UInt8], String)])
    func utf16AndNulBytesAreNamed(_ bytes: [UInt8], _ start: String) throws {
        let problem = try #require(TextFile.encodingProblem(bytes))
        #expect(problem.hasPrefix(start))
        #expect(!problem.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func utf8TextHasNoEncodingProblem() {
        #expect(TextFile.encodingProblem(Array("t,i,j\n2023,180,156\n".utf8)) == nil)
        #expect(TextFile.encodingProblem(Array("\u{FEFF}Côte d’Ivoire".utf8)) == nil)
        #expect(TextFile.encodingProblem([UInt8]()) == nil)
    }

    /// Issue 19: a UTF-16 BACI file printed NUL bytes in its error.
    @Test func aUTF16TradeFileSaysSo() throws {
        let text = "t,i,j,k,v,q\n2023,180,156,810520,1,1\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect {
            try TradeTableReader(productMap: HSProductMap()).read(bytes: bytes, file: "baci.csv")
        } throws: { error in
            let message = (error as? DiagnosticError)?.description ?? ""
            return message.contains("the file is UTF-16, not UTF-8: save it as UTF-8") && !message.contains("\0")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("utf16-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try TradeTableReader(productMap: HSProductMap()).read(contentsOf: url.path)
        } throws: { error in
            (error as? DiagnosticError)?.description.contains("the file is UTF-16") == true
        }
        #expect(throws: DiagnosticError.self) { try ProductionTableImporter().read(bytes: bytes, file: "p.csv") }
    }

    // MARK: Product map

    /// Issue 19: a `contained_share` above 1 ended in "a bug in the importer".
    @Test func aContainedShareAboveOneIsALocatedError() {
        let text = "hs_code,mineral,stage,contained_share,contained_share_source\n2605,cobalt,mining,1.5,made up\n"
        #expect {
            try HSProductMap.parse(bytes: Array(text.utf8), file: "map.csv")
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.code == "bad-share" && diagnostic?.location?.line == 2 && diagnostic?.location?.column == 20
        }
        let fine = "hs_code,mineral,stage,contained_share,contained_share_source\n2605,cobalt,mining,1,all cobalt\n"
        #expect(throws: Never.self) { try HSProductMap.parse(bytes: Array(fine.utf8), file: "map.csv") }
    }
}
