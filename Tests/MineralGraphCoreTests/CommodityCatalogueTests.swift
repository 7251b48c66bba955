import Foundation
import MineralGraphTestSupport
import Testing

@testable import MineralGraphCore

@Suite("Commodity catalogue (Resources/commodities.csv)")
struct CommodityCatalogueTests {
    static let resource = TestPaths.file("Sources/MineralGraphCore/Resources/commodities.csv")

    // MARK: The shipped file

    @Test func everyRowOfTheShippedFileParsesIntoTheCatalogue() throws {
        let text = try String(contentsOf: Self.resource, encoding: .utf8)
        let parsed = try CommodityTable.parse(text, file: "commodities.csv")
        let dataRows = try CSVText.records(in: text).count - 1
        #expect(parsed.count == dataRows)
        #expect(parsed == MineralCatalog.all, "the catalogue is the file, row for row")
    }

    @Test func atLeastSeventyCommodities() {
        #expect(MineralCatalog.all.count >= 70)
    }

    /// Graphs and reports depend on these ids, names and reference bases.
    @Test(arguments: [
        ("aluminium", "Aluminium", "element", "element"), ("antimony", "Antimony", "element", "element"),
        ("cobalt", "Cobalt", "element", "element"), ("copper", "Copper", "element", "element"),
        ("e-waste", "E-waste (WEEE)", "gross", "gross"), ("gallium", "Gallium", "element", "element"),
        ("germanium", "Germanium", "element", "element"), ("gold", "Gold", "element", "element"),
        ("graphite", "Graphite", "gross", "gross"), ("lithium", "Lithium", "LCE", ""),
        ("manganese", "Manganese", "element", "element"), ("nickel", "Nickel", "element", "element"),
        ("palladium", "Palladium", "element", "element"), ("platinum", "Platinum", "element", "element"),
        ("rare-earths", "Rare earths", "REO", "REO"), ("silicon", "Silicon", "element", "element"),
        ("silver", "Silver", "element", "element"), ("tantalum", "Tantalum", "element", "element"),
        ("tin", "Tin", "element", "element"), ("titanium", "Titanium", "TiO2", "TiO2"),
        ("tungsten", "Tungsten", "element", "element"), ("vanadium", "Vanadium", "element", "element"),
        ("zinc", "Zinc", "element", "element"),
    ])
    func theOriginalTwentyThreeKeepTheirIdsNamesAndBases(_ id: String, _ name: String, _ reference: String, _ bare: String) throws {
        let info = try #require(MineralCatalog.info(MineralID(id)))
        #expect(info.name == name)
        #expect(info.referenceBasis.code == reference)
        #expect((info.bareTonnesBasis?.code ?? "") == bare)
    }

