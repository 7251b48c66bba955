import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// Edits change the lines they target and leave every other byte of the file as it was:
/// comments, key order, quoting, flow-style items, blank lines.
@Suite("Editing graph text in place")
struct GraphTextEditingTests {
    static let commented: String = (try? EditTesting.fixture("commented.yaml")) ?? ""

    func edited(_ edits: String...) throws -> String {
        try EditTesting.apply(edits, to: Self.commented)
    }

    // MARK: Setting and scaling

    @Test func settingAScalarReplacesOnlyItsCharactersAndKeepsTheComment() throws {
        let text = try edited("node[cod-kamoto].notes=Largest, by far")
        #expect(text == Self.commented.replacingOccurrences(of: "notes: Largest producer.", with: "notes: Largest, by far"))
    }

    @Test func scalingRewritesTheNumbersInPlainForm() throws {
        let text = try edited("node[cod-kamoto].output[cobalt]*=0.5")
        let expected = Self.commented
            .replacingOccurrences(of: "tonnes: 100000 ", with: "tonnes: 50000 ")
            .replacingOccurrences(of: "contained_tonnes: 30000 ", with: "contained_tonnes: 15000 ")
            .replacingOccurrences(of: "value_usd: 4.9e8", with: "value_usd: 245000000")
        #expect(text == expected)
    }

