import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// The graph reader's fast paths (``BlockYAMLComposer`` instead of libyaml, decoding on a
/// second thread with ``DecodingPipeline``) must give exactly what libyaml on one thread
/// gives: the same tree, the same items in the same order, the same graph, source map and
/// diagnostics.
@Suite("Graph reader paths")
struct GraphReaderPathsTests {
    // MARK: Block composer against libyaml

    /// Every value with its style, position and flow flag, items handed over included.
    static func render(_ node: YAMLNode?, into out: inout String) {
        guard let node else {
            out += "nil"
            return
        }
        let mark = "@\(node.mark.line):\(node.mark.column)"
        switch node {
        case .scalar(let scalar):
            out += "S\(scalar.style.rawValue)\(mark)\(scalar.string.debugDescription)"
        case .mapping(let mapping):
            out += "M\(mapping.isFlow ? "f" : "b")\(mark){"
            for pair in mapping.pairs {
                render(pair.key, into: &out)
                out += ":"
                render(pair.value, into: &out)
                out += ","
            }
            out += "}"
        case .sequence(let sequence):
            out += "L\(sequence.isFlow ? "f" : "b")\(mark)["
            for item in sequence.items {
                render(item, into: &out)
                out += ","
            }
            out += "]"
        }
    }

    /// The block composer's reading of `text` (`nil` when it gives up) and libyaml's (`nil`
    /// when it finds an error), each with the items handed over.
    static func both(_ text: String) -> (fast: String?, libyaml: String?) {
        let streaming: Set<String> = ["nodes", "flows"]
        var fastItems = ""
        let fast = BlockYAMLComposer.compose(text, streaming: streaming) { list, index, item in
            fastItems += "\(list)#\(index)="
            render(item, into: &fastItems)
            fastItems += "\n"
        }
        var slowItems = ""
        let slow = try? YAMLComposer(file: "t.yaml", kind: "graph files").compose(text, streaming: streaming) { list, index, item in
            slowItems += "\(list)#\(index)="
            render(item, into: &slowItems)
            slowItems += "\n"
        }
        func rendered(_ root: YAMLNode??, _ items: String) -> String? {
            guard let root else { return nil }
            var out = items
            render(root, into: &out)
            return out
        }
        return (rendered(fast.map { $0 }, fastItems), slow.map { root in rendered(.some(root), slowItems)! })
    }

    /// The block composer's reading of `text` with its `flows` list cut in two (``BlockYAMLComposer/Cut``),
    /// the parts' trees joined and their items handed over numbered as one list; `nil` when
    /// the text has no cut or a part gives up.
    static func inTwoParts(_ text: String) -> String? {
        guard let cut = BlockYAMLComposer.Cut(text, list: "flows", minimumBytes: 0) else { return nil }
        var items = "", secondItems = ""
        let first = BlockYAMLComposer.composeFirstPart(
            text, cut: cut, streaming: ["nodes", "flows"], maximumDepth: InputLimits.maximumDepth, maximumValues: InputLimits.maximumYAMLValues
        ) { list, index, item in
            items += "\(list)#\(index)="
            render(item, into: &items)
            items += "\n"
        }
        let second = BlockYAMLComposer.composeSecondPart(
            text, cut: cut, maximumDepth: InputLimits.maximumDepth, maximumValues: InputLimits.maximumYAMLValues
        ) { list, index, item in
            secondItems += "\(list)#\(cut.itemsBefore + index)="
            render(item, into: &secondItems)
            secondItems += "\n"
        }
        guard case .mapping(var root)? = first?.root, let second,
              let k = root.pairs.firstIndex(where: { $0.key.string == "flows" }), case .sequence(var list) = root.pairs[k].value
        else { return nil }
        list.items += second.items
        root.pairs[k].value = .sequence(list)
        var out = items + secondItems
        render(.mapping(root), into: &out)
        return out
    }

