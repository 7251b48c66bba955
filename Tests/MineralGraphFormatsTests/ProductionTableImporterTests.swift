import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

@Suite("Production table import")
struct ProductionTableImporterTests {
    static func importing(_ text: String, file: String = "tables/cobalt-2023.csv", importer: ProductionTableImporter = .init()) throws(DiagnosticError) -> ProductionTableImport {
        try importer.read(bytes: Array(text.utf8), file: file)
    }

    static func errors(_ text: String, importer: ProductionTableImporter = .init()) -> [Diagnostic] {
        do {
            _ = try importing(text, importer: importer)
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    @Test func usgsStyleTableBecomesOneNodePerCountryAndStage() throws {
        let table = """
            mineral,stage,country,year,quantity,unit,source
            Cobalt,Mine production,Congo (Kinshasa),2023,"170,000",t,USGS MCS 2024 https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-cobalt.pdf
            cobalt,mine,Indonesia,2023,17000,t,USGS MCS 2024 https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-cobalt.pdf
            cobalt,extraction,United States,2023,W,t,USGS MCS 2024 https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-cobalt.pdf
            cobalt,mining,Other countries,2023,"13,000",t,USGS MCS 2024 https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-cobalt.pdf
            cobalt,mining,World total (rounded),2023,"200,000",t,USGS MCS 2024 https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-cobalt.pdf
            cobalt,refinery,CHN,2023,150,kt,Company reports
            cobalt,Smelter,FI,2023,12.9,kt,Company reports
            """
        let result = try Self.importing(table)
        let graph = result.graph
        #expect(graph.name == "cobalt-2023" && graph.year == 2023)
        #expect(graph.nodes.map(\.id) == ["cod-mining", "idn-mining", "usa-mining", "chn-processing", "fin-processing"])
        #expect(graph.nodes.map(\.kind) == [.mine, .mine, .mine, .processor, .processor])
        #expect(graph.nodes[0].outputs == [Output(mineral: "cobalt", containedTonnes: 170_000)])
        #expect(graph.nodes[2].outputs == [Output(mineral: "cobalt")]) // withheld: no quantity
        #expect(graph.nodes[2].notes == "Withheld in the source table: cobalt 2023.")
        #expect(graph.nodes[3].outputs[0].containedTonnes == 150_000) // kt → t
        #expect(abs(graph.nodes[4].outputs[0].containedTonnes! - 12_900) < 1e-9)
        #expect(graph.otherCountries == [OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 13_000, source: "usgs-mcs-2024")])
        #expect(graph.sources.map(\.id) == ["usgs-mcs-2024", "company-reports"])
        #expect(graph.sources[0].url == "https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-cobalt.pdf")
        #expect(graph.nodes[0].source == "usgs-mcs-2024")
        // Withheld figure: a warning at the quantity; the World total (200,000) is met within 2 %.
        #expect(result.warnings.map(\.code) == ["withheld"])
        #expect(result.warnings[0].location == SourceLocation(file: "tables/cobalt-2023.csv", line: 4, column: 38))
        #expect(result.headerComment.contains { $0.contains("Converted kt × 1,000 → t on lines 7–8") })
        #expect(result.headerComment.contains { $0.contains("USA cobalt mining 2023") })
        // The result is a valid graph.
        #expect(GraphValidator().run(on: graph).filter { $0.severity == .error }.isEmpty)
    }

    @Test func severalMineralsAndYearsGiveYearTaggedOutputs() throws {
        let table = """
            Mineral,Stage,Country,Year,Quantity
            nickel,mining,Australia,2022,61000
            nickel,mining,Australia,2023,86000
            graphite,mining,China,2023,1230000
            graphite,mining,Australia,2022,0
            """
        let graph = try Self.importing(table).graph
        #expect(graph.year == 2023)
        let aus = try #require(graph.node(id: "aus-mining"))
        #expect(aus.outputs == [
            Output(mineral: "graphite", year: 2022, containedTonnes: 0),
            Output(mineral: "nickel", year: 2022, containedTonnes: 61_000),
            Output(mineral: "nickel", year: 2023, containedTonnes: 86_000),
        ])
        #expect(graph.years == [2022, 2023])
    }

