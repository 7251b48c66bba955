import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

@Suite("Graph merge")
struct GraphMergerTests {
    static func document(_ text: String, _ file: String) throws -> GraphDocument {
        try GraphFileReader().read(text: text, file: file)
    }

    /// Production figures for two countries, with an "other countries" residual.
    static let production = """
        # Imported by hand.
        name: production
        year: 2022
        sources:
          - id: usgs
            title: USGS Mineral Commodity Summaries 2023
        nodes:
          - id: cod-mining
            name: DR Congo (mining)
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
                contained_tonnes: 130000
            source: usgs
          - id: aus-mining
            kind: mine
            country: AUS
            outputs:
              - mineral: cobalt
                contained_tonnes: 6000
        other_countries:
          - mineral: cobalt
            stage: mining
            contained_tonnes: 24000
            source: usgs
        """

    /// Trade flows between the same country-stage nodes, outputs without figures.
    static let trade = """
        name: trade
        year: 2022
        sources:
          - id: cepii-baci
            title: CEPII BACI HS17
        nodes:
          - id: cod-mining
            name: DR Congo (mining)
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
            source: cepii-baci
            notes: BACI code 180.
          - id: aus-mining
            kind: mine
            country: AUS
            outputs:
              - mineral: cobalt
          - id: chn-processing
            kind: processor
            country: CHN
        flows:
          - from: cod-mining
            to: chn-processing
            mineral: cobalt
            product: HS 260500
            tonnes: 1000
            value_usd: 600000
          - from: aus-mining
            to: chn-processing
            mineral: cobalt
            product: HS 260500
            tonnes: 500
            value_usd: 100000
        """

    static func merge(_ texts: [(String, String)]) throws -> GraphMerge {
        try GraphMerger().merge(texts.map { try document($0.0, $0.1) })
    }

    /// The conflicts as `file:line:column message` lines, one per conflict: the first side's.
    /// Each conflict has a note located at the other side, which its message names; that is
    /// checked here.
    static func conflicts(_ texts: [(String, String)]) -> [String] {
        do {
            _ = try merge(texts)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map { first in
                let other = first.notes.first?.location
                let mirrored = other.map { first.message.hasSuffix(" in \($0)") } ?? false
                return "\(first.location!) \(first.message)" + (mirrored ? "" : " (no note at the other side)")
            }
        } catch {
            return ["\(error)"]
        }
    }

    @Test func productionAndTradeMeetAtSharedNodes() throws {
        let merged = try Self.merge([(Self.production, "production.yaml"), (Self.trade, "trade.yaml")])
        let graph = merged.graph
        #expect(graph.name == "production + trade" && graph.year == 2022)
        #expect(graph.nodes.map(\.id) == ["cod-mining", "aus-mining", "chn-processing"])
        let congo = try #require(graph.node(id: "cod-mining"))
        // The output keeps the production figure; both sources and the trade note are kept.
        #expect(congo.outputs == [Output(mineral: "cobalt", containedTonnes: 130000)])
        #expect(congo.source == "usgs; cepii-baci")
        #expect(congo.notes == "BACI code 180.")
        #expect(graph.flows.count == 2)
        #expect(graph.sources.map(\.id) == ["usgs", "cepii-baci"])
        #expect(graph.otherCountries == [OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 24000, source: "usgs")])
        #expect(merged.headerComment.first == "# Merged by `mineral-graph merge` from production.yaml and trade.yaml.")
        #expect(merged.headerComment.contains("# production.yaml: 2 nodes, 0 flows; trade.yaml: 3 nodes, 2 flows; 2 nodes in more than one file."))
        #expect(merged.headerComment.contains("#  Imported by hand."))
        #expect(GraphValidator().run(on: graph).filter { $0.severity == .error }.isEmpty)
        // Written and read again, it is the same graph.
        let text = GraphFileWriter().write(graph, headerComment: merged.headerComment)
        #expect(try GraphFileReader().read(text: text, file: "merged.yaml").graph == graph)
    }

