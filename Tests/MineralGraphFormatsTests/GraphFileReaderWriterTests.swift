import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

@Suite("Graph file reader and writer")
struct GraphFileReaderWriterTests {
    static func read(_ text: String, file: String = "t.yaml") throws -> GraphDocument {
        try GraphFileReader().read(text: text, file: file)
    }

    /// The diagnostics of text that must fail to read.
    static func readErrors(_ text: String, file: String = "t.yaml") -> [Diagnostic] {
        do {
            _ = try GraphFileReader().read(text: text, file: file)
            Issue.record("expected a read error")
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func canonical(_ text: String) throws -> String {
        GraphFileWriter().write(try read(text))
    }

    // MARK: Canonical form

    /// Aliases, another key order, flow style, comments between items, quoted strings,
    /// `_` separators and exponents: everything a person or script might write.
    static let messy = """
        # Header line one
        #
        # Header line three

        year: 2023   # a trailing comment
        name: "Messy input"
        units: {water: m3, mass: t, value: USD}
        sources:
          - {title: 'World Mining Data 2024', year: 2024, id: wmd-2024}
        nodes:
          # a comment between items
          - {country: Congo (Kinshasa), kind: mine, id: cod, outputs: [{mineral: Co, contained_tonnes: 170_000, tonnes: 5.7e5}]}
          - id: chn
            country: CN
            # a comment inside a mapping
            kind: processor
            outputs:
            - mineral: Cobalt
              contained_tonnes: 150000.0
            capacity_tonnes: 1.5e5
            source: wmd-2024

          - id: "gha-dump"
            kind: waste
            fate: informal
            country: Ghana
            outputs: []
        flows:
        - {to: chn, from: cod, mineral: cobalt, contained_tonnes: 140000, value_usd: 5.1e9, type: product}
        - from: chn
          to: gha-dump
          mineral: cobalt
          tonnes: 10
          type: waste
          value_usd: -500
        format: mineral-graph/1
        other_countries:
          - {stage: mining, mineral: Co, contained_tonnes: 4200, year: 2022}
        description:
        """

    static let messyCanonical = """
        # Header line one
        #
        # Header line three

        format: mineral-graph/1
        name: Messy input
        year: 2023
        units:
          mass: t
          value: USD
          water: m3

        sources:
          - id: wmd-2024
            title: World Mining Data 2024
            year: 2024

        nodes:
          - id: cod
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
                tonnes: 570000
                contained_tonnes: 170000

          - id: chn
            kind: processor
            country: CHN
            outputs:
              - mineral: cobalt
                contained_tonnes: 150000
            capacity_tonnes: 150000
            source: wmd-2024

          - id: gha-dump
            kind: waste
            fate: informal
            country: GHA

        flows:
          - from: cod
            to: chn
            mineral: cobalt
            contained_tonnes: 140000
            value_usd: 5100000000

          - from: chn
            to: gha-dump
            mineral: cobalt
            tonnes: 10
            value_usd: -500
            type: waste

        other_countries:
          - mineral: cobalt
            stage: mining
            year: 2022
            contained_tonnes: 4200

        """

    @Test func nonCanonicalInputBecomesCanonical() throws {
        let document = try Self.read(Self.messy)
        #expect(document.validate().isEmpty)
        #expect(GraphFileWriter().write(document) == Self.messyCanonical)
    }

    @Test func canonicalOutputIsByteIdenticalOnSecondWrite() throws {
        let once = try Self.canonical(Self.messy)
        let twice = try Self.canonical(once)
        #expect(twice == once)
        #expect(try Self.read(once).graph == Self.read(Self.messy).graph)
    }

    @Test func canonicalFixtureIsUnchanged() throws {
        let text = try String(contentsOfFile: Fixtures.path("small-canonical.yaml"), encoding: .utf8)
        #expect(try Self.canonical(text) == text)
    }

    @Test func documentationExampleReadsValidatesAndRoundTrips() throws {
        // The annotated example in docs/graph-format.md must stay a valid graph.
        let docs = TestPaths.file("docs/graph-format.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(markdown.range(of: "```yaml\n"))
        let end = try #require(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let example = String(markdown[start.upperBound..<end.lowerBound])
        let document = try Self.read(example)
        #expect(document.validate().isEmpty)
        #expect(document.graph.nodes.map(\.id) == ["cod-mines", "fin-kokkola", "ewaste-gha"])
        #expect(document.graph.nodes[0].outputs.map(\.mineral) == ["cobalt", "copper"])
        #expect(document.graph.otherCountries.first?.containedTonnes == 4200)
        let canonical = GraphFileWriter().write(document)
        #expect(try Self.canonical(canonical) == canonical)
        #expect(try Self.read(canonical).graph == document.graph)
    }

    @Test func headerCommentIsKeptOtherCommentsAreDropped() throws {
        let document = try Self.read(Self.messy)
        #expect(document.headerComment == ["# Header line one", "#", "# Header line three"])
        let output = GraphFileWriter().write(document)
        #expect(!output.contains("trailing comment"))
        #expect(!output.contains("between items"))
    }

    @Test func headerCommentEdges() {
        #expect(GraphFileReader.headerComment(of: "name: x\n# late\n") == [])
        #expect(GraphFileReader.headerComment(of: "\n\n# a\n\n\n# b\n\nname: x\n") == ["# a", "", "", "# b"])
        #expect(GraphFileReader.headerComment(of: "# only\n") == ["# only"])
        #expect(GraphFileReader.headerComment(of: "#a\r\n#b\r\nname: x\r\n") == ["#a", "#b"])
    }

    @Test func writerOmitsDefaultsAndEmptyOptionals() throws {
        let graph = SupplyGraph(
            name: "g", year: 2023,
            nodes: [
                Node(id: "a", kind: .mine, country: "CHL", outputs: [Output(mineral: "lithium", containedTonnes: 1)], water: WaterUse()),
                Node(id: "b", kind: .consumer, country: "DEU"),
            ],
            flows: [Flow(from: "a", to: "b", mineral: "lithium", containedTonnes: 1, type: .product)])
        let text = GraphFileWriter().write(graph)
        #expect(!text.contains("type:"))
        #expect(!text.contains("    water:"), "an empty water block is left out")
        #expect(!text.contains("sources:"))
        #expect(!text.contains("other_countries:"))
        #expect(!text.contains("outputs: []"))
        #expect(text.hasPrefix("format: mineral-graph/1\nname: g\nyear: 2023\n"))
        #expect(try Self.read(text).graph == graph.withEmptyWaterRemoved())
    }

    @Test func emptyGraphIsWrittenWithEmptyLists() throws {
        let text = GraphFileWriter().write(SupplyGraph(name: "empty", year: 2024))
        #expect(text == """
            format: mineral-graph/1
            name: empty
            year: 2024
            units:
              mass: t
              value: USD
              water: m3

            nodes: []

            flows: []

            """)
        #expect(try Self.read(text).graph == SupplyGraph(name: "empty", year: 2024))
    }

    @Test func otherCountriesAndOutputYearsRoundTrip() throws {
        let graph = SupplyGraph(
            name: "Production table", year: 2023, priceYear: 2022, description: "Two lines\nof text",
            countryScheme: "unctad-der-2024",
            sources: [SourceReference(id: "usgs", title: "MCS 2024", publisher: "USGS", url: "https://example.org/a#b", year: 2024, notes: "n")],
            nodes: [
                Node(id: "aus", name: "Australia, mines", kind: .mine, country: "AUS", outputs: [
                    Output(mineral: "lithium", year: 2022, product: "spodumene", tonnes: 3_000_000, containedTonnes: 370_000, valueUSD: 1.2e10),
                    Output(mineral: "lithium", containedTonnes: 400_000),
                    Output(mineral: "lithium", year: 2021, containedTonnes: 0.5),
                ], capacityTonnes: 500_000,
                water: WaterUse(withdrawalM3PerTonne: 1.5, consumptionM3PerTonne: 0.75, brineM3PerTonne: 0, seawaterM3PerTonne: 2, awareFactor: 20.3, baselineWaterStress: 0.4),
                otherInputsUSD: 1e6, source: "usgs", notes: "# not a comment"),
            ],
            otherCountries: [
                OtherCountries(mineral: "lithium", stage: .mining, containedTonnes: 8000, source: "usgs"),
                OtherCountries(mineral: "lithium", stage: .mining, year: 2022, tonnes: 10_000, containedTonnes: 7500, notes: "rounded"),
                OtherCountries(mineral: "lithium", stage: .processing, year: 2023, containedTonnes: 1),
            ])
        let text = GraphFileWriter().write(graph)
        let back = try Self.read(text)
        #expect(back.graph == graph)
        #expect(back.validate().isEmpty)
        #expect(GraphFileWriter().write(back) == text)
        #expect(text.contains("description: |-\n  Two lines\n  of text\n"))
    }

    // MARK: Line endings and byte-order marks

    @Test func crlfAndBOMInputReadLikeLF() throws {
        let lf = try String(contentsOfFile: Fixtures.path("small-canonical.yaml"), encoding: .utf8)
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let reference = try Self.read(lf)
        for variant in [crlf, "\u{FEFF}" + lf, "\u{FEFF}" + crlf] {
            let document = try Self.read(variant)
            #expect(document.graph == reference.graph)
            #expect(document.headerComment == reference.headerComment)
            #expect(GraphFileWriter().write(document) == lf, "canonical output uses LF and no BOM")
            #expect(document.validate() == reference.validate(), "same positions")
        }
    }

    @Test func crlfAndBOMFilesReadFromDisk() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lf = try String(contentsOfFile: Fixtures.path("small-canonical.yaml"), encoding: .utf8)
        let path = directory.appendingPathComponent("bom-crlf.yaml").path
        try Data([0xEF, 0xBB, 0xBF] + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: URL(fileURLWithPath: path))
        let document = try GraphFileReader().read(contentsOf: path)
        #expect(GraphFileWriter().write(document) == lf)
        #expect(document.sourceMap.file == path)
    }

    @Test func crlfDiagnosticsPointAtTheRightLineAndRenderIt() throws {
        let text = "# head\r\nname: x\r\nyear: 2023\r\nnodes:\r\n  - id: a\r\n    kind: mine\r\n    country: CDO\r\n"
        let diagnostics = try Self.read(text).validate()
        #expect(diagnostics.map(\.location?.description) == ["t.yaml:7:14"])
        let rendered = DiagnosticRenderer(text: text).render(diagnostics)
        #expect(rendered.hasPrefix("t.yaml:7:14: error: unknown country 'CDO'\n    country: CDO\n             ^\n"))
        #expect(!rendered.contains("\r"))
    }

    // MARK: Errors on the file as a whole

    @Test(arguments: ["", "\n", "   \n\n", "# just a comment\n", "---\n", "\u{FEFF}"])
    func emptyFileIsALocatedError(_ text: String) {
        let diagnostics = Self.readErrors(text)
        #expect(diagnostics.map(\.code) == ["empty-file"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
        #expect(diagnostics.first?.severity == .error)
    }

    @Test(arguments: [
        ("hello", "found 'hello'"), ("42\n", "found '42'"), ("- a\n- b\n", "found a list"), ("[1, 2]", "found a list"),
    ])
    func nonMappingRootIsALocatedError(_ text: String, _ found: String) {
        let diagnostics = Self.readErrors(text)
        #expect(diagnostics.map(\.code) == ["expected-mapping"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
        #expect(diagnostics.first?.message == "expected the graph as a mapping of keys to values, " + found)
    }

    // MARK: YAML errors

    @Test(arguments: [
        // top level, after nested content
        ("name: a\nnodes: []\nyear: 2023\nunits:\n  mass: t\nname: b\n", 6, 1, "t.yaml:1:1: first given here"),
        // quoted repeat
        ("name: a\nyear: 2023\n\"name\": b\n", 3, 1, "t.yaml:1:1: first given here"),
        // inside a list item, past a comment and a nested mapping
        ("name: a\nyear: 2023\nnodes:\n  - id: x\n    water:\n      aware_cf: 1\n    # c\n    id: y\n", 8, 5, "t.yaml:4:5: first given here"),
    ])
    func duplicateKeyPointsAtTheRepeat(_ text: String, _ line: Int, _ column: Int, _ note: String) {
        let diagnostics = Self.readErrors(text)
        #expect(diagnostics.map(\.code) == ["duplicate-key"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.yaml", line: line, column: column))
        #expect(diagnostics.first?.notes.first?.description == note)
    }

    @Test func duplicateKeyInAFlowMappingPointsAtTheRepeat() {
        let diagnostics = Self.readErrors("name: a\nyear: 2023\nunits: {mass: t, mass: t}\n")
        #expect(diagnostics.map(\.code) == ["duplicate-key"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 3, column: 18))
        #expect(diagnostics.first?.notes.map(\.description) == ["t.yaml:3:9: first given here", "each key may appear once in a mapping"])
    }

    /// libyaml refuses C1 controls and U+FFFE/U+FFFF written raw; the canonical writer escapes
    /// them, so the text of a graph holding them (validation refuses them, `fmt` still writes
    /// such a graph) reads back.
    @Test(arguments: ["\u{80}", "\u{9F}", "\u{FFFE}", "\u{FFFF}", "\u{7F}", "\u{1B}"])
    func canonicalTextEscapesWhatYAMLRefusesRaw(_ scalar: String) throws {
        var graph = try Self.read("name: t\nyear: 2023\n").graph
        graph.description = "a" + scalar + "b"
        let text = GraphFileWriter().write(graph)
        #expect(!text.contains(scalar))
        #expect(try Self.read(text).graph.description == graph.description)
        #expect(EditScript.quote("x" + scalar) == YAMLText.doubleQuoted("x" + scalar))
        #expect(EditScript.quote("plain-id_2") == "plain-id_2")
    }

    /// The writer decides quoting of ASCII text byte by byte; the answers must be those of the
    /// rules on Unicode scalars, on the words and shapes YAML resolvers read as something else
    /// and on random ASCII text (seeded), and every string must read back as itself.
    @Test func asciiQuotingAgreesWithTheScalarRules() throws {
        var texts = [
            "", " ", "a", "null", "NULL", "Null", "~", "yes", "No", "ON", "off", "y", "N", ".nan", ".Inf", "-.inf", "+.INF",
            "0", "-1", "+1.5", ".5", "1e5", "1_000", "0x1F", "0o17", "1:30", "2024-01-31", "2024-01-31T10:00:00Z", "1.2.3",
            "12 t", "a: b", "a:b", "a #b", "a#b", "ends:", " lead", "trail ", "-", "- x", "?x", "[x]", "{x}", "#x", "&a", "*a",
            "!t", "|x", ">x", "'x'", "\"x\"", "%x", "@x", "`x", ",x", "cod-mining", "HS 260500 Cobalt ores", "a\tb", "a\r\nb",
            "a\nb", "\u{7F}", "truey", "nullable", "1 2", "1e", "e5", "-.5e3",
        ]
        var rng = LCG(state: 16)
        let alphabet = Array("ab yYnN01:#-.+_eExXoOTZtz,[]{}&*!|>'\"%@`?~\t\n\r".unicodeScalars)
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...7, using: &rng) { text.append(alphabet.randomElement(using: &rng)!) }
            texts.append(String(text))
        }
        for text in texts {
            #expect(YAMLText.needsQuotes(text) == YAMLText.scalarsNeedQuotes(text), "\(text.debugDescription)")
            #expect(YAMLText.looksLikeNonString(text) == YAMLText.scalarsLookLikeNonString(text), "\(text.debugDescription)")
        }
        for text in texts.prefix(200) where !text.isEmpty {
            var graph = try Self.read("name: t\nyear: 2023\n").graph
            graph.description = text
            #expect(try Self.read(GraphFileWriter().write(graph)).graph.description == text, "\(text.debugDescription)")
        }
    }