    @Test func lithiumStaysOnTheSourcesBasisAndPlainTonnesNeedOne() throws {
        let header = "mineral,stage,country,year,quantity,unit\n"
        let li = try Self.importing(header + "lithium,mining,Chile,2023,44000,t Li\n")
        #expect(li.graph.nodes[0].outputs[0] == Output(mineral: "lithium", containedTonnes: 44_000, basis: .element)) // not × 5.323
        #expect(li.headerComment.contains { $0.contains("- lithium: t Li, stated by the unit 't Li'; not converted: lithium's reference basis is t LCE (t Li × 5.3227 = t LCE") })
        let oxide = try Self.importing(header + "Lithium,mining,Chile,2023,44000,t Li2O\n").graph
        #expect(oxide.nodes[0].outputs[0].basis == .compound(Compound.named("Li2O")!))
        // A plain t for lithium is ambiguous: the error names the choices.
        let plain = Self.errors(header + "lithium,mining,Chile,2023,44000,t\nlithium,mining,Peru,2023,1,t\n")
        #expect(plain.map(\.code) == ["ambiguous-basis"])
        #expect(plain[0].notes[0].message.contains("t Li, t Li2O, t LCE") && plain[0].notes[0].message.contains("give the basis of plain tonnes: Li|Li2O|LCE"))
        #expect(plain[0].notes.last == "the same on 1 more row or column")
        // --basis, or the mineral's name, settles it.
        let option = try Self.importing(header + "lithium,mining,Chile,2023,44000,t\ncobalt,mining,Chile,2023,5,t\n", importer: .init(basis: "Li2O")).graph
        #expect(option.nodes[0].outputs.map(\.basis) == [nil, .compound(Compound.named("Li2O")!)]) // cobalt keeps t Co
        let named = try Self.importing(header + "Lithium (LCE),mining,Chile,2023,44000,metr. t\n").graph
        #expect(named.nodes[0].outputs[0] == Output(mineral: "lithium", containedTonnes: 44_000)) // LCE is the reference basis
        // A basis the mineral cannot have, and an ambiguous scale, are located errors.
        #expect(Self.errors(header + "cobalt,mining,Chile,2023,1,t Li2O\n").map(\.code) == ["unknown-unit"])
        #expect(Self.errors(header + "cobalt,mining,Chile,2023,1,mt\n")[0].message.contains("megatonnes"))
        #expect(Self.errors(header + "Lithium (Li2O),mining,Chile,2023,1,t LCE\n").map(\.code) == ["basis-conflict"])
        #expect(Self.errors(header + "cobalt,mining,Chile,2023,1,t\n", importer: .init(basis: "REO")).map(\.code) == ["unknown-basis"])
    }

    @Test func unitsConvertToTonnes() throws {
        let table = "mineral,stage,country,year,quantity,unit\ngallium,refinery,China,2023,750000,kg\ncopper,mine,Chile,2023,5.25,Mt\ncobalt,mine,Cuba,2023,3.5,kt Co\n"
        let graph = try Self.importing(table).graph
        #expect(graph.node(id: "chn-processing")?.outputs[0].containedTonnes == 750)
        #expect(graph.node(id: "chl-mining")?.outputs.map(\.containedTonnes) == [5_250_000])
        #expect(graph.node(id: "cub-mining")?.outputs[0].containedTonnes == 3_500)
        // The unit in the quantity column's header; a unit column that disagrees is an error.
        let header = try Self.importing("mineral,stage,country,year,quantity (kt)\ncobalt,mine,Cuba,2023,3.5\n").graph
        #expect(header.nodes[0].outputs[0].containedTonnes == 3_500)
        #expect(Self.errors("mineral,stage,country,year,quantity (kt),unit\ncobalt,mine,Cuba,2023,3.5,kg\n").map(\.code) == ["unit-conflict"])
    }

    @Test func blankIsWithheldButZeroAndDashesAreZero() throws {
        let table = "mineral,stage,country,year,quantity\ncobalt,mining,Brazil,2023,\ncobalt,mining,Cuba,2023,--\ncobalt,mining,Peru,2023,0\ncobalt,mining,Chile,2023,—\n"
        let graph = try Self.importing(table).graph
        #expect(graph.nodes.map(\.outputs[0].containedTonnes) == [nil, 0, 0, 0])
    }