    @Test func basesAreConsistent() {
        for info in MineralCatalog.all {
            #expect(info.bases.contains(info.referenceBasis), "\(info.id)")
            if let bare = info.bareTonnesBasis { #expect(info.bases.contains(bare), "\(info.id)") }
            for basis in info.bases {
                switch basis {
                case .gross: break
                case .element: #expect(info.element != nil, "\(info.id): element basis without an element")
                case .compound(let compound):
                    #expect(compound.element == nil || compound.element == info.element, "\(info.id): \(compound.code)")
                }
            }
            #expect(!info.sources.isEmpty, "\(info.id) names no source")
        }
    }

    @Test func keysAreUniqueAcrossCommodities() {
        var owner: [String: MineralID] = [:]
        for info in MineralCatalog.all {
            for key in MineralCatalog.keys(of: info) {
                #expect(owner[key] == nil || owner[key] == info.id, "'\(key)' names \(owner[key]!) and \(info.id)")
                owner[key] = info.id
                #expect(MineralCatalog.resolve(key)?.id == info.id, "'\(key)'")
            }
        }
    }

    // MARK: Ores are not their metals

    @Test(arguments: [
        ("bauxite", "aluminium"), ("bauxite", "alumina"), ("alumina", "aluminium"), ("iron", "steel"), ("iron", "pig-iron"),
        ("magnesite", "magnesium"), ("zircon", "zirconium"), ("phosphate-rock", "phosphorus"), ("coking-coal", "steam-coal"),
        ("lignite", "steam-coal"), ("titanium", "titanium-metal"), ("diamonds-gem", "diamonds-industrial"),
        ("oil-sands", "petroleum"), ("natural-gas", "petroleum"),
    ])
    func separateCommodities(_ a: String, _ b: String) throws {
        let first = try #require(MineralCatalog.info(MineralID(a)))
        let second = try #require(MineralCatalog.info(MineralID(b)))
        #expect(first != second)
        for key in MineralCatalog.keys(of: first) { #expect(MineralCatalog.resolve(key)?.id == first.id, "'\(key)'") }
        for key in MineralCatalog.keys(of: second) { #expect(MineralCatalog.resolve(key)?.id == second.id, "'\(key)'") }
    }

    @Test func bauxiteIsNotAluminium() {
        #expect(MineralCatalog.resolve("Bauxite")?.id == "bauxite")
        #expect(MineralCatalog.resolve("Aluminium")?.id == "aluminium")
        #expect(MineralCatalog.resolve("Aluminum")?.id == "aluminium")
        #expect(MineralCatalog.info("bauxite")?.referenceBasis == .gross)
        #expect(MineralCatalog.info("aluminium")?.referenceBasis == .element)
        #expect(!(MineralCatalog.info("aluminium")?.aliases.contains { $0.lowercased() == "bauxite" } ?? true))
    }

    // MARK: Sources

    /// The 34 critical raw materials of the EU 2023 list in the list's own words, and the
    /// members of its groups the catalogue has as entries.
    @Test(arguments: [
        "antimony", "arsenic", "bauxite", "alumina", "aluminium", "baryte", "beryllium", "bismuth", "boron", "borates",
        "cobalt", "coking coal", "copper", "feldspar", "fluorspar", "gallium", "germanium", "hafnium", "helium",
        "heavy rare earth elements", "light rare earth elements", "lithium", "magnesium", "manganese", "natural graphite",
        "nickel", "niobium", "phosphate rock", "phosphorus", "platinum group metals", "scandium", "silicon metal",
        "strontium", "tantalum", "titanium metal", "tungsten", "vanadium",
        "platinum", "palladium", "rhodium", "ruthenium", "iridium", "yttrium",
    ])
    func euCriticalRawMaterials2023(_ name: String) throws {
        let info = try #require(MineralCatalog.resolve(name), "'\(name)'")
        #expect(info.sources.contains(.euCritical2023), "\(info.id)")
    }

    @Test(arguments: [
        "lead", "chromium", "molybdenum", "selenium", "indium", "tellurium", "rhenium", "cadmium", "tin", "zinc",
        "silver", "gold", "aggregates", "bentonite", "diatomite", "gypsum", "kaolin clay", "limestone", "magnesite",
        "perlite", "potash", "silica sand", "sulphur", "talc", "zirconium", "titanium",
    ])
    func euAssessedNotCritical2023(_ name: String) throws {
        let info = try #require(MineralCatalog.resolve(name), "'\(name)'")
        #expect(info.sources.contains(.euAssessed2023), "\(info.id)")
        #expect(!info.sources.contains(.euCritical2023), "\(info.id)")
    }

    /// The chapter titles of the USGS Mineral Commodity Summaries 2025.
    @Test(arguments: [
        "Abrasives (manufactured)", "Aluminum", "Antimony", "Arsenic", "Asbestos", "Barite", "Bauxite", "Alumina",
        "Beryllium", "Bismuth", "Boron", "Bromine", "Cadmium", "Cement", "Cesium", "Chromium", "Clays", "Cobalt",
        "Copper", "Diamond (industrial)", "Diatomite", "Feldspar and nepheline syenite", "Fluorspar", "Gallium",
        "Garnet (industrial)", "Gemstones", "Germanium", "Gold", "Graphite (natural)", "Gypsum", "Hafnium", "Helium",
        "Indium", "Iodine", "Iron and steel", "Iron and steel scrap", "Iron and steel slag", "Iron ore",
        "Iron oxide pigments", "Kyanite and related materials", "Lead", "Lime", "Lithium", "Magnesium compounds",
        "Magnesium metal", "Manganese", "Mercury", "Mica (natural)", "Molybdenum", "Nickel", "Niobium",
        "Nitrogen (fixed)—ammonia", "Peat", "Perlite", "Phosphate rock", "Platinum-group metals", "Potash",
        "Pumice and pumicite", "Quartz crystal (industrial)", "Rare earths", "Rhenium", "Rubidium", "Salt",
        "Sand and gravel (construction)", "Sand and gravel (industrial)", "Scandium", "Selenium", "Silicon", "Silver",
        "Soda ash", "Stone (crushed)", "Stone (dimension)", "Strontium", "Sulfur", "Talc and pyrophyllite", "Tantalum",
        "Tellurium", "Thallium", "Thorium", "Tin", "Titanium mineral concentrates", "Titanium metal", "Tungsten",
        "Vanadium", "Vermiculite", "Wollastonite", "Yttrium", "Zeolites (natural)", "Zinc", "Zircon", "Zirconium",
    ])
    func usgsMineralCommoditySummaries(_ title: String) throws {
        let info = try #require(MineralCatalog.resolve(title), "'\(title)'")
        #expect(info.sources.contains(.usgsMCS), "\(info.id)")
    }

    // MARK: Names with a basis in parentheses

    @Test(arguments: [
        ("Lithium (Li2O)", "lithium", "Li2O"), ("Rare Earths (REO)", "rare-earths", "REO"), ("Iron (Fe)", "iron", "element"),
        ("Beryllium (conc.)", "beryllium", "gross"), ("Tungsten (W)", "tungsten", "element"), ("Vanadium (V)", "vanadium", "element"),
        ("Chromium (Cr2O3)", "chromium", "Cr2O3"), ("Niobium (Nb2O5)", "niobium", "Nb2O5"), ("Tantalum (Ta2O5)", "tantalum", "Ta2O5"),
        ("Titanium (TiO2)", "titanium", "TiO2"), ("Uranium (U3O8)", "uranium", "U3O8"), ("Phosphate Rock (P2O5)", "phosphate-rock", "P2O5"),
        ("Potash (K2O)", "potash", "K2O"), ("Nickel (Ni)", "nickel", "element"), ("Lithium (LCE)", "lithium", "LCE"),
        ("lithium (li2o)", "lithium", "Li2O"), ("Lithium (Li₂O)", "lithium", "Li2O"), ("Cobalt (content)", "cobalt", "element"),
        ("Manganese (ore)", "manganese", "gross"), ("  Rare  Earths ( REO ) ", "rare-earths", "REO"),
    ])
    func resolvesTheBasisInParentheses(_ text: String, _ id: String, _ basis: String) throws {
        let (info, found) = try #require(MineralCatalog.resolveWithBasis(text), "'\(text)'")
        #expect(info.id.rawValue == id)
        #expect(found?.code == basis)
        #expect(MineralCatalog.resolve(text)?.id.rawValue == id)
    }

    @Test(arguments: [
        ("Diamonds (Gem)", "diamonds-gem"), ("Diamonds (Ind)", "diamonds-industrial"), ("Salt (rock, brines, marine)", "salt"),
        ("Kaolin (China-Clay)", "kaolin"), ("Oil Sands (part of Petroleum)", "oil-sands"), ("Graphite (natural)", "graphite"),
        ("Sulfur (elementar & industrial)", "sulfur"), ("Lithium", "lithium"), ("Cobalt", "cobalt"), ("Co", "cobalt"),
    ])
    func namesWithoutABasisHaveNone(_ text: String, _ id: String) throws {
        let (info, basis) = try #require(MineralCatalog.resolveWithBasis(text), "'\(text)'")
        #expect(info.id.rawValue == id)
        #expect(basis == nil)
    }

    @Test(arguments: ["Cobalt (Li2O)", "Lithium (Cr2O3)", "Rare earths (element)", "Cobalt (refined)", "Unobtainium (REO)", "(REO)", "Lithium ()"])
    func parenthesesThatAreNotABasisOfTheCommodityDoNotResolve(_ text: String) {
        #expect(MineralCatalog.resolveWithBasis(text) == nil, "'\(text)'")
        #expect(MineralCatalog.resolve(text) == nil, "'\(text)'")
    }

    @Test func suggestionsIgnoreTheParenthetical() {
        #expect(MineralCatalog.suggestions(for: "Lithum (Li2O)").first == "lithium")
        #expect(MineralCatalog.suggestions(for: "bauxit").first == "bauxite")
        #expect(MineralCatalog.suggestions(for: "molybdenium").first == "molybdenum")
        #expect(MineralCatalog.suggestions(for: "qqqqqqqqqqqqqqqqqqqq").isEmpty)
    }

    // MARK: World Mining Data, as published

    @Test(.enabled(if: SharedData.worldMiningDataPresent, SharedData.skipReason))
    func everyWorldMiningDataTableNameResolvesWithAKnownBasis() throws {
        let tables = try SharedData.productionTables()
        #expect(tables.count >= 60)
        for (name, _) in tables {
            guard let (info, basis) = MineralCatalog.resolveWithBasis(name) else {
                Issue.record("World Mining Data table '\(name)' does not resolve; closest: \(MineralCatalog.suggestions(for: name))")
                continue
            }
            #expect(info.sources.contains(.worldMiningData), "\(name) → \(info.id) does not list wmd as a source")
            // The importer needs a basis for the table's plain tonnes: from the name, or the entry's.
            #expect(basis ?? info.bareTonnesBasis != nil, "\(name) → \(info.id): no basis from the name and none for plain tonnes")
        }
        let ids = tables.compactMap { MineralCatalog.resolve($0.name)?.id }
        #expect(Set(ids).count == ids.count, "two World Mining Data tables resolve to one commodity")
    }

    @Test(.enabled(if: SharedData.worldMiningDataPresent, SharedData.skipReason))
    func everySheetOfWorldMiningDatasHSCodeMapResolves() throws {
        let map = try SharedData.table(SharedData.worldMiningData.appendingPathComponent("HS_Code_Map.csv"))
        #expect(map.rows.count >= 60)
        for row in map.rows {
            let sheet = try #require(row["Sheet_name"])
            #expect(MineralCatalog.resolve(sheet) != nil, "'\(sheet)'")
        }
    }

    @Test(.enabled(if: SharedData.worldMiningDataPresent, SharedData.skipReason))
    func everyCommodityListedAsWorldMiningDataHasATable() throws {
        let tables = Set(try SharedData.productionTables().compactMap { MineralCatalog.resolve($0.name)?.id })
        for info in MineralCatalog.all where info.sources.contains(.worldMiningData) {
            #expect(tables.contains(info.id), "\(info.id) claims World Mining Data but no table resolves to it")
        }
    }

    // MARK: Compounds added for the catalogue

    /// Published mass fractions: As in As₂O₃ 75.74 %, Sc in Sc₂O₃ 65.20 %, Y in Y₂O₃ 78.74 %.
    @Test(arguments: [("As2O3", 0.7574), ("Sc2O3", 0.6520), ("Y2O3", 0.7874)])
    func newCompoundFractions(_ code: String, _ fraction: Double) throws {
        let compound = try #require(Compound.named(code))
        let computed = try #require(compound.elementFraction)
        #expect(abs(computed - fraction) < 1e-4, "\(code): \(computed)")
    }

    @Test func compoundsStayInCodeOrder() {
        #expect(Compound.all.map(\.code) == Compound.all.map(\.code).sorted())
    }
}

@Suite("Commodity catalogue loader")
struct CommodityTableTests {
    static let header = "id,name,element,reference_basis,bases,bare_tonnes_basis,aliases,sources,notes\n"

    static func parse(_ rows: String) throws(CommodityTableError) -> [MineralInfo] {
        try CommodityTable.parse(header + rows, file: "test.csv")
    }

    @Test func parsesQuotedFieldsAliasesAndOptionalColumns() throws {
        let infos = try Self.parse(
            #"lithium,Lithium,Li,LCE,element|Li2O|LCE|gross,,"Li|Lithium (Li2O)",usgs-mcs|wmd,"Plain tonnes, ""ambiguous""""# + "\n"
                + #"salt,Salt,,gross,gross,gross,"Salt (rock, brines, marine)",wmd,"# + "\n\n")
        #expect(infos.count == 2)
        let lithium = infos[0]
        #expect(lithium.id == "lithium" && lithium.element == "Li")
        #expect(lithium.bases == [.element, .compound(Compound.named("Li2O")!), .compound(Compound.named("LCE")!), .gross])
        #expect(lithium.bareTonnesBasis == nil)
        #expect(lithium.aliases == ["Li", "Lithium (Li2O)"])
        #expect(lithium.sources == [.usgsMCS, .worldMiningData])
        #expect(lithium.note == "Plain tonnes, \"ambiguous\"")
        #expect(infos[1].aliases == ["Salt (rock, brines, marine)"])
        #expect(infos[1].element == nil && infos[1].note == nil)
    }

    @Test func columnsMayComeInAnyOrder() throws {
        let infos = try CommodityTable.parse("name,id,sources,notes,aliases,bare_tonnes_basis,bases,reference_basis,element\nCobalt,cobalt,wmd,,Co,element,element|gross,element,Co\n", file: "t.csv")
        #expect(infos.first?.id == "cobalt" && infos.first?.aliases == ["Co"])
    }

    @Test(arguments: [
        ("cobalt,Cobalt,Co,element,element|Co3O4,element,,wmd,\n", 2, "unknown basis 'Co3O4' in column bases"),
        ("cobalt,Cobalt,Co,element,element,element,,wmd\n", 2, "8 fields, expected 9"),
        ("cobalt,Cobalt,Co,LCE,element|LCE,element,,wmd,\n", 2, "basis 'LCE' in column bases is a compound of Li, not of Co"),
        ("cobalt,Cobalt,Co,gross,element,element,,wmd,\n", 2, "reference basis 'gross' is not among its bases"),
        ("cobalt,Cobalt,Co,element,element,gross,,wmd,\n", 2, "bare tonnes basis 'gross' is not among its bases"),
        ("cobalt,Cobalt,Co,element,element,element,,usgs,\n", 2, "unknown source 'usgs'"),
        ("cobalt,Cobalt,Cx,element,element,element,,wmd,\n", 2, "'Cx' is not a chemical element symbol"),
        ("Cobalt,Cobalt,Co,element,element,element,,wmd,\n", 2, "id 'Cobalt' is not lower case"),
        ("cobalt,,Co,element,element,element,,wmd,\n", 2, "row 'cobalt': empty name"),
        ("salt,Salt,,element,element,element,,wmd,\n", 2, "basis 'element' in column bases needs an element symbol"),
        ("cobalt,Cobalt,Co,element,element,element,Co||c,wmd,\n", 2, "an empty alias"),
        ("cobalt,Cobalt,Co,element,element,element,,,\n", 2, "row 'cobalt': no sources"),
        ("cobalt,Cobalt,Co,element,,element,,wmd,\n", 2, "row 'cobalt': no bases"),
        ("cobalt,Cobalt,Co,element,element|element,element,,wmd,\n", 2, "basis 'element' listed twice"),
        ("cobalt,Cobalt,Co,element,element,element,,wmd,\ncobalt,Cobalt 2,Co,element,element,element,,wmd,\n", 3, "id defined twice"),
        ("cobalt,Cobalt,Co,element,element,element,Co,wmd,\ncopper,Copper,Cu,element,element,element,CO,wmd,\n", 3, "'co' already names 'cobalt' (line 2)"),
        ("cobalt,Cobalt,Co,element,element,element,\"Co,wmd,\n", 2, "a quoted field is not closed"),
    ])
    func malformedRowsAreErrorsNamingTheRow(_ rows: String, _ line: Int, _ message: String) {
        #expect {
            _ = try Self.parse(rows)
        } throws: { error in
            guard let error = error as? CommodityTableError else { return false }
            return error.file == "test.csv" && error.line == line && error.message.contains(message)
                && error.description.hasPrefix("test.csv:\(line): ")
        }
    }

    @Test func headerProblems() {
        #expect(throws: CommodityTableError(file: "t.csv", line: 1, message: "the file is empty; expected the header " + CommodityTable.columns.joined(separator: ","))) {
            try CommodityTable.parse("", file: "t.csv")
        }
        #expect { try CommodityTable.parse("id,name\n", file: "t.csv") } throws: { ($0 as? CommodityTableError)?.message.contains("no 'element' column") == true }
        #expect { try CommodityTable.parse(String(Self.header.dropLast()) + ",grade\n", file: "t.csv") } throws: { ($0 as? CommodityTableError)?.message.contains("unknown column 'grade'") == true }
    }
}

@Suite("CSV records")
struct CSVRecordTests {
    @Test func quotesCommasLineBreaksAndBOM() throws {
        let records = try CSVText.records(in: "\u{FEFF}a,\"b, c\",\"d \"\"e\"\"\"\r\n\n\"multi\nline\",x,\r\nlast,,\"\"")
        #expect(records == [
            CSVText.Record(line: 1, fields: ["a", "b, c", "d \"e\""]),
            CSVText.Record(line: 3, fields: ["multi\nline", "x", ""]),
            CSVText.Record(line: 5, fields: ["last", "", ""]),
        ])
    }

    @Test(arguments: [("a,b\"c\n", 1, "a quote inside an unquoted field"), ("a\n\"b\"c,d\n", 2, "text after the closing quote"), ("a\n\"open,\n", 2, "not closed")])
    func syntaxErrors(_ text: String, _ line: Int, _ message: String) {
        #expect { try CSVText.records(in: text) } throws: { error in
            guard let error = error as? CSVText.SyntaxError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }
}