    /// A flows list cut in two and composed part by part gives the whole list's tree and items,
    /// positions included: with a list ending the text or followed by another key, comments at
    /// the first column and blank lines inside it, literal blocks and non-ASCII text in its items.
    @Test(arguments: [0, 1, 2])
    func aListCutInTwoComposesAsTheWhole(_ variant: Int) throws {
        var text = Self.generated(count: 300 + variant * 77, tail: variant == 1 ? "other_countries:\n  - mineral: cobalt\n    stage: mining\n    tonnes: 5\n" : "")
        if variant == 2 {
            text = text.replacingOccurrences(of: "    notes: \"flow 1", with: "# a comment at the first column\n    notes: |-\n      first line, é\n\n      third\n    source: \"flow 1")
        }
        let cut = try #require(BlockYAMLComposer.Cut(text, list: "flows", minimumBytes: 0))
        // Both parts hold items (the cut balances the parts' bytes, nodes included).
        #expect(cut.itemsBefore > 0 && cut.itemsBefore < 300)
        let whole = try #require(Self.both(text).fast)
        #expect(Self.inTwoParts(text) == whole)
        // Too short a list, or none, is not cut; a list written in flow style is not either.
        #expect(BlockYAMLComposer.Cut(text, list: "flows", minimumBytes: text.utf8.count) == nil)
        #expect(BlockYAMLComposer.Cut(text, list: "missing", minimumBytes: 0) == nil)
        #expect(BlockYAMLComposer.Cut("flows: []\nname: x\n", list: "flows", minimumBytes: 0) == nil)
    }

    static func yamlFiles() -> [URL] {
        let roots = [TestPaths.graphs, TestPaths.tests("MineralGraphFormatsTests/Fixtures"), TestPaths.tests("MineralGraphCLITests/Fixtures")]
        var files: [URL] = []
        for root in roots {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "yaml" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func everyFileItReadsReadsAsLibyamlReadsIt() throws {
        let files = Self.yamlFiles()
        try #require(files.count > 40)
        var read = 0
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let (fast, slow) = Self.both(text)
            guard let fast else { continue }
            read += 1
            #expect(fast == slow, "\(url.lastPathComponent): the block composer reads it differently")
        }
        // The canonical example graphs are in the subset (a composer that gives up on
        // everything would pass the comparison above).
        for name in TestPaths.exampleGraphs {
            let text = try String(contentsOf: TestPaths.graphs.appendingPathComponent(name), encoding: .utf8)
            #expect(Self.both(text).fast != nil, "graphs/\(name) is outside the block composer's subset")
        }
        #expect(read > TestPaths.exampleGraphs.count)
    }

    static let sample = """
        # header
        format: mineral-graph/1
        name: Sample, with (parentheses) and ünïcode — dash
        year: 2023
        description: |-
          Two lines
            one indented

          and one after an empty line
        units:
          mass: t
        uncertainty:
          estimated: 10%
        sources:
          - id: s1
            title: 'It''s quoted'
            notes: "a \\"quote\\", a tab\\t and \\u00e9" # comment
        nodes:
          - id: m1
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
                contained_tonnes: {value: 10, range: [9, 11]}
                value_usd: 1_000
          - id: r1   # trailing comment
            kind: processor
            country: China
        flows:
          - from: m1
            to: r1
            mineral: cobalt
            contained_tonnes:
              value: 5
              range: [4.5, 5.5]
            notes: a:b c#d

          - from: r1
            to: m1
            mineral: cobalt
            tonnes: -.inf
        other_countries: []

        """

    @Test func theSampleIsInTheSubset() {
        let (fast, slow) = Self.both(Self.sample)
        #expect(fast != nil)
        #expect(fast == slow)
        // A flow mapping over two lines is not.
        #expect(Self.both(Self.sample.replacingOccurrences(of: "{value: 10, ", with: "{value: 10,\n ")).fast == nil)
    }

    /// Small edits of a graph text, each read by both: when the block composer reads the
    /// result, libyaml reads it too, as the same tree.
    @Test func editedTextsReadAsLibyamlReadsThemOrFallBack() {
        let bytes = Array(Self.sample.utf8)
        let pieces: [[UInt8]] = [
            " ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "\"", "'", "[", "]", "{", ",", "a", "\t", "\r", "&x ", "*x", "!t ",
            "|", "|-", ">", "?", "%", "@", "---", "...", "\\", "\u{85}", "é", "\u{2028}", "x: y", "\n  ", "\n    - ", "''",
        ].map { Array($0.utf8) }
        var generator = LCG(state: 16)
        var fastReads = 0, differences: [String] = []
        for _ in 0..<3000 {
            var edited = bytes
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let at = Int.random(in: 0...edited.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: edited.insert(contentsOf: pieces.randomElement(using: &generator)!, at: at)
                case 1: if at < edited.count { edited.remove(at: at) }
                default:
                    if at < edited.count { edited.replaceSubrange(at..<min(at + 2, edited.count), with: pieces.randomElement(using: &generator)!) }
                }
            }
            let text = String(decoding: edited, as: UTF8.self)
            let (fast, slow) = Self.both(text)
            guard let fast else { continue }
            fastReads += 1
            if fast != slow { differences.append(text) }
        }
        #expect(differences.count == 0, "read differently:\n\(differences.prefix(3).joined(separator: "\n-----\n"))")
        #expect(fastReads > 300)
    }