    @Test func unknownCountryNamesTheClosestMatchesAtItsColumn() {
        let errors = Self.errors("mineral,stage,country,year,quantity\ncobalt,mining,Congo (Kinshasha),2023,5\n")
        #expect(errors.count == 1)
        #expect(errors[0].code == "unknown-country")
        #expect(errors[0].location == SourceLocation(file: "tables/cobalt-2023.csv", line: 2, column: 15))
        #expect(errors[0].notes[0].message.hasPrefix("closest matches: COD (DR Congo)"))
    }

    @Test func everyBadCellIsReported() throws {
        let table = """
            mineral,stage,country,year,quantity
            coballt,mining,China,2023,5
            cobalt,dumping,China,2023,5
            cobalt,mining,China,twenty,5
            cobalt,mining,Chile,2023,five
            cobalt,mining,Peru,2023,-3
            cobalt,mining,Cuba,2023,"1,23,4"
            cobalt,mining,Cuba,2023,1,extra
            """
        do {
            _ = try Self.importing(table)
            Issue.record("expected errors")
        } catch {
            let errors = error.diagnostics.filter { $0.severity == .error }
            #expect(errors.map(\.code) == ["unknown-mineral", "unknown-stage", "bad-year", "bad-quantity", "negative-quantity", "bad-quantity", "extra-fields"])
            #expect(errors.map { $0.location!.line } == [2, 3, 4, 5, 6, 7, 8])
            #expect(errors[0].notes == ["did you mean 'cobalt'?"])
            // Rendered like a compiler, with the line and a caret under the cell.
            let rendered = error.description
            #expect(rendered.contains("tables/cobalt-2023.csv:5:26: error: quantity 'five' is not a number\ncobalt,mining,Chile,2023,five\n                         ^\n"))
        }
    }

    @Test func headerProblems() {
        #expect(Self.errors("mineral,stage,country\ncobalt,mining,China\n").map(\.code) == ["missing-columns"])
        #expect(Self.errors("mineral,stage,country,quantity\ncobalt,mining,China,5\n").map(\.code) == ["missing-year"])
        #expect(Self.errors("mineral,stage,country,quantity,quantity,year\n").map(\.code) == ["duplicate-column"])
        #expect(Self.errors("").map(\.code) == ["empty-table"])
        #expect(Self.errors("MINERAL, Stage ,Country,Quantity,Year\n").map(\.code) == ["no-rows"])
    }

    @Test func yearCanComeFromTheImporterAndExtraColumnsAreIgnoredWithAWarning() throws {
        let result = try Self.importing("mineral,stage,country,quantity,notes\ncobalt,mining,China,5,estimated\n", importer: .init(graphName: "Named", defaultYear: 2021))
        #expect(result.graph.year == 2021 && result.graph.name == "Named")
        #expect(result.warnings.map(\.code) == ["ignored-column"])
    }

    @Test func duplicateRowsAreErrors() {
        let errors = Self.errors("mineral,stage,country,year,quantity\ncobalt,mining,China,2023,5\ncobalt,mine,CHN,2023,6\n")
        #expect(errors.map(\.code) == ["duplicate-row"])
        #expect(errors[0].notes.map(\.description) == ["tables/cobalt-2023.csv:2:1: first given here"])
    }