    @Test func duplicateKeysInSeparateMappingsAreFine() throws {
        let text = "name: a\nyear: 2023\nnodes:\n  - id: x\n    kind: mine\n    country: CHL\n  - id: y\n    kind: mine\n    country: CHL\n"
        #expect(try Self.read(text).graph.nodes.count == 2)
    }

    @Test func syntaxErrorNotesNameWhatWasBeingParsed() {
        let diagnostics = Self.readErrors("name: x\nyear: 2023\nnodes: [a, b\n")
        #expect(diagnostics.map(\.code) == ["yaml-syntax"])
        #expect(diagnostics.first?.message == "YAML syntax: did not find expected ',' or ']'")
        #expect(diagnostics.first?.notes == ["while parsing a flow sequence starting at line 3, column 8"])
    }

    @Test func tabIndentationGetsAHint() {
        let diagnostics = Self.readErrors("name: x\nyear: 2023\nnodes:\n\t- id: a\n")
        #expect(diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 4, column: 1))
        #expect(diagnostics.first?.notes == ["YAML does not allow tabs for indentation: indent with spaces"])
    }

    @Test func everyProblemIsReportedInFileOrder() {
        let text = """
            name: several
            year: 2023
            nodes:
              - id: a
                kind: refinery
                country: CHN
                colour: red
              - id: b
                kind: mine
                country: COD
                outputs:
                  - mineral: cobalt
                    tonnes: "12"
            flows:
              - from: a
            """
        let diagnostics = Self.readErrors(text)
        #expect(diagnostics.map(\.code) == ["unknown-kind", "unknown-key", "expected-number", "missing-key", "missing-key"])
        #expect(diagnostics.map { $0.location.map { "\($0.line):\($0.column)" } ?? "" } == ["5:11", "7:5", "13:17", "15:5", "15:5"])
        #expect(diagnostics.map(\.message).suffix(2) == ["a flow needs 'to'", "a flow needs 'mineral'"])
    }

