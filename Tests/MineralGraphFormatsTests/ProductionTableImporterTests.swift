import MineralGraphCore
import Testing

@testable import MineralGraphFormats

@Suite("Production table import")
struct ProductionTableImporterTests {
    static func importing(_ text: String, file: String = "tables/cobalt-2023.csv", importer: ProductionTableImporter = .init()) throws(ImportError) -> ProductionTableImport {
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
            lithium,mining,Australia,2022,61000
            lithium,mining,Australia,2023,86000
            graphite,mining,China,2023,1230000
            graphite,mining,Australia,2022,0
            """
        let graph = try Self.importing(table).graph
        #expect(graph.year == 2023)
        let aus = try #require(graph.node(id: "aus-mining"))
        #expect(aus.outputs == [
            Output(mineral: "graphite", year: 2022, containedTonnes: 0),
            Output(mineral: "lithium", year: 2022, containedTonnes: 61_000),
            Output(mineral: "lithium", year: 2023, containedTonnes: 86_000),
        ])
        #expect(graph.years == [2022, 2023])
    }

    @Test func lithiumContentIsConvertedToLCE() throws {
        let graph = try Self.importing("mineral,stage,country,year,quantity,unit\nlithium,mining,Chile,2023,44000,t Li\n").graph
        #expect(graph.nodes[0].outputs[0].containedTonnes == 234_212) // 44,000 × 5.323, rounded to the gram
        #expect(Self.errors("mineral,stage,country,year,quantity,unit\nlithium,mining,Chile,2023,44000,t Li2O\n").map(\.code) == ["unknown-unit"])
        #expect(Self.errors("mineral,stage,country,year,quantity,unit\ncobalt,mining,Chile,2023,1,mt\n")[0].notes[0].contains("megatonne"))
    }

    @Test func unitsConvertToTonnes() throws {
        let table = "mineral,stage,country,year,quantity,unit\ngallium,refinery,China,2023,750000,kg\ncopper,mine,Chile,2023,5.25,Mt\ncobalt,mine,Cuba,2023,3.5,kt Co\n"
        let graph = try Self.importing(table).graph
        #expect(graph.node(id: "chn-processing")?.outputs[0].containedTonnes == 750)
        #expect(graph.node(id: "chl-mining")?.outputs.map(\.containedTonnes) == [5_250_000])
        #expect(graph.node(id: "cub-mining")?.outputs[0].containedTonnes == 3_500)
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
        #expect(errors[0].notes[0].hasPrefix("closest matches: COD (DR Congo)"))
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
        #expect(errors[0].notes == ["first given on line 2"])
    }

    @Test func worldTotalMismatchBeyondTwoPercentWarns() throws {
        let table = "mineral,stage,country,year,quantity\ncobalt,mining,China,2023,90\ncobalt,mining,Chile,2023,5\ncobalt,mining,Peru,2023,W\ncobalt,mining,World total,2023,100\n"
        let result = try Self.importing(table)
        let mismatch = try #require(result.warnings.first { $0.code == "world-total-mismatch" })
        #expect(mismatch.message == "the rows for cobalt mining 2023 sum to 95 t, 95 % of the World total 100 t")
        #expect(mismatch.notes[0] == "1 withheld figure is not in the sum")
        #expect(mismatch.location?.line == 5)
        // 98 % is within the tolerance.
        let close = try Self.importing("mineral,stage,country,year,quantity\ncobalt,mining,China,2023,98\ncobalt,mining,World,2023,100\n")
        #expect(close.warnings.isEmpty)
        #expect(close.graph.nodes.count == 1 && close.graph.otherCountries.isEmpty)
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
}