    @Test func valuesInFlowMappingsStayInTheirBraces() throws {
        let text = try edited("node[idn-hpal].name=HPAL, Weda Bay", "flow[idn-hpal->chn-refiners].contained_tonnes+=500",
                              "nodes[country=IDN].output[cobalt].contained_tonnes=9500")
        #expect(EditTesting.changes(Self.commented, text) == [
            "-  - {id: idn-hpal, name: \"Indonesian HPAL\", kind: mine, country: IDN, outputs: [{mineral: cobalt, contained_tonnes: 9000}]}",
            "+  - {id: idn-hpal, name: \"HPAL, Weda Bay\", kind: mine, country: IDN, outputs: [{mineral: cobalt, contained_tonnes: 9500}]}",
            "-  - {from: idn-hpal, to: chn-refiners, mineral: cobalt, contained_tonnes: 8000}",
            "+  - {from: idn-hpal, to: chn-refiners, mineral: cobalt, contained_tonnes: 8500}",
        ])
    }

    @Test func aChangedCountryIsWrittenAsItsCode() throws {
        let text = try edited("node[chn-refiners].country=Taiwan", "node[cod-kamoto].country=COD")
        #expect(EditTesting.changes(Self.commented, text) == ["-    country: CN", "+    country: TWN"],
                "the alias Congo (Kinshasa) already means COD: no change")
    }

    @Test func textIsQuotedOnlyWhereYAMLNeedsIt() throws {
        let text = try edited("flow[cod-kamoto->fin-kokkola].product=cobalt hydroxide",
                              "flow[cod-tenke->chn-refiners].notes=\"yes\"", "flow[chn-refiners->chn-market].notes=Note: 50 %")
        #expect(EditTesting.changes(Self.commented, text) == [
            "+    product: cobalt hydroxide",
            "+    notes: \"yes\"",
            "+    notes: \"Note: 50 %\"",
        ])
        let document = try EditTesting.document(text)
        #expect(document.graph.flows.map(\.notes) == ["Hydroxide, cif China.", nil, "yes", nil, "Note: 50 %"])
    }

    @Test func multiLineTextBecomesALiteralBlockWhereNothingFollowsIt() throws {
        let text = try edited("flow[cod-kamoto->chn-refiners].notes=\"Two\\nlines\"", "node[cod-kamoto].notes=\"Also\\ntwo\"")
        #expect(EditTesting.changes(Self.commented, text) == [
            "-    notes: Largest producer.     # keep this comment",
            "+    notes: \"Also\\ntwo\"     # keep this comment",
            "-    notes: \"Hydroxide, cif China.\"",
            "+    notes: |-",
            "+      Two",
            "+      lines",
        ])
        let graph = try EditTesting.document(text).graph
        #expect(graph.nodes[0].notes == "Also\ntwo" && graph.flows[0].notes == "Two\nlines")
    }

    // MARK: Inserting fields

    @Test func aNewFieldGoesAfterTheFieldBeforeItInCanonicalOrder() throws {
        let text = try edited(
            "node[fin-kokkola].name=Kokkola", "node[chn-refiners].capacity_tonnes=60000",
            "node[cod-tenke].water.aware_cf=0.56", "node[cod-kamoto].water.withdrawal_m3_per_t=120",
            "flow[cod-kamoto->fin-kokkola].value_usd=1e8")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func after(_ line: String) -> String? { lines.firstIndex(of: line).map { lines[$0 + 1] } }
        #expect(after("  - id: fin-kokkola") == "    name: Kokkola")
        #expect(after("        contained_tonnes: 55000") == "    capacity_tonnes: 60000")
        #expect(after("      - {mineral: cobalt, contained_tonnes: 20000}") == "    water:")
        #expect(after("    water:") == "      withdrawal_m3_per_t: 120", "the first water figure goes before aware_cf")
        #expect(after("      withdrawal_m3_per_t: 120") == "      aware_cf: 0.56             # WULCA AWARE 1.2c")
        #expect(after("    contained_tonnes: 3000") == "    value_usd: 100000000")
        #expect(EditTesting.changes(Self.commented, text).allSatisfy { $0.hasPrefix("+") }, "only insertions")
        #expect(EditTesting.changes(Self.commented, text).count == 6)
    }

    @Test func aNewFieldOfAFlowMappingGoesInsideItsBraces() throws {
        let text = try edited("node[idn-hpal].notes=Weda Bay, Obi", "flow[idn-hpal->chn-refiners].tonnes=30000")
        #expect(EditTesting.changes(Self.commented, text) == [
            "-  - {id: idn-hpal, name: \"Indonesian HPAL\", kind: mine, country: IDN, outputs: [{mineral: cobalt, contained_tonnes: 9000}]}",
            "+  - {id: idn-hpal, name: \"Indonesian HPAL\", kind: mine, country: IDN, outputs: [{mineral: cobalt, contained_tonnes: 9000}], notes: \"Weda Bay, Obi\"}",
            "-  - {from: idn-hpal, to: chn-refiners, mineral: cobalt, contained_tonnes: 8000}",
            "+  - {from: idn-hpal, to: chn-refiners, mineral: cobalt, tonnes: 30000, contained_tonnes: 8000}",
        ])
    }

    @Test func changingAKindToAWasteDestinationAddsItsFate() throws {
        let text = try edited("node[fin-kokkola].kind=waste/recycling")
        #expect(EditTesting.changes(Self.commented, text) == ["-    kind: processor", "+    kind: waste", "+    fate: recycling"])
        let back = try EditTesting.apply(["node[fin-kokkola].kind=processor"], to: text)
        #expect(back == Self.commented)
    }

    // MARK: Removing fields

    @Test func removingAFieldRemovesItsLines() throws {
        let text = try edited("flow[cod-kamoto->chn-refiners].notes=null", "node[cod-kamoto].water=null")
        #expect(EditTesting.changes(Self.commented, text) == [
            "-    water:",
            "-      aware_cf: 0.56             # WULCA AWARE 1.2c",
            "-    notes: \"Hydroxide, cif China.\"",
        ])
    }

    @Test func removingTheFirstFieldOfAnItemPullsTheNextOneUp() throws {
        let text = try edited("node[chn-refiners].name=null", "node[idn-hpal].name=~")
        #expect(EditTesting.changes(Self.commented, text) == [
            "-  - {id: idn-hpal, name: \"Indonesian HPAL\", kind: mine, country: IDN, outputs: [{mineral: cobalt, contained_tonnes: 9000}]}",
            "+  - {id: idn-hpal, kind: mine, country: IDN, outputs: [{mineral: cobalt, contained_tonnes: 9000}]}",
            "-  - name: Chinese refiners       # first key is not the id",
            "-    id: chn-refiners",
            "+  - id: chn-refiners",
        ])
    }

    // MARK: Removing and adding elements

    @Test func removingANodeRemovesItsLinesItsFlowsAndOneBlankSeparator() throws {
        let outcome = try EditTesting.outcome(["remove node[cod-tenke]"], Self.commented)
        let node = """

              - id: cod-tenke
                kind: mine
                country: COD
                outputs:
                  - {mineral: cobalt, contained_tonnes: 20000}
                # no water data for Tenke

            """
        let flow = """

              - from: cod-tenke           # all of Tenke
                to: chn-refiners
                mineral: cobalt
                contained_tonnes: 20000

            """
        #expect(outcome.text == Self.commented.replacingOccurrences(of: node, with: "").replacingOccurrences(of: flow, with: ""))
        #expect(EditTesting.changes(Self.commented, outcome.text).count == 12, "7 node lines, 4 flow lines, 2 blank lines")
        #expect(outcome.notes.map(\.description) == [
            "<edit 1>:1:8: note: removed node 'cod-tenke' and the 1 flow that started or ended there: cod-tenke->chn-refiners:cobalt",
        ])
        #expect(!outcome.text.contains("\n\n\n"), "no double blank line is left behind")
    }

    @Test func theCommentAboveAnItemGoesWithIt() throws {
        let text = try edited("remove node[chn-refiners]", "remove node[idn-hpal]")
        #expect(!text.contains("# --- refining ---"))
        #expect(text.contains("  # --- mining ---"))
        let document = try EditTesting.document(text)
        #expect(document.graph.nodes.map(\.id) == ["cod-kamoto", "cod-tenke", "fin-kokkola", "chn-market"])
        #expect(document.graph.flows.count == 1)
        #expect(text.contains("flows:\n  - from: cod-kamoto\n    to: fin-kokkola\n    mineral: cobalt\n    contained_tonnes: 3000\n"))
        #expect(!text.contains("\n\n\n"))
    }

    @Test func removingEveryItemLeavesAnEmptyList() throws {
        let text = try edited("remove flows[]")
        #expect(text.hasSuffix("  - id: chn-market\n    kind: consumer\n    country: CHN\n\nflows: []\n"))
        #expect(try EditTesting.document(text).graph.flows.isEmpty)
    }

    @Test func addedItemsFollowTheLastItemInTheListsStyle() throws {
        let text = try edited(
            "add node {id: mar-refinery, kind: processor, country: Morocco, outputs: [{mineral: Co, contained_tonnes: 5000}]}",
            "add flow {from: cod-tenke, to: mar-refinery, mineral: cobalt, contained_tonnes: 5000, notes: 'New: 2024'}")
        let node = """


              - id: mar-refinery
                kind: processor
                country: MAR
                outputs:
                  - mineral: cobalt
                    contained_tonnes: 5000

            flows:
            """
        #expect(text == Self.commented.replacingOccurrences(of: "\n\nflows:", with: node) + """

              - from: cod-tenke
                to: mar-refinery
                mineral: cobalt
                contained_tonnes: 5000
                notes: "New: 2024"

            """)
        #expect(text.hasPrefix(Self.commented.components(separatedBy: "\nflows:")[0]), "the nodes come before flows:")
        #expect(text.hasSuffix("    notes: \"New: 2024\"\n"))
    }

    @Test func removedAndAddedItemsTogether() throws {
        let text = try edited("remove flows[]", "add flow {from: cod-tenke, to: chn-market, mineral: cobalt}",
                              "remove node[chn-market]?", "add node {id: chn-market, kind: consumer, country: CHN}")
        let document = try EditTesting.document(text)
        #expect(document.graph.flows.isEmpty)
        #expect(document.graph.nodes.last?.id == "chn-market")
        #expect(text.hasSuffix("  - id: chn-market\n    kind: consumer\n    country: CHN\n\nflows: []\n"))
    }

    @Test func renamingChangesTheIdAndEveryFlowEnd() throws {
        let text = try edited("rename node[chn-refiners] chn-huayou")
        let changes = EditTesting.changes(Self.commented, text)
        #expect(changes.filter { $0.hasPrefix("-") } == [
            "-    id: chn-refiners", "-    to: chn-refiners", "-    to: chn-refiners",
            "-  - {from: idn-hpal, to: chn-refiners, mineral: cobalt, contained_tonnes: 8000}", "-  - from: chn-refiners",
        ])
        #expect(changes.filter { $0.hasPrefix("+") } == [
            "+    id: chn-huayou", "+    to: chn-huayou", "+    to: chn-huayou",
            "+  - {from: idn-hpal, to: chn-huayou, mineral: cobalt, contained_tonnes: 8000}", "+  - from: chn-huayou",
        ])
    }

    // MARK: Other layouts

    static let compact = """
        name: compact
        year: 2023
        nodes:
        - {id: a, kind: mine, country: COD, outputs: [{mineral: cobalt, contained_tonnes: 10}]}
        - {id: b, kind: processor, country: CHN, outputs: [{mineral: cobalt, contained_tonnes: 10}]}
        flows:
        - {from: a, to: b, mineral: cobalt, contained_tonnes: 10}

        """

    @Test func compactListsOfFlowMappingsGetFlowMappings() throws {
        let text = try EditTesting.apply([
            "add node {id: c, kind: consumer, country: USA}", "add flow {from: b, to: c, mineral: cobalt, contained_tonnes: 9}",
            "remove node[a]",
        ], to: Self.compact)
        #expect(text == """
            name: compact
            year: 2023
            nodes:
            - {id: b, kind: processor, country: CHN, outputs: [{mineral: cobalt, contained_tonnes: 10}]}
            - {id: c, kind: consumer, country: USA}
            flows:
            - {from: b, to: c, mineral: cobalt, contained_tonnes: 9}

            """)
    }

    @Test func anEmptyOrMissingListIsFilledInCanonicalForm() throws {
        let empty = "name: empty\nyear: 2023   # the year\nnodes: []   # none yet\n"
        let text = try EditTesting.apply(["add node {id: a, kind: processor, country: USA, outputs: [{mineral: cobalt}]}", "add node {id: b, kind: consumer, country: CAN}",
                                          "add flow {from: a, to: b, mineral: cobalt}"], to: empty)
        #expect(text == """
            name: empty
            year: 2023   # the year
            nodes:   # none yet
              - id: a
                kind: processor
                country: USA
                outputs:
                  - mineral: cobalt

              - id: b
                kind: consumer
                country: CAN

            flows:
              - from: a
                to: b
                mineral: cobalt

            """)
    }

    @Test func flowStyleListsGetFlowItems() throws {
        let text = "name: f\nyear: 2023\nnodes: [{id: a, kind: mine, country: COD, outputs: [{mineral: cobalt}]}, {id: b, kind: consumer, country: CHN}, {id: c, kind: consumer, country: USA}]\n"
        #expect(try EditTesting.apply(["remove node[b]"], to: text)
            == "name: f\nyear: 2023\nnodes: [{id: a, kind: mine, country: COD, outputs: [{mineral: cobalt}]}, {id: c, kind: consumer, country: USA}]\n")
        #expect(try EditTesting.apply(["remove nodes[kind=consumer]", "add node {id: d, name: 'D, Inc.', kind: consumer, country: USA}"], to: text)
            == "name: f\nyear: 2023\nnodes: [{id: a, kind: mine, country: COD, outputs: [{mineral: cobalt}]}, {id: d, name: \"D, Inc.\", kind: consumer, country: USA}]\n")
        #expect(try EditTesting.apply(["remove nodes[]"], to: text) == "name: f\nyear: 2023\nnodes: []\n")
    }

    @Test func anEmptyValueIsFilledAfterItsColon() throws {
        let text = "name: e\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: COD\n    notes:   # to do\n    source: ~\n"
        #expect(try EditTesting.apply(["node[a].notes=done", "node[a].source=usgs"], to: text)
            == "name: e\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: COD\n    notes: done   # to do\n    source: usgs\n")
    }

    @Test func valuesOverSeveralLinesAreReplacedOrRemovedWhole() throws {
        let text = """
            name: m
            year: 2023
            nodes:
              - id: a
                kind: consumer
                country: USA
                name: a plain scalar
                  folded over two lines
                notes: |-
                  A literal block

                  with a blank line.
                source: "a quoted scalar \
                  over two lines"   # trailing comment
              - id: b
                kind: consumer
                country: CAN

            """
        let replaced = try EditTesting.apply(["node[a].name=A", "node[a].notes=B", "node[a].source=C"], to: text)
        #expect(replaced == """
            name: m
            year: 2023
            nodes:
              - id: a
                kind: consumer
                country: USA
                name: A
                notes: B
                source: C   # trailing comment
              - id: b
                kind: consumer
                country: CAN

            """)
        let removed = try EditTesting.apply(["node[a].name=null", "node[a].notes=null", "node[a].source=null"], to: text)
        #expect(removed == "name: m\nyear: 2023\nnodes:\n  - id: a\n    kind: consumer\n    country: USA\n  - id: b\n    kind: consumer\n    country: CAN\n")
        let block = try EditTesting.apply(["node[a].name=\"one\\ntwo\""], to: text)
        #expect(try EditTesting.document(block).graph.nodes[0].name == "one\ntwo")
        #expect(block.contains("    name: |-\n      one\n      two\n    notes: |-\n"))
    }

    @Test func anEmptyCollectionIsFilledInPlace() throws {
        let text = "name: w\nyear: 2023\nnodes:\n  - id: a\n    kind: consumer\n    country: USA\n    water: {}   # none\n"
        #expect(try EditTesting.apply(["node[a].water.aware_cf=0.5"], to: text)
            == "name: w\nyear: 2023\nnodes:\n  - id: a\n    kind: consumer\n    country: USA\n    water: {aware_cf: 0.5}   # none\n")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = "name: u\nyear: 2023\nnodes:\n  - {id: a, name: \"Kokkola — Umicore ≈ 13 kt\", kind: consumer, country: FIN, notes: é}\n"
        #expect(try EditTesting.apply(["node[a].notes=è", "node[a].country=Sweden"], to: text)
            == "name: u\nyear: 2023\nnodes:\n  - {id: a, name: \"Kokkola — Umicore ≈ 13 kt\", kind: consumer, country: SWE, notes: è}\n")
    }

    @Test func crlfFilesKeepTheirLineBreaks() throws {
        let crlf = Self.commented.replacingOccurrences(of: "\n", with: "\r\n")
        let text = try EditTesting.apply(["node[cod-tenke].water.aware_cf=0.56", "remove node[idn-hpal]", "add node {id: x, kind: consumer, country: USA}"], to: crlf)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line break is CRLF")
        let lf = try edited("node[cod-tenke].water.aware_cf=0.56", "remove node[idn-hpal]", "add node {id: x, kind: consumer, country: USA}")
        #expect(text == lf.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func aFileWithoutAFinalLineBreakKeepsItsLastLine() throws {
        let text = "name: n\nyear: 2023\nnodes:\n  - id: a\n    kind: consumer\n    country: USA"
        #expect(try EditTesting.apply(["node[a].notes=x"], to: text) == text + "\n    notes: x")
        #expect(try EditTesting.apply(["add node {id: b, kind: consumer, country: CAN}"], to: text)
            == text + "\n\n  - id: b\n    kind: consumer\n    country: CAN")
    }

    @Test func itemsAtTheListKeysIndentation() throws {
        let text = "name: n\nyear: 2023\nnodes:\n- id: a\n  kind: consumer\n  country: USA\nflows: []\n"
        #expect(try EditTesting.apply(["add node {id: b, kind: mine, country: COD, outputs: [{mineral: cobalt}]}"], to: text)
            == "name: n\nyear: 2023\nnodes:\n- id: a\n  kind: consumer\n  country: USA\n\n- id: b\n  kind: mine\n  country: COD\n  outputs:\n    - mineral: cobalt\nflows: []\n")
        #expect(try EditTesting.apply(["node[a].capacity_tonnes=5"], to: text)
            == "name: n\nyear: 2023\nnodes:\n- id: a\n  kind: consumer\n  country: USA\n  capacity_tonnes: 5\nflows: []\n")
    }

    // MARK: Consistency with the writer

    @Test(arguments: ["cobalt-2023.yaml", "lithium-2023.yaml", "ewaste-2022.yaml"])
    func newElementsAreWrittenAsTheCanonicalWriterWritesThem(_ name: String) throws {
        let path = TestPaths.graphs.appendingPathComponent(name).path
        let graph = try GraphFileReader().read(contentsOf: path).graph
        let written = GraphFileWriter().write(graph)
        let nodes = graph.nodes.map { YAMLValue.itemLines(.mapping(GraphFields.node($0)), dashIndent: 2).joined(separator: "\n") }
        let flows = graph.flows.map { YAMLValue.itemLines(.mapping(GraphFields.flow($0)), dashIndent: 2).joined(separator: "\n") }
        #expect(written.contains("\nnodes:\n" + nodes.joined(separator: "\n\n") + "\n\nflows:\n" + flows.joined(separator: "\n\n") + "\n"))
    }

    @Test func editingEveryNodeOfAnExampleAndBackGivesTheSameBytes() throws {
        let path = TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let renamed = try EditTesting.apply(["rename node[chn-refiners] x", "nodes[].notes=n"], to: text)
        #expect(renamed != text)
        let graph = try EditTesting.document(text).graph
        let restore = ["rename node[x] chn-refiners"] + graph.nodes.map { node in
            "node[\(node.id)].notes=" + (node.notes.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" } ?? "null")
        }
        #expect(try EditTesting.apply(restore, to: renamed) == text)
    }
}