    @Test func unreadableFileIsAnErrorWithoutLocation() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString).yaml").path
        do {
            _ = try GraphFileReader().read(contentsOf: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["unreadable"])
            #expect(error.diagnostics.first?.location == nil)
            #expect(error.diagnostics.first?.message == "\(path): no such file")
            #expect(error.description == "error: \(path): no such file\n")
        }
    }

    @Test func notUTF8IsAnError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("latin1.yaml").path
        try Data("name: C\u{F4}te\nyear: 2023\n".data(using: .isoLatin1)!).write(to: URL(fileURLWithPath: path))
        do {
            _ = try GraphFileReader().read(contentsOf: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["unreadable"])
            #expect(error.diagnostics.first?.message.contains("not UTF-8") == true)
        }
    }

    // MARK: Values

    @Test func countryAndMineralSpellingsAreNormalisedUnknownOnesKept() throws {
        let text = """
            name: spellings
            year: 2023
            nodes:
              - {id: a, kind: mine, country: "Korea, Republic of", outputs: [{mineral: Rare earths}]}
              - {id: b, kind: mine, country: "Congo, D.R.", outputs: [{mineral: REE}]}
              - {id: c, kind: mine, country: Türkiye, outputs: [{mineral: aluminum}]}
              - {id: d, kind: mine, country: Atlantis, outputs: [{mineral: mithril}]}
            """
        let nodes = try Self.read(text).graph.nodes
        #expect(nodes.map(\.country) == ["KOR", "COD", "TUR", "Atlantis"])
        #expect(nodes.map { $0.outputs[0].mineral } == ["rare-earths", "rare-earths", "aluminium", "mithril"])
    }

    @Test func numbersInEveryAcceptedSpelling() throws {
        let values: [(String, Double)] = [
            ("170000", 170_000), ("170_000", 170_000), ("1.7e5", 170_000), ("1.7E+5", 170_000), ("+5", 5),
            ("0.35", 0.35), (".5", 0.5), ("-0", 0), ("1e-3", 0.001),
        ]
        for (spelling, value) in values {
            let text = "name: n\nyear: 2023\nnodes:\n  - {id: a, kind: mine, country: CHL, capacity_tonnes: \(spelling)}\n"
            #expect(try Self.read(text).graph.nodes[0].capacityTonnes == value, "\(spelling)")
        }
    }

    @Test(arguments: ["0x10", "1,5", "12 t", "ten", "1e5t", "true", "'5'", "[5]"])
    func textWhereANumberBelongsIsAnError(_ spelling: String) {
        let text = "name: n\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CHL\n    capacity_tonnes: \(spelling)\n"
        let diagnostics = Self.readErrors(text)
        #expect(diagnostics.map(\.code) == ["expected-number"])
        #expect(diagnostics.first?.location.map { "\($0.line):\($0.column)" } == "7:22")
    }

    @Test func nonFiniteNumbersReadAndAreReportedByValidation() throws {
        let text = "name: n\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CHL\n    capacity_tonnes: .nan\n    other_inputs_usd: -.inf\n"
        let document = try Self.read(text)
        #expect(document.graph.nodes[0].capacityTonnes?.isNaN == true)
        let diagnostics = document.validate()
        #expect(diagnostics.map(\.code) == ["non-finite", "non-finite"])
        #expect(diagnostics.map { $0.location?.line } == [7, 8])
        #expect(diagnostics.map { $0.location?.column } == [22, 23])
    }

    // MARK: Source positions of validation findings

    @Test func validationFindingsPointAtTheirFieldOrElement() throws {
        let text = """
            name: positions
            year: 2023
            sources:
              - id: s
                title: S
              - {id: s, title: T}
            nodes:
              - {id: m, kind: mine, country: CHL, outputs: [{mineral: lithium, contained_tonnes: 10}]}
              - id: p
                kind: processor
                country: CHN
            flows:
              - from: m
                to: p
                mineral: lithium
              - {from: m, to: nowhere, mineral: lithium, contained_tonnes: 20}
            """
        let diagnostics = try Self.read(text).validate()
        let located = diagnostics.map { "\($0.code)@\($0.location!.line):\($0.location!.column)" }
        #expect(located == [
            "duplicate-source-id@6:10",
            "empty-flow@13:5",  // no field: the flow itself
            "unknown-node@16:19",
            "ships-more-than-output@8:86",
        ])
    }

    @Test func locationsFallBackToTheElementThenTheFileStart() {
        var map = SourceMap(file: "f.yaml")
        map.record(.node(index: 0, field: nil), line: 4, column: 5)
        map.record(.graph(field: nil), line: 2, column: 1)
        #expect(map.location(of: .node(index: 0, field: "country")) == SourceLocation(file: "f.yaml", line: 4, column: 5))
        #expect(map.location(of: .flow(index: 3, field: "to")) == SourceLocation(file: "f.yaml", line: 2, column: 1))
        #expect(SourceMap(file: "g.yaml").location(of: .graph(field: "name")) == SourceLocation(file: "g.yaml", line: 1, column: 1))
    }
}

extension SupplyGraph {
    /// The graph as the reader gives it back: an empty water block is no water block.
    func withEmptyWaterRemoved() -> SupplyGraph {
        var copy = self
        for i in copy.nodes.indices where copy.nodes[i].water?.isEmpty == true { copy.nodes[i].water = nil }
        return copy
    }
}
