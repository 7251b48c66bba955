import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MineralGraphCore
import Testing
@testable import MineralGraphRendering

/// The world map of `mineral-graph map`.
@Suite("Choropleth map")
struct ChoroplethMapTests {
    static let map = ChoroplethMap(
        title: "Cobalt, mining 2023: share of supply by country", basis: "t Co",
        suppliers: [
            .init(country: "COD", tonnes: 170_000, share: 0.74),
            .init(country: "IDN", tonnes: 17_000, share: 0.074),
            .init(country: "AUS", tonnes: 4_600, share: 0.02),
            .init(country: "SUN", tonnes: 1_000, share: 0.004),  // historical: no outline
        ],
        residualShare: 0.025,
        flows: [.init(from: "COD", to: "CHN", tonnes: 150_000), .init(from: "IDN", to: "CHN", tonnes: 15_000)])

    /// `id`, `class` and `fill` of every country path.
    static func countryPaths(_ svg: String) -> [(id: String, classes: String, fill: String)] {
        let pattern = /<path id="([^"]*)" class="([^"]*)" fill="([^"]*)" d="/
        return svg.matches(of: pattern).map { (String($0.1), String($0.2), String($0.3)) }
    }

    @Test func outlinesAreTheBundledNaturalEarthCountries() {
        let outlines = WorldOutlines.bundled
        #expect(outlines.width == 1000)
        #expect(outlines.countries.count > 170)
        for code in ["COD", "CHN", "IDN", "AUS", "FRA", "NOR", "XKX", "SOM", "CYP", "TWN", "PSE"] {
            #expect(outlines.country(CountryCode(code)) != nil, "\(code)")
        }
        #expect(outlines.country("ATA") == nil)
        // Every code is one the project knows.
        for country in outlines.countries {
            #expect(CountryTable.country(country.code) != nil, "\(country.code.rawValue) \(country.name)")
        }
        #expect(WorldOutlines(parsing: "frame\t10\t5\nAAA\tA\t1\t1\tnot a path\n") == nil)
    }

    @Test func everyCountryHasItsCodeAsIdAndProducersAreFilledByShare() {
        let svg = Self.map.svg()
        let paths = Self.countryPaths(svg)
        #expect(paths.count == WorldOutlines.bundled.countries.count)
        #expect(paths.map(\.id) == WorldOutlines.bundled.countries.map(\.code.rawValue))
        let byID = Dictionary(uniqueKeysWithValues: paths.map { ($0.id, $0) })
        #expect(byID["COD"]?.fill == DiagramStyle.shareFills[4] && byID["COD"]?.classes == "country producer share-4")
        #expect(byID["IDN"]?.fill == DiagramStyle.shareFills[1])
        #expect(byID["AUS"]?.fill == DiagramStyle.shareFills[0])
        #expect(byID["FRA"]?.fill == ChoroplethMap.noSupplyFill && byID["FRA"]?.classes == "country")
        let producerFills = Set(paths.filter { $0.classes.contains("producer") }.map(\.fill))
        let otherFills = Set(paths.filter { !$0.classes.contains("producer") }.map(\.fill))
        #expect(producerFills.isDisjoint(with: otherFills))
        #expect(paths.filter { $0.classes.contains("producer") }.count == 3)
    }

    @Test func legendStatesScaleResidualAndWhatIsNotDrawn() {
        let svg = Self.map.svg()
        #expect(svg.contains("<g id=\"legend\""))
        for text in ["Share of supply (t Co):", "≥50 %", "no supply", "Other countries (not assigned to a country by the source, not drawn): 2.5 %",
                     "Not on the map (no outline at 1:110m): USSR (SUN) 0.4 %", "Largest: DR Congo (COD) 74 %",
                     "Natural Earth 1:110m (public domain)"] {
            #expect(svg.contains(text), "\(text)")
        }
        #expect(Self.map.undrawnSuppliers.map(\.country) == ["SUN"])
    }

    @Test func flowsAreArrowsBetweenCountriesWidestForTheLargest() {
        let svg = Self.map.svg()
        let arrows = svg.matches(of: /<path class="flow" data-from="([A-Z]+)" data-to="([A-Z]+)" stroke-width="([0-9.]+)"/)
        #expect(arrows.map { "\($0.1)>\($0.2)" } == ["COD>CHN", "IDN>CHN"])
        #expect(arrows.map { Double($0.3)! } == [ChoroplethMap.maximumFlowWidth, 0.8])
        #expect(!ChoroplethMap(title: "t", basis: "t", suppliers: []).svg().contains("class=\"flow\""))
    }

    @Test func prefixedIdsLetSeveralMapsShareAPage() {
        let svg = ChoroplethMap(title: "t", basis: "t Co", suppliers: Self.map.suppliers, flows: Self.map.flows, idPrefix: "cobalt-mining-").svg()
        #expect(svg.contains("<path id=\"cobalt-mining-COD\""))
        #expect(svg.contains("url(#cobalt-mining-arrow)"))
        #expect(!svg.contains("<path id=\"COD\""))
    }

    /// The SVG without its path data, pinned byte for byte: structure, fills, legend and order.
    @Test func goldenStructure() throws {
        let svg = Self.map.svg()
        #expect(svg == Self.map.svg())
        let skeleton = svg.replacing(/\sd="M[^"]*"/, with: " d=\"…\"")
        try Fixtures.golden.check(skeleton, named: "map/cobalt-mining.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 "))
        #expect(svg.hasSuffix("</svg>\n"))
        // Well-formed XML.
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }
}