    @Test func worldTotalMismatchBeyondTwoPercentWarnsAndTheGapIsTheResidual() throws {
        let table = "mineral,stage,country,year,quantity\ncobalt,mining,China,2023,90\ncobalt,mining,Chile,2023,5\ncobalt,mining,Peru,2023,W\ncobalt,mining,World total,2023,100\n"
        let result = try Self.importing(table)
        let mismatch = try #require(result.warnings.first { $0.code == "world-total-mismatch" })
        #expect(mismatch.message == "the rows for cobalt mining 2023 sum to 95 t Co, 95 % of the World total 100 t Co")
        #expect(mismatch.notes[0] == "1 withheld figure is not in the sum")
        #expect(mismatch.location?.line == 5)
        // No 'Other countries' row: the 5 t gap (which holds Peru's withheld figure) is the residual.
        #expect(result.graph.otherCountries.map(\.containedTonnes) == [5])
        #expect(result.graph.otherCountries[0].notes == "Total 100 t Co (cobalt-2023.csv line 5) less the listed rows, 95 t Co; includes the 1 withheld figure, each at most the residual. The total is rounded to three significant digits: the residual is known to ± 0.5 t Co.")
        // A total rounded to three significant digits (100: ± 0.5 t) makes the residual a range,
        // and Peru's withheld figure is at most the residual and that rounding.
        #expect(result.graph.otherCountries[0].uncertainty == FigureUncertainties(containedTonnes: .range(low: 4.5, high: 5.5)))
        let peru = try #require(result.graph.nodes.first { $0.country == "PER" })
        #expect(peru.notes?.contains("Bounded by the world total less the listed rows: cobalt 2023 at most 5.5 t Co.") == true)
        #expect(ProductionTableReader.roundingHalfUnit(230_000) == 500 && ProductionTableReader.roundingHalfUnit(1_234) == 5)
        // 98 % is within the warning tolerance, but beyond the 0.5 % rounding of METHODS §1.4: a 2 t residual.
        let close = try Self.importing("mineral,stage,country,year,quantity\ncobalt,mining,China,2023,98\ncobalt,mining,World,2023,100\n")
        #expect(close.warnings.isEmpty)
        #expect(close.graph.nodes.count == 1 && close.graph.otherCountries.map(\.containedTonnes) == [2])
        // Within 0.5 %: rounding, no residual; an 'Other countries' row is never replaced.
        let rounded = try Self.importing("mineral,stage,country,year,quantity\ncobalt,mining,China,2023,996\ncobalt,mining,World,2023,1000\n")
        #expect(rounded.graph.otherCountries.isEmpty)
        #expect(rounded.headerComment.contains { $0.contains("1 total differs") })
        let listed = try Self.importing("mineral,stage,country,year,quantity\ncobalt,mining,China,2023,90\ncobalt,mining,Other countries,2023,5\ncobalt,mining,World,2023,100\n")
        #expect(listed.graph.otherCountries.map(\.containedTonnes) == [5])
    }

    @Test func byteOrderMarkAndCRLFFromSpreadsheets() throws {
        let graph = try Self.importing("\u{FEFF}Mineral,Stage,Country,Year,Quantity\r\ncobalt,mining,\"Korea, Republic of\",2023,10\r\n").graph
        #expect(graph.nodes.map(\.country) == ["KOR"])
    }

    @Test func syntaxErrorsArePositioned() {
        let errors = Self.errors("mineral,stage,country,year,quantity\ncobalt,mining,\"China,2023,5\n")
        #expect(errors.map(\.code) == ["csv-syntax"])
        #expect(errors[0].location == SourceLocation(file: "tables/cobalt-2023.csv", line: 2, column: 15))
    }

    @Test func importedGraphRoundTripsThroughTheWriter() throws {
        let result = try Self.importing("mineral,stage,country,year,quantity,source\ncobalt,mining,China,2023,5,\"A \"\"quoted\"\" source, with comma\"\n")
        let text = GraphFileWriter().write(result.graph, headerComment: result.headerComment)
        let back = try GraphFileReader().read(text: text, file: "x.yaml")
        #expect(back.graph == result.graph)
        #expect(back.headerComment == result.headerComment)
        #expect(result.graph.sources[0].title == "A \"quoted\" source, with comma")
    }

    // MARK: Wide layouts

    static let wmdGold = """
        Country,Country_Code,Country_ISO,2018,2019,2020,unit,data_source
        Cambodia,116,KHM,,,0.0,kg,r
        "Congo, D.R.",180,COD,"36,000",32000.0,40000,kg,e
        French Guiana,328,GUY,1320.0,1157.0,1058.0,kg,r
        Türkiye,792,TUR,24000,38000,42000,kg,p
        Total,DELETE,DELETE,61320,71157,83058,kg,nan
        """