    @Test func identicalFiguresSourcesFlowsAndResidualsAreKeptOnce() throws {
        let merged = try Self.merge([(Self.production, "a.yaml"), (Self.production, "b.yaml"), (Self.trade, "c.yaml"), (Self.trade, "d.yaml")])
        #expect(merged.graph.flows.count == 2)
        #expect(merged.graph.sources.count == 2)
        #expect(merged.graph.otherCountries.count == 1)
        #expect(merged.graph.node(id: "cod-mining")?.outputs.count == 1)
        #expect(merged.graph.name == "production + trade")
    }

    @Test func differentYearsAreAnErrorAtBothYearLines() {
        let later = Self.trade.replacingOccurrences(of: "year: 2022", with: "year: 2023")
        #expect(Self.conflicts([(Self.production, "production.yaml"), (later, "trade.yaml")])
            == ["production.yaml:3:7 the graph year: 2022 here, 2023 in trade.yaml:2:7"])
    }

    @Test func aNodeInTwoCountriesOrOfTwoKindsIsAnError() {
        let moved = Self.trade.replacingOccurrences(of: "    country: AUS", with: "    country: NZL")
            .replacingOccurrences(of: "    kind: processor", with: "    kind: manufacturer")
        let refinery = """
            name: refining
            year: 2022
            nodes:
              - id: chn-processing
                kind: processor
                country: CHN
            """
        #expect(Self.conflicts([(Self.production, "production.yaml"), (moved, "trade.yaml"), (refinery, "refining.yaml")]) == [
            "production.yaml:18:14 node 'aus-mining' country: AUS here, NZL in trade.yaml:17:14",
            "trade.yaml:21:11 node 'chn-processing' kind: manufacturer here, processor in refining.yaml:5:11",
        ])
    }

    @Test func twoFiguresOrTwoBasesForOneOutputAreErrors() {
        let other = Self.production.replacingOccurrences(of: "contained_tonnes: 130000", with: "contained_tonnes: 120000")
            .replacingOccurrences(of: "        contained_tonnes: 6000", with: "        contained_tonnes: 7600\n        basis: gross")
        #expect(Self.conflicts([(Self.production, "usgs.yaml"), (other, "wmd.yaml")]) == [
            "usgs.yaml:14:27 output cobalt 2022 of node 'cod-mining': contained tonnes (t Co): 130000 here, 120000 in wmd.yaml:14:27",
            "usgs.yaml:21:27 output cobalt 2022 of node 'aus-mining': contained tonnes on two bases: 6000 t Co here, 7600 t gross in wmd.yaml:22:16",
        ])
    }

    @Test func conflictingResidualsFlowsAndSourcesAreErrors() {
        let other = Self.production.replacingOccurrences(of: "contained_tonnes: 24000", with: "contained_tonnes: 25000")
            .replacingOccurrences(of: "title: USGS Mineral Commodity Summaries 2023", with: "title: USGS Mineral Commodity Summaries 2024")
        let comtrade = Self.trade.replacingOccurrences(of: "tonnes: 1000", with: "tonnes: 1100")
        let found = Self.conflicts([(Self.production, "a.yaml"), (Self.trade, "b.yaml"), (other, "c.yaml"), (comtrade, "d.yaml")])
        #expect(found == [
            "a.yaml:6:12 source 'usgs' differs (title): one description here, another in c.yaml:6:12",
            "b.yaml:24:5 flow cod-mining → chn-processing (cobalt, HS 260500): 1000 t, USD 600000 here, 1100 t, USD 600000 in d.yaml:24:5",
            "a.yaml:25:23 other countries' cobalt mining 2022: contained tonnes (t Co): 24000 here, 25000 in c.yaml:25:23",
        ])
    }

    @Test func renderedErrorsShowEachSidesLine() throws {
        let later = Self.trade.replacingOccurrences(of: "year: 2022", with: "year: 2023")
        #expect {
            try Self.merge([(Self.production, "production.yaml"), (later, "trade.yaml")])
        } throws: { error in
            let text = (error as? DiagnosticError)?.description ?? ""
            return text.contains("production.yaml:3:7: error: the graph year: 2022 here, 2023 in trade.yaml:2:7\nyear: 2022\n      ^\n"
                + "trade.yaml:2:7: note: the graph year: 2023 here\nyear: 2023\n      ^\n")
                && (error as? DiagnosticError)?.diagnostics.count == 1
        }
    }
}
