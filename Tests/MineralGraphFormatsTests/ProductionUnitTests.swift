import MineralGraphCore
import Testing

@testable import MineralGraphFormats

@Suite("Production table units")
struct ProductionUnitTests {
    static func unit(_ text: String, _ mineral: MineralID) throws -> ProductionUnit {
        try ProductionUnit.parse(text, mineral: MineralCatalog.info(mineral)).get()
    }

    static func refusal(_ text: String, _ mineral: MineralID) -> ProductionUnit.ParseError? {
        if case .failure(let error) = ProductionUnit.parse(text, mineral: MineralCatalog.info(mineral)) { return error }
        return nil
    }

    static let li2O = QuantityBasis.compound(Compound.named("Li2O")!)
    static let reo = QuantityBasis.compound(Compound.named("REO")!)

    @Test(arguments: [
        ("t", 1.0), ("metr. t", 1), ("tonnes", 1), ("metric tons", 1), ("Metric Tonnes", 1), ("kt", 1_000),
        ("thousand metric tons", 1_000), ("Mt", 1_000_000), ("million tonnes", 1_000_000), ("kg", 0.001),
        ("kilograms", 0.001), ("thousand kilograms", 1), ("g", 0.000001), ("ct", 0.0000002), ("Mio t", 1_000_000),
    ])
    func scalesWithoutABasis(text: String, tonnes: Double) throws {
        let unit = try Self.unit(text, "cobalt")
        #expect(unit.tonnesPerUnit == tonnes)
        #expect(unit.basis == nil)
    }

    @Test func basesAfterTheScale() throws {
        #expect(try Self.unit("t Co", "cobalt").basis == .element)
        #expect(try Self.unit("t Co content", "cobalt").basis == .element)
        #expect(try Self.unit("metric tons, cobalt content", "cobalt").basis == .element)
        let copper = try Self.unit("kt Cu (refined copper)", "copper")
        #expect(copper.basis == .element && copper.tonnesPerUnit == 1_000 && copper.symbol == "kt")
        #expect(try Self.unit("kg Ga content", "gallium").basis == .element)
        #expect(try Self.unit("kg Ga content", "gallium").tonnesPerUnit == 0.001)
        #expect(try Self.unit("t REO equivalent", "rare-earths").basis == Self.reo)
        #expect(try Self.unit("t rare-earth oxide equivalent", "rare-earths").basis == Self.reo)
        #expect(try Self.unit("t natural graphite (gross weight)", "graphite").basis == .gross)
        #expect(try Self.unit("t natural graphite", "graphite").basis == nil)
        #expect(try Self.unit("t Li2O", "lithium").basis == Self.li2O)
        #expect(try Self.unit("t LCE", "lithium").basis == .compound(Compound.named("LCE")!))
        #expect(try Self.unit("t lithium carbonate equivalent", "lithium").basis == .compound(Compound.named("LCE")!))
        #expect(try Self.unit("t Li", "lithium").basis == .element)
        #expect(try Self.unit("t Ta2O5 content", "tantalum").basis == .compound(Compound.named("Ta2O5")!))
        #expect(try Self.unit("t (gross weight)", "cobalt").basis == .gross)
        #expect(try Self.unit("t concentrate", "tungsten").basis == .gross)
        #expect(try Self.unit("t (metal content)", "nickel").basis == .element)
        #expect(try Self.unit("t Ni (mine production)", "nickel").basis == .element)
        #expect(try Self.unit("t Co content", "cobalt").qualifier == "Co content")
    }

    @Test func ambiguousUnitsAreRefusedWithTheReason() throws {
        for text in ["mt", "MT", "mt Co", "tons", "ton", "short tons", "long tons", "oz"] {
            let error = try #require(Self.refusal(text, "cobalt"), "\(text) should be refused")
            #expect(error.message.contains(text))
            #expect(error.message.contains("ambiguous") || error.message.contains("not metric"), "\(text): \(error.message)")
        }
        #expect(Self.refusal("mt", "cobalt")!.message.contains("megatonnes"))
        #expect(Self.refusal("short tons", "cobalt")!.message.contains("0.90718474 t"))
        // "Mt" is a megatonne; "troy oz" and "oz t" are troy ounces.
        #expect(try Self.unit("Mt", "copper").tonnesPerUnit == 1e6)
        #expect(try Self.unit("troy oz", "gold").tonnesPerUnit == 31.1034768e-6)
    }