    // MARK: Whole reader

    /// A graph text of `count` nodes and flows, every `faultEvery`-th flow with faults (an
    /// unknown key, a missing field, a bad number, an unknown type) when given.
    static func generated(count: Int, faultEvery: Int? = nil, tail: String = "") -> String {
        var out = "# Generated for the reader tests\nformat: mineral-graph/1\nname: Generated\nyear: 2023\n"
        out += "description: |-\n  Several\n  lines\n\nnodes:\n"
        let countries = ["COD", "CHN", "Côte d'Ivoire", "Indonesia", "FIN"]
        for i in 0..<count {
            out += "  - id: n\(i)\n    kind: \(i % 3 == 0 ? "mine" : "processor")\n    country: \"\(countries[i % countries.count])\"\n"
            if i % 3 == 0 {
                out += "    outputs:\n      - mineral: cobalt\n        contained_tonnes: \(i * 7 % 1000).25\n"
                if i % 2 == 0 { out += "        value_usd: {value: \(i * 100), uncertainty: 20%}\n" }
            }
            out += "\n"
        }
        out += "flows:\n"
        for i in 0..<count {
            let faulty = faultEvery.map { i % $0 == 0 } ?? false
            out += "  - from: n\(i)\n    to: n\((i + 1) % count)\n"
            if !(faulty && i % 2 == 0) { out += "    mineral: cobalt\n" }
            out += "    contained_tonnes: \(faulty ? "12,5" : "\(Double(i) * 1.5)")\n"
            out += "    value_usd:\n      value: \(i * 3)\n      range: [\(i * 2), \(i * 4)]\n"
            if faulty { out += "    weight: 3\n    type: gift\n" }
            if i % 5 == 0 { out += "    notes: \"flow \(i): \\\"quoted\\\", é\"\n" }
            out += "\n"
        }
        return out + tail
    }

    static func read(
        _ text: String, fast: Bool, pipeline: DecodingPipeline.Use?, twoPartsFrom: Int? = nil
    ) -> Result<GraphDocument, DiagnosticError> {
        var reader = GraphFileReader()
        reader.triesBlockComposer = fast
        reader.pipeline = pipeline
        reader.twoPartsFrom = twoPartsFrom
        return Result { () throws(DiagnosticError) in try reader.read(text: text, file: "g.yaml") }
    }

    /// Both ways of reading a text: fast or not, and in which pipeline.
    static func read(_ text: String, path: Path) -> Result<GraphDocument, DiagnosticError> {
        read(text, fast: path.fast, pipeline: path.pipeline, twoPartsFrom: path.twoPartsFrom)
    }

    typealias Path = (name: String, fast: Bool, pipeline: DecodingPipeline.Use?, twoPartsFrom: Int?)

    static let paths: [Path] = [
        ("block composer, one thread", true, nil, nil),
        ("block composer, flows in two parts side by side", true, nil, 0),
        ("block composer, pipeline of batches of 3", true, DecodingPipeline.Use(minimumBytes: 0, batchSize: 3), nil),
        ("libyaml, pipeline of batches of 1", false, DecodingPipeline.Use(minimumBytes: 0, batchSize: 1), nil),
        ("libyaml, pipeline of batches of 64", false, DecodingPipeline.Use(minimumBytes: 0, batchSize: 64), nil),
    ]

    /// Every location of every element and field the writer can write, with its layout.
    static func layouts(_ document: GraphDocument) -> [String] {
        let graph = document.graph, map = document.sourceMap
        var locations: [GraphLocation] = [.graph(field: nil)] + GraphKey.allCases.map { .graph(field: $0.rawValue) }
        for i in graph.nodes.indices {
            locations += [.node(index: i, field: nil)] + NodeKey.allCases.map { .node(i, $0) }
            for j in graph.nodes[i].outputs.indices {
                locations += [.output(node: i, index: j, field: nil)] + OutputKey.allCases.map { .output(node: i, index: j, $0) }
            }
        }
        for i in graph.flows.indices { locations += [.flow(index: i, field: nil)] + FlowKey.allCases.map { .flow(i, $0) } }
        return locations.map { "\($0) \(map.layout(of: $0).map { "\($0)" } ?? "-") \(map.location(of: $0))" }
    }

