import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// The edit language: every verb, selector and field form, and errors that point at the
/// offending column.
@Suite("Edit parser")
struct EditParserTests {
    static func edit(_ text: String) throws -> GraphEdit {
        try EditParser().parse(text).edit
    }

    /// The error of an edit that must not parse.
    static func error(_ text: String) -> EditSyntaxError? {
        do {
            _ = try EditParser().parse(text)
            Issue.record("'\(text)' parsed")
            return nil
        } catch {
            return error
        }
    }

    // MARK: Verbs

    @Test func setScaleAndIncrease() throws {
        #expect(try Self.edit("node[cod-mines].notes=Revised to 175,000 t")
            == .changeNodes(.id("cod-mines"), .notes, .set(.text("Revised to 175,000 t"))))
        #expect(try Self.edit("nodes[country=COD,kind=mine].output*=0.5")
            == .changeNodes(NodeSelector(conditions: [.country(["COD"]), .kind(["mine"])]), .output(nil, nil), .scale(by: 0.5)))
        #expect(try Self.edit("flow[a->b:cobalt].contained_tonnes+=-5_000")
            == .changeFlows(.between("a", "b", mineral: "cobalt"), .containedTonnes, .increase(by: -5000)))
        #expect(try Self.edit("  node[x].capacity_tonnes = 1.5e5  ") == .changeNodes(.id("x"), .capacityTonnes, .set(.number(150_000))))
        #expect(try Self.edit("node[x].name=null") == .changeNodes(.id("x"), .name, .set(.null)))
        #expect(try Self.edit("node[x].name=~") == .changeNodes(.id("x"), .name, .set(.null)))
        #expect(try Self.edit("node[x].name=\"null\"") == .changeNodes(.id("x"), .name, .set(.text("null"))))
        #expect(try Self.edit("node[x].name=' padded '") == .changeNodes(.id("x"), .name, .set(.text(" padded "))))
        #expect(try Self.edit("node[x].notes=\"say \\\"hi\\\"\\nthen go\"") == .changeNodes(.id("x"), .notes, .set(.text("say \"hi\"\nthen go"))))
    }

    @Test func addRemoveRename() throws {
        #expect(try Self.edit("add node {id: mar, kind: processor, country: Morocco, outputs: [{mineral: Co, contained_tonnes: 5000}]}")
            == .addNode(Node(id: "mar", kind: .processor, country: "MAR", outputs: [Output(mineral: "cobalt", containedTonnes: 5000)])))
        #expect(try Self.edit("add flow {from: a, to: b, mineral: cobalt, contained_tonnes: 10, type: waste}")
            == .addFlow(Flow(from: "a", to: "b", mineral: "cobalt", containedTonnes: 10, type: .waste)))
        #expect(try Self.edit("remove node[a]") == .removeNodes(.id("a")))
        #expect(try Self.edit("remove flows[from.country=IDN,mineral=nickel]")
            == .removeFlows(FlowSelector(conditions: [.from(.country(["IDN"])), .mineral(["nickel"])])))
        #expect(try Self.edit("rename node[fin-kokkola] fin-umicore") == .renameNode("fin-kokkola", to: "fin-umicore"))
        #expect(try Self.edit("rename node[a] \"b c\"") == .renameNode("a", to: "b c"))
    }

    // MARK: Selectors

    @Test func filtersResolveAliasesAndListAlternatives() throws {
        #expect(try Self.edit("nodes[country=Congo (Kinshasa)|CD|Democratic Republic of the Congo].notes=x")
            == .changeNodes(NodeSelector(conditions: [.country(["COD", "COD", "COD"])]), .notes, .set(.text("x"))))
        #expect(try Self.edit("nodes[country=\"Korea, Republic of\"].notes=x")
            == .changeNodes(NodeSelector(conditions: [.country(["KOR"])]), .notes, .set(.text("x"))))
        #expect(try Self.edit("nodes[ mineral = Co | rare earths , stage=mining ].notes=x")
            == .changeNodes(NodeSelector(conditions: [.mineral(["cobalt", "rare-earths"]), .stage([.mining])]), .notes, .set(.text("x"))))
        #expect(try Self.edit("nodes[kind=waste/landfill,fate=informal,id=a|b].notes=x")
            == .changeNodes(NodeSelector(conditions: [.kind(["waste/landfill"]), .fate([.informal]), .id(["a", "b"])]), .notes, .set(.text("x"))))
        #expect(try Self.edit("flows[from=a,to.country=CHN,type=waste,product=ore].notes=x")
            == .changeFlows(FlowSelector(conditions: [.from(.id(["a"])), .to(.country(["CHN"])), .type([.waste]), .product(["ore"])]), .notes, .set(.text("x"))))
        #expect(try Self.edit("nodes[].notes=x") == .changeNodes(NodeSelector(conditions: []), .notes, .set(.text("x"))))
    }

    @Test func filtersCanBeNegated() throws {
        #expect(try Self.edit("remove flows[from.country=IDN,to.country!=IDN,mineral=nickel]")
            == .removeFlows(FlowSelector(conditions: [.from(.country(["IDN"])), .to(.not(.country(["IDN"]))), .mineral(["nickel"])])))
        #expect(try Self.edit("remove flows[type!=product|waste,from!=a]")
            == .removeFlows(FlowSelector(conditions: [.not(.type([.product, .waste])), .from(.not(.id(["a"])))])))
        #expect(try Self.edit("nodes[kind!=mine,country!=CD].notes=x")
            == .changeNodes(NodeSelector(conditions: [.not(.kind(["mine"])), .not(.country(["COD"]))]), .notes, .set(.text("x"))))
        let selector = FlowSelector(conditions: [.from(.country(["IDN"])), .to(.not(.country(["IDN"]))), .not(.mineral(["cobalt"])), .from(.not(.id(["a"])))])
        #expect(selector.description == "flows[from.country=IDN,to.country!=IDN,mineral!=cobalt,from!=a]")
        #expect(try Self.edit("remove \(selector)") == .removeFlows(selector), "descriptions read back")
    }

    @Test func flowEndsMayHoldHyphensAndQuotes() throws {
        #expect(try Self.edit("flow[cod-mines->chn-refiners].notes=x") == .changeFlows(.between("cod-mines", "chn-refiners"), .notes, .set(.text("x"))))
        #expect(try Self.edit("flow[\"a:b\"->'c]d':copper].notes=x") == .changeFlows(.between("a:b", "c]d", mineral: "copper"), .notes, .set(.text("x"))))
    }

    @Test func aQuestionMarkLetsASelectorMatchNothing() throws {
        #expect(try Self.edit("node[x]?.notes=y") == .changeNodes(.id("x", allowsEmpty: true), .notes, .set(.text("y"))))
        #expect(try Self.edit("remove flows[mineral=lithium]?") == .removeFlows(FlowSelector(conditions: [.mineral(["lithium"])], allowsEmpty: true)))
    }

    // MARK: Fields and values

    @Test func fieldPathsAndTypedValues() throws {
        #expect(try Self.edit("node[x].water.aware_cf=1.2") == .changeNodes(.id("x"), .water(.awareFactor), .set(.number(1.2))))
        #expect(try Self.edit("node[x].water=null") == .changeNodes(.id("x"), .water(nil), .set(.null)))
        #expect(try Self.edit("node[x].output[Co].value_usd*=1.1") == .changeNodes(.id("x"), .output("cobalt", .valueUSD), .scale(by: 1.1)))
        #expect(try Self.edit("node[x].output[lithium]*=2") == .changeNodes(.id("x"), .output("lithium", nil), .scale(by: 2)))
        #expect(try Self.edit("node[x].output[cobalt].product=cobalt hydroxide") == .changeNodes(.id("x"), .output("cobalt", .product), .set(.text("cobalt hydroxide"))))
        #expect(try Self.edit("node[x].country=Burma") == .changeNodes(.id("x"), .country, .set(.country("MMR"))))
        #expect(try Self.edit("node[x].kind=waste/recycling") == .changeNodes(.id("x"), .kind, .set(.kind("waste", fate: .recycling))))
        #expect(try Self.edit("node[x].kind=mine") == .changeNodes(.id("x"), .kind, .set(.kind("mine", fate: nil))))
        #expect(try Self.edit("node[x].fate=incineration") == .changeNodes(.id("x"), .fate, .set(.fate(.incineration))))
        #expect(try Self.edit("flow[a->b].mineral=Li") == .changeFlows(.between("a", "b"), .mineral, .set(.mineral("lithium"))))
        #expect(try Self.edit("flow[a->b].type=recovered-fraction") == .changeFlows(.between("a", "b"), .type, .set(.flowType(.recoveredFraction))))
        #expect(try Self.edit("flow[a->b].quantity*=0") == .changeFlows(.between("a", "b"), .quantity, .scale(by: 0)))
        #expect(try Self.edit("flow[a->b].to=c") == .changeFlows(.between("a", "b"), .to, .set(.text("c"))))
    }

    @Test func partsKeepTheirColumns() throws {
        let parsed = try EditParser().parse("  nodes[country=COD].capacity_tonnes *= 2")
        #expect((parsed.selectorColumn, parsed.fieldColumn, parsed.valueColumn) == (3, 22, 41))
        let added = try EditParser().parse("add flow {from: a, to: b, mineral: cobalt}")
        #expect((added.fieldColumn, added.valueColumn) == (5, 10))
    }

    // MARK: Errors

    @Test(arguments: [
        ("", 1, "empty edit"),
        ("nod[x].notes=y", 1, "expected a selector or add, remove, rename; found 'nod'"),
        ("node(x).notes=y", 5, "expected '[' after 'node'"),
        ("node[x.notes=y", 15, "expected ']' after the node id"),
        ("node[x]notes=y", 8, "expected '.' and a field after the selector, e.g. node[x].notes=..."),
        ("node[x].ouput*=2", 9, "unknown node field 'ouput'"),
        ("node[x].outputs*=2", 9, "unknown node field 'outputs'"),
        ("node[x].id=y", 9, "a node's id is changed with rename, which also updates its flows"),
        ("node[x].water.aware=1", 15, "unknown water field 'aware'"),
        ("node[x].output[cobalt].contained=1", 24, "unknown output field 'contained'"),
        ("node[x].output[cobolt].tonnes=1", 16, "unknown mineral 'cobolt'"),
        ("node[x].notes y", 15, "expected '=', '*=' or '+=' after 'notes'"),
        ("node[x].notes=", 15, "expected a value after the operator"),
        ("node[x].notes*=2", 14, "only quantities can be scaled; 'notes' is not one"),
        ("node[x].output+=2", 15, "'output' stands for several quantities and can only be scaled (*=)"),
        ("flow[a->b].quantity=2", 12, "'quantity' stands for several quantities and can only be scaled (*=)"),
        ("node[x].capacity_tonnes=170,000", 25, "expected a number for 'capacity_tonnes', found '170,000'"),
        ("node[x].capacity_tonnes=\"5\"", 25, "expected a number for 'capacity_tonnes', found text in quotes"),
        ("node[x].capacity_tonnes*=.inf", 26, "expected a finite number for 'capacity_tonnes'"),
        ("node[x].country=Narnia", 17, "unknown country 'Narnia'"),
        ("node[x].kind=refinery", 14, "unknown node kind 'refinery'"),
        ("node[x].kind=waste/burning", 14, "unknown node kind 'waste/burning'"),
        ("node[x].water=5", 15, "'water' can only be removed (water=null); set one figure with water.FIELD"),
        ("nodes[contry=COD].notes=x", 7, "unknown node filter 'contry'"),
        ("nodes[country COD].notes=x", 15, "expected '=' or '!=' after 'country'"),
        ("nodes[country=CDO].notes=x", 15, "unknown country 'CDO'"),
        ("nodes[country=COD,kind=mine", 28, "expected ']' or ',' after a filter"),
        ("flows[from.contry=COD].notes=x", 7, "unknown flow filter 'from.contry'"),
        ("flow[a-b].notes=x", 9, "expected '->' between the two node ids: flow[FROM->TO]"),
        ("flow[a->b:cobalt].tons=1", 19, "unknown flow field 'tons'"),
        ("remove node[a] now", 16, "unexpected text after the selector: 'now'"),
        ("rename nodes[kind=mine] x", 8, "rename takes one node: rename node[OLD_ID] NEW_ID"),
        ("rename node[a]", 15, "expected the new id after the selector"),
        ("rename node[a]? b", 8, "rename takes one node: rename node[OLD_ID] NEW_ID"),
        ("add nodes {id: a}", 5, "expected 'add node {...}' or 'add flow {...}'"),
        ("add node id: a", 10, "expected the new node as a mapping in braces: add node {id: ..., kind: ..., country: ...}"),
        ("add node {id: a, kind: refinery, country: MAR}", 24, "unknown node kind 'refinery'"),
        ("add flow {from: a, to: b}", 10, "a flow needs 'mineral'"),
        ("add node {id: a, kind: mine, country: MAR", 42, "YAML syntax: did not find expected ',' or '}'"),
        ("node[x].notes=\"open", 15, "the quote opened here is not closed"),
        ("node[x].notes=\"a\" b", 19, "unexpected text after the quoted value"),
        ("node[x].notes=\"\\q\"", 16, "unknown escape '\\q'"),
    ])
    func errorsPointAtTheirColumn(_ text: String, _ column: Int, _ message: String) {
        let error = Self.error(text)
        #expect(error?.message == message, "\(text)")
        #expect(error?.column == column, "\(text): \(error?.message ?? "")")
    }

    @Test func errorsSuggestTheClosestName() {
        #expect(Self.error("node[x].ouput*=2")?.notes.first == "did you mean 'output'?")
        #expect(Self.error("nodes[contry=COD].notes=x")?.notes.first == "did you mean 'country'?")
        #expect(Self.error("nodes[country=CDO].notes=x")?.notes.first?.hasPrefix("closest matches: COD (DR Congo)") == true)
        #expect(Self.error("node[x].output[cobolt].tonnes=1")?.notes == ["did you mean 'cobalt'?"])
        #expect(Self.error("flow[a->b].valeu_usd=1")?.notes.first == "did you mean 'value_usd'?")
        #expect(Self.error("node[x].capacity_tonnes=170,000")?.notes == ["write numbers without thousands separators: 170000 or 170_000"])
    }
}