    @Test func basesAMineralCannotHaveAreErrors() {
        #expect(Self.refusal("t Li2O", "cobalt")?.message == "unit 't Li2O': Li₂O is a compound of Li, not of cobalt")
        #expect(Self.refusal("t Cu", "cobalt")?.message.contains("is in Cu (copper), not cobalt") == true)
        #expect(Self.refusal("t REO", "cobalt")?.message.contains("REO is not a basis of cobalt") == true)
        #expect(Self.refusal("t content", "rare-earths")?.message.contains("no single element") == true)
        #expect(Self.refusal("t copper content", "cobalt")?.message.contains("names copper") == true)
        #expect(Self.refusal("t Co (gross weight)", "cobalt")?.message.contains("two bases") == true)
        #expect(Self.refusal("t Co banana", "cobalt")?.message.contains("'banana' is not a basis") == true)
        #expect(Self.refusal("furlongs", "cobalt")?.message == "unknown unit 'furlongs'")
    }

    @Test func volumesAreReadButAreNotTonnes() throws {
        let gas = try Self.unit("Mio m3", "cobalt")
        #expect(gas.measure == .volume(cubicMetresPerUnit: 1e6) && gas.tonnesPerUnit == nil)
    }

    @Test func markedFigures() {
        typealias V = ProductionTableVocabulary
        #expect(V.quantity("170,000e") == (.value(170_000), .estimated))
        #expect(V.quantity("e170,000") == (.value(170_000), .estimated))
        #expect(V.quantity("3,900 r") == (.value(3_900), .revised))
        #expect(V.quantity("12(p)") == (.value(12), .preliminary))
        #expect(V.quantity("1e5") == (.value(100_000), nil))
        #expect(V.quantity("W") == (.withheld, nil))
        #expect(V.quantity("--") == (.value(0), nil))
        #expect(V.quantity("–") == (.value(0), nil))
        #expect(V.quantity("") == (.blank, nil))
        #expect(V.quantity("nan") == (.blank, nil))
        #expect(V.quantity("ee") == (.invalid, nil))
    }

    @Test func yearHeaders() {
        typealias V = ProductionTableVocabulary
        #expect(V.yearHeader("2018") == .init(year: 2018, stage: nil, marker: nil, unit: nil))
        #expect(V.yearHeader("2024e") == .init(year: 2024, stage: nil, marker: .estimated, unit: nil))
        #expect(V.yearHeader("Mine production 2023") == .init(year: 2023, stage: .mining, marker: nil, unit: nil))
        #expect(V.yearHeader("Refinery production 2024e (kt Cu (refined copper))")
                == .init(year: 2024, stage: .processing, marker: .estimated, unit: "kt Cu (refined copper)"))
        #expect(V.yearHeader("Reserves") == nil)
        #expect(V.yearHeader("Reserves 2023") == nil)
    }

    @Test func mineralNamesWithTheirBasis() throws {
        #expect(MineralNames.resolve("Lithium_(Li2O)")?.info.id == "lithium")
        #expect(MineralNames.resolve("Lithium_(Li2O)")?.basis == Self.li2O)
        #expect(MineralNames.resolve("Rare Earths (REO)")?.basis == Self.reo)
        #expect(MineralNames.resolve("Tungsten (W)")?.basis == .element)
        #expect(MineralNames.resolve("Titanium (TiO2)")?.basis == .compound(Compound.named("TiO2")!))
        #expect(MineralNames.resolve("Cobalt")?.basis == nil)
        #expect(MineralNames.resolve("Cobalt (banana)") == nil)
        // Words in parentheses that name no basis leave the whole name to the catalogue.
        #expect(MineralNames.resolve("Graphite (natural)")?.info.id == "graphite")
        #expect(MineralNames.resolve("Graphite (natural)")?.basis == nil)
    }
}