    @Test func worldMiningDataTableIsReadAsPublished() throws {
        let result = try Self.importing(Self.wmdGold, file: "wmd/Gold.csv")
        let graph = result.graph
        #expect(graph.name == "Gold" && graph.year == 2020 && graph.years == [2018, 2019, 2020])
        #expect(graph.nodes.map(\.id) == ["cod-mining", "guf-mining", "khm-mining", "tur-mining"]) // stage mining by default
        let estimated = FigureUncertainties(containedTonnes: .estimated)
        #expect(graph.node(id: "cod-mining")?.outputs == [
            Output(mineral: "gold", year: 2018, containedTonnes: 36, uncertainty: estimated),
            Output(mineral: "gold", year: 2019, containedTonnes: 32, uncertainty: estimated),
            Output(mineral: "gold", year: 2020, containedTonnes: 40, uncertainty: estimated),
        ]) // kg → t; data_source e marks the figures as estimates (METHODS §11)
        #expect(graph.node(id: "tur-mining")?.outputs.allSatisfy { $0.uncertainty == nil } == true) // p is not an estimate
        #expect(graph.node(id: "khm-mining")?.outputs.map(\.containedTonnes) == [nil, nil, 0]) // blank: withheld by default
        #expect(graph.node(id: "cod-mining")?.notes == "Estimated (e) in the source table: gold 2018–2020.")
        #expect(graph.node(id: "tur-mining")?.notes == "Preliminary (p) in the source table: gold 2018–2020.")
        #expect(graph.otherCountries.isEmpty) // the Total equals the listed rows
        #expect(result.warnings.map(\.code) == ["withheld", "withheld", "country-code-mismatch"])
        #expect(result.warnings[2].message == "'French Guiana' is GUF (French Guiana), but the table's ISO code says GUY (Guyana); the name is used")
        let comment = result.headerComment.joined(separator: "\n")
        #expect(comment.contains("# Gold.csv: wide layout (World Mining Data), years as columns 2018–2020; mineral gold from the table's name 'Gold'; stage mining (World Mining Data tables are mine production unless a stage is given)."))
        #expect(comment.contains("# - gold: t Au, what plain tonnes of this mineral mean (catalogue); the reference basis."))
        #expect(comment.contains("# Converted kg × 0.001 → t on lines 2–6."))
        #expect(comment.contains("# World Mining Data data_source: 3 figures estimated (e), 3 figures preliminary (p)"))
        #expect(comment.contains("# Blank cells: 2, read as withheld."))
        // --blank zero, --stage and --year.
        let zero = try Self.importing(Self.wmdGold, file: "Gold.csv", importer: .init(defaultYear: 2019, stage: "refinery", blankCells: .zero))
        #expect(zero.graph.year == 2019 && zero.graph.nodes.map(\.id) == ["cod-processing", "guf-processing", "khm-processing", "tur-processing"])
        #expect(zero.graph.node(id: "khm-processing")?.outputs == [Output(mineral: "gold", containedTonnes: 0)])
        #expect(zero.headerComment.contains { $0.contains("years 2018, 2020 left out (only 2019 imported)") })
        #expect(Self.errors(Self.wmdGold, importer: .init(defaultYear: 2023)).map(\.code) == ["missing-year"])
    }

    @Test func theTableNameGivesTheMineralAndItsBasis() throws {
        let table = "Country,Country_Code,Country_ISO,2021,2022,unit,data_source\nAustralia,36,AUS,113600,149800,metr. t,r\nChile,152,CHL,\"52,000\",\"60,000\",metr. t,r\nTotal,DELETE,DELETE,180000,209800,metr. t,nan\n"
        let result = try Self.importing(table, file: "data/Lithium_(Li2O).csv")
        let li2O = QuantityBasis.compound(Compound.named("Li2O")!)
        #expect(result.graph.node(id: "aus-mining")?.outputs.map(\.basis) == [li2O, li2O])
        // The 2021 total is 14,400 t above the rows: the residual, on the same basis.
        #expect(result.graph.otherCountries == [OtherCountries(
            mineral: "lithium", stage: .mining, year: 2021, containedTonnes: 14_400, basis: li2O,
            notes: "Total 180,000 t Li₂O (Lithium_(Li2O).csv line 4) less the listed rows, 165,600 t Li₂O.")])
        #expect(result.headerComment.contains("# - lithium: t Li₂O, stated by the mineral's name 'Lithium (Li2O)'; not converted: lithium's reference basis is t LCE (t Li₂O × 2.4728 = t LCE, for passes that need it)."))
        // --mineral wins over the file name; a file name that is no mineral is an error with hints.
        let named = try Self.importing(table, file: "table.csv", importer: .init(mineral: "Lithium (LCE)"))
        #expect(named.graph.node(id: "aus-mining")?.outputs.map(\.basis) == [nil, nil])
        let unnamed = Self.errors(table)
        #expect(unnamed.map(\.code) == ["missing-mineral"])
        #expect(unnamed[0].message == "the table has no 'mineral' column and its name 'cobalt-2023' is not a mineral")
        // A written file round-trips with its bases.
        let text = GraphFileWriter().write(result.graph, headerComment: result.headerComment)
        #expect(text.contains("        basis: Li2O\n"))
        #expect(try GraphFileReader().read(text: text, file: "x.yaml").graph == result.graph)
    }

    @Test func wideTablesNeedAStageUnlessTheyAreWorldMiningData() throws {
        let table = "country,2023,2024e\nChile,5,6e\n"
        #expect(Self.errors(table, importer: .init(mineral: "copper")).map(\.code) == ["missing-stage"])
        let result = try Self.importing(table, importer: .init(mineral: "copper", stage: "mining"))
        #expect(result.graph.nodes[0].outputs.map(\.containedTonnes) == [5, 6])
        #expect(result.graph.nodes[0].notes == "Estimated (e) in the source table: copper 2024.")
        #expect(result.headerComment.contains("# Markers stripped from figures and year headers (kept in the nodes' notes): 1 estimated (e)."))
        #expect(Self.errors("country,quantity,2023\nChile,5,6\n", importer: .init(mineral: "copper")).map(\.code) == ["mixed-layout"])
        #expect(Self.errors("country,year,2023\nChile,2023,6\n", importer: .init(mineral: "copper")).map(\.code) == ["mixed-layout"])
        #expect(Self.errors(table, importer: .init(mineral: "copper", stage: "digging")).map(\.code) == ["unknown-stage"])
        #expect(Self.errors(table, importer: .init(mineral: "coper", stage: "mining"))[0].notes == ["did you mean 'copper'?"])
    }

    @Test func aVolumeIsNotTonnes() throws {
        let errors = Self.errors("country,2023,unit\nNorway,5,Mio m3\nQatar,6,Mio m3\n", importer: .init(mineral: "copper", stage: "mining"))
        #expect(errors.map(\.code) == ["volume-unit"])
        #expect(errors[0].location == SourceLocation(file: "tables/cobalt-2023.csv", line: 2, column: 10))
        #expect(errors[0].notes.last == "the same on 1 more row or column")
        // With a stated density (kg/m³) the volume is converted and the conversion recorded.
        let gas = try Self.importing("country,2023,unit\nNorway,5,Mio m3\n", importer: .init(mineral: "copper", stage: "mining", density: 0.8))
        #expect(gas.graph.nodes[0].outputs[0].containedTonnes == 4_000)
        #expect(gas.headerComment.contains("# Converted Mio m3 at 0.8 kg/m3 (the density given) × 800 → t on line 2."))
    }

    static func fixture(_ name: String) throws -> (path: String, bytes: [UInt8]) {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/production"))
        return (url.path, Array(try Data(contentsOf: url)))
    }

    @Test(arguments: ["usgs-mcs-mine-production.csv", "usgs-mcs-refinery-copper.csv", "usgs-mcs-refinery-gallium.csv"])
    func usgsStyleWideTablesImportWithNoRowRefused(name: String) throws {
        let table = try Self.fixture(name)
        let importer = ProductionTableImporter(mineral: name.contains("copper") ? "copper" : name.contains("gallium") ? "gallium" : nil)
        let result = try importer.read(bytes: table.bytes, file: name)
        #expect(result.warnings.allSatisfy { $0.code == "withheld" }, "\(result.warnings.map(\.message))")
        let csvRows = String(decoding: table.bytes, as: UTF8.self).split(separator: "\n").count - 1
        let totals = result.graph.nodes.flatMap(\.outputs).count + result.graph.otherCountries.count
        let worldRows = String(decoding: table.bytes, as: UTF8.self).components(separatedBy: "World total").count - 1
        #expect(totals == (csvRows - worldRows) * 2) // two year columns, every row kept
        #expect(GraphValidator().run(on: result.graph).filter { $0.severity == .error }.isEmpty)
    }

    /// An older table names a country that no longer exists: Serbia and Montenegro (ISO 3166-3
    /// `SCG`, 2003–2006).
    @Test func anOlderTableWithSerbiaAndMontenegro() throws {
        let table = try Self.fixture("usgs-myb-copper-mine-2004-2005.csv")
        let result = try ProductionTableImporter(mineral: "copper").read(bytes: table.bytes, file: "usgs-myb-copper-mine-2004-2005.csv")
        #expect(result.warnings.isEmpty)
        #expect(result.graph.nodes.map(\.country) == ["CHL", "PER", "SCG"] && result.graph.years == [2004, 2005])
        #expect(result.headerComment.contains("# Markers stripped from figures and year headers (kept in the nodes' notes): 1 estimated (e), 5 preliminary (p), 1 revised (r)."))
        #expect(GraphValidator().run(on: result.graph).filter { $0.severity == .error }.isEmpty)
    }

    @Test func usgsStyleSpellingsAndBases() throws {
        let table = try Self.fixture("usgs-mcs-mine-production.csv")
        let result = try ProductionTableImporter().read(bytes: table.bytes, file: "usgs-mcs-mine-production.csv")
        let graph = result.graph
        #expect(graph.node(id: "mmr-mining")?.outputs.first == Output(mineral: "rare-earths", year: 2023, containedTonnes: 43_000))
        #expect(graph.node(id: "cod-mining")?.outputs.first { $0.mineral == "tantalum" } == Output(mineral: "tantalum", year: 2023, containedTonnes: 980))
        #expect(graph.node(id: "eth-mining")?.outputs.map(\.containedTonnes) == [0, 0]) // "--" is zero
        #expect(graph.node(id: "aus-mining")?.outputs.first { $0.mineral == "lithium" }?.basis == .element) // t Li content, kept
        #expect(graph.node(id: "chn-mining")?.outputs.first { $0.mineral == "graphite" }?.basis == nil) // gross is graphite's reference
        #expect(graph.node(id: "nga-mining")?.notes == "Estimated (e) in the source table: rare-earths 2024; tantalum 2024.") // the 2024e column
        #expect(graph.otherCountries.first { $0.mineral == "lithium" && $0.year == 2023 }?.containedTonnes == 1_300) // "1,300r"
        let comment = result.headerComment.joined(separator: "\n")
        #expect(comment.contains("stage mining (from the year headers)"))
        #expect(comment.contains("# Markers stripped from figures and year headers (kept in the nodes' notes): 51 estimated (e), 1 revised (r)."))
        #expect(comment.contains("# - cobalt: t Co, stated by the unit 'metric tons, cobalt content'; the reference basis."))
        let copper = try Self.fixture("usgs-mcs-refinery-copper.csv")
        let refined = try ProductionTableImporter(mineral: "copper").read(bytes: copper.bytes, file: "usgs-mcs-refinery-copper.csv")
        #expect(refined.graph.node(id: "chl-processing")?.outputs.map(\.containedTonnes) == [2_100_000, 2_000_000])
        #expect(refined.headerComment.contains("# Converted kt × 1,000 → t on lines 2–9."))
    }

    @Test func severalTablesMakeOneGraphAndAFigureTwiceIsAnError() throws {
        let a = (file: "a/Cobalt.csv", bytes: Array("Country,2022,unit,data_source\nCuba,3500,metr. t,r\n".utf8))
        let b = (file: "b/Nickel.csv", bytes: Array("Country,2022,unit,data_source\nCuba,30000,metr. t,r\n".utf8))
        let result = try ProductionTableImporter().read(tables: [a, b])
        #expect(result.graph.name == "production")
        #expect(result.graph.nodes.map(\.outputs) == [[Output(mineral: "cobalt", containedTonnes: 3_500), Output(mineral: "nickel", containedTonnes: 30_000)]])
        let twice = (file: "c/Cobalt.csv", bytes: Array("Country,2022,unit,data_source\nCuba,3600,metr. t,r\n".utf8))
        do {
            _ = try ProductionTableImporter().read(tables: [a, twice])
            Issue.record("expected a duplicate")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["duplicate-row"])
            #expect(error.diagnostics[0].notes.map(\.description) == ["a/Cobalt.csv:2:1: first given here"])
            #expect(error.description.hasPrefix("c/Cobalt.csv:2:1: error: a second row for CUB (Cuba), cobalt mining 2022\nCuba,3600,metr. t,r\n^\n"))
        }
    }
}