    @Test func everyPathReadsALargeGraphAlike() throws {
        let text = Self.generated(count: 1500)
        let reference = try Self.read(text, fast: false, pipeline: nil).get()
        let layouts = Self.layouts(reference)
        #expect(reference.graph.flows.count == 1500 && reference.graph.nodes.count == 1500)
        for path in Self.paths {
            let document = try Self.read(text, path: path).get()
            #expect(document.graph == reference.graph, "\(path.name): another graph")
            #expect(Self.layouts(document) == layouts, "\(path.name): other source positions")
            #expect(document.headerComment == reference.headerComment)
        }
    }

    @Test func everyPathGivesTheSameDiagnosticsInTheSameOrder() throws {
        let text = Self.generated(count: 800, faultEvery: 7)
        guard case .failure(let reference) = Self.read(text, fast: false, pipeline: nil) else {
            Issue.record("the faulty graph read without errors")
            return
        }
        #expect(reference.diagnostics.count > 250)
        let rendered = DiagnosticRenderer(text: text).render(reference.diagnostics)
        for path in Self.paths {
            guard case .failure(let error) = Self.read(text, path: path) else {
                Issue.record("\(path.name): read without errors")
                continue
            }
            #expect(error.diagnostics == reference.diagnostics, "\(path.name): other diagnostics")
            #expect(DiagnosticRenderer(text: text).render(error.diagnostics) == rendered)
        }
    }

    @Test func aSyntaxErrorAfterManyItemsIsLibyamlsAlone() throws {
        // The block composer gives up at the end, after handing over every item; nothing it
        // decoded may stay, whichever the path.
        let text = Self.generated(count: 600, faultEvery: 9, tail: "other_countries: [unclosed\n")
        guard case .failure(let reference) = Self.read(text, fast: false, pipeline: nil) else {
            Issue.record("read without errors")
            return
        }
        #expect(reference.diagnostics.count == 1)
        #expect(reference.diagnostics.first?.code == DiagnosticCode.yamlSyntax.rawValue)
        for path in Self.paths {
            guard case .failure(let error) = Self.read(text, path: path) else {
                Issue.record("\(path.name): read without errors")
                continue
            }
            #expect(error.diagnostics == reference.diagnostics, "\(path.name)")
        }
    }

    @Test func aLargeGraphRoundTripsByteForByte() throws {
        let document = try Self.read(Self.generated(count: 3000), fast: false, pipeline: nil).get()
        let written = GraphFileWriter().write(document)
        for path in Self.paths {
            let again = try Self.read(written, path: path).get()
            #expect(again.graph == document.graph, "\(path.name)")
            #expect(GraphFileWriter().write(again) == written, "\(path.name): not byte-identical")
        }
        // The canonical form is in the block composer's subset.
        #expect(BlockYAMLComposer.compose(written, streaming: ["nodes", "flows"]) { _, _, _ in } != nil)
    }

    @Test func theSecondThreadIsOptIn() {
        #expect(DecodingPipeline.Use.automatic([:], cores: 2) == nil)
        #expect(DecodingPipeline.Use.automatic(["MINERAL_GRAPH_READER_THREADS": "1"], cores: 8) == nil)
        #expect(DecodingPipeline.Use.automatic(["MINERAL_GRAPH_READER_THREADS": "2"], cores: 1) == nil)
        #expect(DecodingPipeline.Use.automatic(["MINERAL_GRAPH_READER_THREADS": "2"], cores: 2)?.minimumBytes == 1 << 20)
    }

    @Test func plainDecimalsParseAsDoubleParsesThem() {
        let texts = ["0", "-0", "+7", "129", "1032000", "0.1", "-4.25", "123456789012345", "99999999999999.9", "0.00000000000001",
                     "3.14159265358979", "007", "1.10"]
        for text in texts {
            #expect(Decoding.plainDecimal(text) == Double(text), "\(text)")
            #expect(Decoding.plainDecimal(text)?.sign == Double(text)?.sign, "\(text)")
        }
        var generator = LCG(state: 7)
        for _ in 0..<20000 {
            let digits = Int.random(in: 1...15, using: &generator)
            let point = Int.random(in: 0...digits, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            for d in 0..<digits {
                if d == point && d > 0 { text += "." }
                text += String(Int.random(in: 0...9, using: &generator))
            }
            #expect(Decoding.plainDecimal(text) == Double(text), "\(text)")
        }
        // Outside the fast path: parseNumber decides as before.
        for text in ["26.46583776472534", "211726.70211780272", "1234567890123456789012", "0.000000000000001"] {
            #expect(Decoding.plainDecimal(text) == Double(text), "\(text)")
        }
        for text in ["1e5", "1_000", ".5", "5.", "+", "-", "1.2.3", "0x10", "", "12345678901234567.-"] {
            #expect(Decoding.plainDecimal(text) == nil, "\(text)")
        }
    }
}
