import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports

/// Graphs for the unequal-exchange, value-added, water and waste sections.
extension ReportFixtures {
    /// METHODS §3.4 and §5.5: mine D (DR Congo) → refinery C (China) → manufacturer J (Japan).
    /// D: 100 t hydroxide = 30 t Co for $1.0 M; C: 30 t Co for $1.5 M; J: 300 t products worth
    /// $6.0 M. Consumption 50 / 20 / 5 m³ per tonne, AWARE 20 / 5 / 1.
    static let valueChain = SupplyGraph(
        name: "Value chain", year: 2023, priceYear: 2023, countryScheme: "unctad-der-2024",
        nodes: [
            Node(
                id: "d", name: "Mine D", kind: .mine, country: "COD",
                outputs: [Output(mineral: "cobalt", product: "cobalt hydroxide", tonnes: 100)],
                water: WaterUse(withdrawalM3PerTonne: 60, consumptionM3PerTonne: 50, awareFactor: 20)),
            Node(
                id: "c", name: "Refinery C", kind: .processor, country: "CHN",
                outputs: [Output(mineral: "cobalt", containedTonnes: 30, valueUSD: 1_500_000)],
                water: WaterUse(withdrawalM3PerTonne: 25, consumptionM3PerTonne: 20, awareFactor: 5)),
            Node(
                id: "j", name: "Manufacturer J", kind: .manufacturer, country: "JPN",
                outputs: [Output(mineral: "cobalt", product: "products", tonnes: 300, valueUSD: 6_000_000)],
                water: WaterUse(withdrawalM3PerTonne: 6, consumptionM3PerTonne: 5, awareFactor: 1)),
        ],
        flows: [
            Flow(from: "d", to: "c", mineral: "cobalt", tonnes: 100, containedTonnes: 30, valueUSD: 1_000_000),
            Flow(from: "c", to: "j", mineral: "cobalt", tonnes: 30, containedTonnes: 30, valueUSD: 1_500_000),
        ])

    /// The same chain with J's output value unknown: the manufacturing stage cannot be valued.
    static var valueChainWithoutProductValue: SupplyGraph {
        var graph = valueChain
        graph.nodes[2].outputs[0].valueUSD = nil
        return graph
    }

    /// METHODS §2.4: S exports 1,000 t for $2.5 M, N exports 50 t for $2.5 M.
    static let twoCountries = SupplyGraph(
        name: "Two countries", year: 2023, countryScheme: "unctad-der-2024",
        nodes: [
            Node(id: "s-mine", kind: .mine, country: "PER", outputs: [Output(mineral: "copper", tonnes: 1_000)]),
            Node(id: "n-maker", kind: .manufacturer, country: "DEU", outputs: [Output(mineral: "copper", tonnes: 50)]),
            Node(id: "s-market", kind: .consumer, country: "PER"),
        ],
        flows: [
            Flow(from: "s-mine", to: "n-maker", mineral: "copper", tonnes: 1_000, valueUSD: 2_500_000),
            Flow(from: "n-maker", to: "s-market", mineral: "copper", tonnes: 50, valueUSD: 2_500_000),
        ])

    /// A recycling loop (consumer → recycler y → refinery r), a loop that loses nothing (refinery
    /// p ⇄ recycler q at full yield) and values and intensities missing here and there.
    static let loops = SupplyGraph(
        name: "Loops", year: 2023,
        nodes: [
            Node(id: "m", kind: .mine, country: "AUS", outputs: [Output(mineral: "lithium", containedTonnes: 100)],
                 water: WaterUse(consumptionM3PerTonne: 10)),
            Node(id: "r", kind: .processor, country: "CHN", outputs: [Output(mineral: "lithium", containedTonnes: 150)],
                 water: WaterUse(consumptionM3PerTonne: 2)),
            Node(id: "k", kind: .manufacturer, country: "KOR", outputs: [Output(mineral: "lithium", containedTonnes: 150)]),
            Node(id: "u", kind: .consumer, country: "DEU", outputs: [Output(mineral: "lithium", containedTonnes: 50)]),
            Node(id: "y", kind: .wasteDestination(.recycling), country: "GHA", outputs: [Output(mineral: "lithium", containedTonnes: 50)],
                 water: WaterUse(consumptionM3PerTonne: 1)),
            Node(id: "p", kind: .processor, country: "CHN", outputs: [Output(mineral: "lithium", containedTonnes: 10)],
                 water: WaterUse(consumptionM3PerTonne: 3)),
            Node(id: "q", kind: .wasteDestination(.recycling), country: "CHN", outputs: [Output(mineral: "lithium", containedTonnes: 10)],
                 water: WaterUse(consumptionM3PerTonne: 1)),
        ],
        flows: [
            Flow(from: "m", to: "r", mineral: "lithium", containedTonnes: 100, valueUSD: 1_000),
            Flow(from: "r", to: "k", mineral: "lithium", containedTonnes: 150, valueUSD: 3_000),
            Flow(from: "k", to: "u", mineral: "lithium", containedTonnes: 150),
            Flow(from: "u", to: "y", mineral: "lithium", containedTonnes: 50, type: .waste),
            Flow(from: "y", to: "r", mineral: "lithium", containedTonnes: 50, valueUSD: 400, type: .recoveredFraction),
            Flow(from: "p", to: "q", mineral: "lithium", containedTonnes: 10, valueUSD: 0, type: .waste),
            Flow(from: "q", to: "p", mineral: "lithium", containedTonnes: 10, valueUSD: 100, type: .recoveredFraction),
        ])

    static func json(_ report: Report) throws -> [String: Any] {
        let text = try JSONFormatter().format(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

@Suite("Unequal-exchange, value-added, water and waste sections")
struct MetricSectionsTests {
    // MARK: JSON structure

    @Test func jsonSectionsHaveTheDocumentedKeys() throws {
        // With the per-node and per-pair detail (report --detail), so that every documented key has an item.
        let object = try ReportFixtures.json(try ReportFixtures.report(ReportFixtures.valueChain, detail: true))
        let metricKeys: Set<String> = ["value", "unavailable"]

        let ue = try #require(object["unequal_exchange"] as? [String: Any])
        #expect(Set(ue.keys) == ["epsilon", "minimum_trade_share", "trade_balance", "terms_of_trade", "bilateral", "solver"])
        let balance = try #require((ue["trade_balance"] as? [[String: Any]])?.first)
        #expect(Set(balance.keys) == [
            "party", "export_flows", "import_flows", "tonnes", "contained_tonnes", "rme_tonnes", "value_usd",
            "trade_balance_usd", "quadrant", "eue_flag", "compensated_exporter", "unavailable",
        ])
        #expect(Set(try #require(balance["party"] as? [String: Any]).keys) == ["kind", "id", "name"])
        let tonnes = try #require(balance["tonnes"] as? [String: Any])
        #expect(Set(tonnes.keys) == ["exported", "imported", "net"])
        #expect(Set(try #require(tonnes["net"] as? [String: Any]).keys) == metricKeys)
        let terms = try #require((ue["terms_of_trade"] as? [[String: Any]])?.first)
        #expect(Set(terms.keys) == ["party", "export_unit_value_usd_per_t", "import_unit_value_usd_per_t", "ett", "t_eq", "exchange_ratios"])
        let ratio = try #require((terms["exchange_ratios"] as? [[String: Any]])?.first)
        #expect(Set(ratio.keys) == ["resource", "unit", "exported_per_million_usd", "imported_per_million_usd", "ratio", "band"])
        let bilateral = try #require((ue["bilateral"] as? [[String: Any]])?.first)
        #expect(Set(bilateral.keys) == ["country", "partner", "export_value_usd", "import_value_usd", "exchange_ratios"])

        let va = try #require(object["value_added"] as? [String: Any])
        #expect(Set(va.keys) == [
            "price_year", "total_usd", "final_output_usd", "other_inputs_usd", "by_stage", "countries", "groups", "nodes",
            "final_demand_nodes", "measured", "value_capture", "unit_values",
        ])
        #expect(Set(try #require(va["measured"] as? [String: Any]).keys) == ["stages", "excluded", "complete", "total_usd", "countries", "groups"])
        let capture = try #require((va["value_capture"] as? [[String: Any]])?.first)
        let item = try #require((capture["countries"] as? [[String: Any]])?.first)
        #expect(Set(item.keys) == [
            "party", "contained_tonnes", "physical_share", "value_share", "value_capture_ratio", "gap",
            "measured_value_share", "measured_value_capture_ratio", "measured_gap",
        ])
        let units = try #require((va["unit_values"] as? [[String: Any]])?.first)
        #expect(Set(units.keys) == ["mineral", "basis", "stages", "ratios"])

        let water = try #require(object["water"] as? [String: Any])
        #expect(Set(water.keys) == [
            "allocation", "high_stress_threshold", "coverage", "totals", "high_stress_withdrawal_m3",
            "high_stress_withdrawal_share", "countries", "groups", "nodes", "virtual_water", "solver",
        ])
        let totals = try #require(water["totals"] as? [String: Any])
        #expect(Set(totals.keys) == ["withdrawal", "consumption", "scarcity_weighted_consumption", "brine", "seawater"])
        let coverage = try #require(water["coverage"] as? [String: Any])
        #expect(coverage["producing_nodes"] as? Int == 3)
        #expect(((coverage["intensities"] as? [String: Any])?["consumption"] as? [String: Any])?["stated"] as? Int == 3)

        let waste = try #require(object["waste"] as? [String: Any])
        #expect(Set(waste.keys) == ["waste_flow_count", "total_waste_tonnes", "countries", "groups"])
        let bb = try #require(object["burden_benefit"] as? [String: Any])
        #expect(Set(bb.keys) == ["price_year", "total_value_added_usd", "totals", "countries", "groups"])
        let burden = try #require(((bb["groups"] as? [[String: Any]])?.first?["burdens"] as? [[String: Any]])?.first)
        #expect(Set(burden.keys) == ["burden", "unit", "amount", "share", "ratio", "band"])
    }

    // MARK: Worked examples

    @Test func valueChainMatchesMethodsWorkedExamples() throws {
        let report = try ReportFixtures.report(ReportFixtures.valueChain)
        let va = try #require(report.valueAdded)
        #expect(va.totalUsd.value == 6_000_000 && va.measured.complete && va.measured.stages == [.mining, .processing, .manufacturing])
        let capture = try #require(va.valueCapture.first)
        let cod = try #require(capture.countries.first { $0.party.id == "COD" })
        #expect(cod.physicalShare.value == 1 && cod.valueShare.value == 0.166667 && cod.valueCaptureRatio.value == 0.1667)
        #expect(cod.gap.value == -0.833333 && cod.measuredValueShare == cod.valueShare)
        let units = try #require(va.unitValues.first)
        #expect(units.ratios.first?.ratio.value == 1.5 && units.ratios.first?.payableShare.value == 0.666667)

        let water = try #require(report.water)
        #expect(water.totals.consumption.directM3.value == 7_100 && water.totals.consumption.finalOutputEmbodiedM3.value == 7_100)
        #expect(water.totals.scarcityWeightedConsumption.directM3.value == 104_500)
        let refinery = try #require(water.nodes.first { $0.node == "c" })
        #expect(refinery.water.consumption.embodiedM3PerT.value == 186.667)

        let bb = try #require(report.burdenBenefit)
        let mine = try #require(bb.countries.first { $0.party.id == "COD" })
        #expect(mine.burdens.first { $0.burden == "water-consumption" }?.ratio.value == 4.2254)
        #expect(mine.burdens.first { $0.burden == "aware-water" }?.ratio.value == 5.7416)
        #expect(mine.burdens.first { $0.burden == "water-consumption" }?.band == "burden-bearing")
    }

    @Test func twoCountryTradeMatchesMethodsWorkedExample() throws {
        let report = try ReportFixtures.report(ReportFixtures.twoCountries)
        let ue = try #require(report.unequalExchange)
        let s = try #require(ue.tradeBalance.first { $0.party.id == "PER" })
        #expect(s.tonnes.net.value == -950 && s.tradeBalanceUsd.value == 0)
        #expect(s.eueFlag == true && s.quadrant == "net-mass-exporter/monetary-balanced")
        let terms = try #require(ue.termsOfTrade.first { $0.party.id == "PER" })
        #expect(terms.ett.value == 0.05 && terms.tEq.value == 20)
        #expect(terms.exportUnitValueUsdPerT.value == 2_500 && terms.importUnitValueUsdPerT.value == 50_000)
        let markdown = MarkdownFormatter().format(report)
        #expect(markdown.contains("Peru is a net exporter of 950 t of product (gross) with balanced trade in money: the unequal-exchange pattern (EUE flag)"))
    }

    // MARK: Reading

    @Test func readingOfTheWorkedChainStatesTheRightNumbers() throws {
        let report = try ReportFixtures.report(ReportFixtures.valueChain)
        let blocks = ReportDocument.readingSection(report)
        let text = MarkdownFormatter().render(ReportDocument(title: "t", blocks: blocks))
        #expect(text.contains("DR Congo mines 100.0 % of the cobalt in this graph (t Co) and China processes 100.0 % of it"))
        #expect(text.contains("DR Congo captures 16.7 % of the chain's value added ($6.0 million at 2023 prices): a value-capture ratio of 0.17, 83.3 percentage points below its 100.0 % share of the mining; China captures 8.3 %."))
        // Water consumption: developing (D + C) 5,600 of 7,100 m³ = 78.9 % against 25 % of the
        // value; scarcity-weighted 103,000 of 104,500 m³ world-eq = 98.6 %.
        #expect(text.contains("Developing economies account for 78.9 % of the water consumed along the chain (98.6 % once weighted by local scarcity) against 25.0 % of the value added: a burden–benefit ratio of 3.15 (burden bearing)."))
        #expect(text.contains("Developing economies capture 25.0 % of the chain's value added (16.7 % without China), developed economies 75.0 % and the least developed countries 16.7 %."))
        #expect(text.contains("scheme unctad-der-2024, as of 2024-07-10"))
        // Same text in HTML, escaped for HTML.
        let html = HTMLFormatter().format(report)
        #expect(html.contains("DR Congo captures 16.7 % of the chain&#39;s value added"))
    }

    @Test func severalMineralsGetOneParagraphEachAndOneForTheWholeGraph() throws {
        var graph = ReportFixtures.valueChain
        graph.nodes += ReportFixtures.twoCountries.nodes
        graph.flows += ReportFixtures.twoCountries.flows
        let report = try ReportFixtures.report(graph)
        let text = MarkdownFormatter().render(ReportDocument(title: "t", blocks: ReportDocument.readingSection(report)))
        let paragraphs = text.components(separatedBy: "\n\n").filter { $0.hasPrefix("**") }
        #expect(paragraphs.count == 3)
        #expect(paragraphs[0].hasPrefix("**Cobalt.** DR Congo mines 100.0 % of the cobalt"))
        #expect(paragraphs[1].hasPrefix("**Copper.** Peru mines 100.0 % of the copper"))
        #expect(paragraphs[2].hasPrefix("**All minerals together.** Developing economies capture"))
        #expect(!paragraphs[0].contains("In trade") && paragraphs[2].contains("In trade"))
    }

    @Test func readingNamesBothSharesWhenAResidualIsUnattributed() throws {
        var graph = ReportFixtures.valueChain
        graph.otherCountries = [OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 100)]
        let report = try ReportFixtures.report(graph)
        let text = MarkdownFormatter().render(ReportDocument(title: "t", blocks: ReportDocument.readingSection(report)))
        // D ships 30 t Co (in 100 t of hydroxide): C1 counts 30 t against 100 t unattributed,
        // never the gross 100 t (METHODS §0.1); V2 counts the same residual (30 / 130 = 23.1 %):
        // VCR 0.167 / 0.231 = 0.72, gap 16.7 − 23.1 = −6.4 pp.
        #expect(text.contains("DR Congo mines 23.1 % of the cobalt in this graph (t Co) (76.9 % is unattributed \"other countries\")"))
        #expect(text.contains("a value-capture ratio of 0.72, 6.4 percentage points below its 23.1 % share of the mining"))
    }

    @Test func missingInputGivesNullWithReasonInJSONAndWordsInMarkdown() throws {
        let report = try ReportFixtures.report(ReportFixtures.valueChainWithoutProductValue)
        let object = try ReportFixtures.json(report)
        let va = try #require(object["value_added"] as? [String: Any])
        let total = try #require(va["total_usd"] as? [String: Any])
        #expect(total["value"] is NSNull)
        let reason = try #require(total["unavailable"] as? [String: Any])
        #expect(reason["code"] as? String == "MISSING_VALUE")
        #expect((reason["reason"] as? String)?.contains("node 'j' keeps its output but states no value for it") == true)
        let capture = try #require(((va["value_capture"] as? [[String: Any]])?.first?["countries"] as? [[String: Any]])?.first { ($0["party"] as? [String: Any])?["id"] as? String == "COD" })
        let share = try #require(capture["value_share"] as? [String: Any])
        #expect(share["value"] is NSNull && (share["unavailable"] as? [String: Any])?["code"] as? String == "CHAIN_INCOMPLETE")
        // Over the measured stages (mining and processing) D has $1.0 M of $1.5 M.
        #expect((capture["measured_value_share"] as? [String: Any])?["value"] as? Double == 0.666667)

        let markdown = MarkdownFormatter().format(report)
        #expect(markdown.contains("The value added of the manufacturing stage is unknown (node 'j' keeps its output but states no value for it), so value shares are read over mining and processing, which add $1.5 million at 2023 prices."))
        #expect(markdown.contains("DR Congo captures 66.7 % of that value added: a value-capture ratio of 0.67"))
        #expect(markdown.contains("| manufacturing | n/a \\[1\\] | not measured |"))
        #expect(markdown.contains("\\[1\\] **a value is not stated** (MISSING_VALUE): node 'j' keeps its output but states no value for it"))
        #expect(!markdown.contains("| manufacturing | $0 | not measured |"))
        // The CSV keeps the code and the reason beside an empty value.
        let csv = CSVFormatter().format(report)
        #expect(csv.contains(",MISSING_VALUE,value_added,chain,chain,,total_usd,USD,,\"1 of 3 terms unavailable, for example: node 'j' keeps its output but states no value for it\"\n"))
    }

    @Test func readingSaysWhatIsUnknownWhenNothingIsValued() throws {
        var graph = ReportFixtures.valueChainWithoutProductValue
        graph.flows[0].valueUSD = nil
        graph.nodes[0].water = nil
        let report = try ReportFixtures.report(graph)
        let text = MarkdownFormatter().render(ReportDocument(title: "t", blocks: ReportDocument.readingSection(report)))
        #expect(text.contains("How the value added is shared cannot be read, because the value added of the mining stage is unknown (flow d → c (cobalt) has no value)."))
        #expect(text.contains("Where the water burden sits cannot be read: 1 of the 3 producing nodes state no water-consumption intensity"))
        #expect(!text.contains("captures"))
    }

    // MARK: Robustness

    @Test(.timeLimit(.minutes(1)))
    func loopsAndMissingDataDoNotStopTheReport() throws {
        let report = try ReportFixtures.report(ReportFixtures.loops)
        for format in ReportFormat.allCases { #expect(!(try format.formatter.format(report)).isEmpty) }
        // The lossless loop p ⇄ q has no embodied water; the recycling loop through r is solved.
        let water = try #require(report.water)
        #expect(water.nodes.first { $0.node == "q" }?.water.consumption.embodiedM3PerT.unavailable?.code == .notConverged)
        #expect(water.nodes.first { $0.node == "r" }?.water.consumption.embodiedM3PerT.value != nil)
        #expect(!water.solver.converged)
        // No embodied water for k's product: k states no intensity.
        #expect(water.nodes.first { $0.node == "k" }?.water.consumption.embodiedM3PerT.unavailable?.code == .missingIntensity)
        // k ships to the consumer without a value: VA of k unknown, measured stages stop before it.
        #expect(report.valueAdded?.measured.stages == [.mining, .processing])
    }

    @Test func reportsAreDeterministic() throws {
        for graph in [ReportFixtures.valueChain, ReportFixtures.loops, ReportFixtures.hostileGraph] {
            let first = try ReportFixtures.report(graph)
            let second = try ReportFixtures.report(graph)
            #expect(first == second)
            for format in ReportFormat.allCases {
                #expect(try format.formatter.format(first) == format.formatter.format(second))
            }
            // JSON round trip.
            #expect(try JSONFormatter.decode(JSONFormatter().format(first)) == first)
        }
    }

    // MARK: Escaping

    @Test func hostileNamesStayTextInTheNewTables() throws {
        // With the per-node tables (--detail).
        let report = try ReportFixtures.report(ReportFixtures.hostileGraph, file: "evil.yaml", detail: true)
        let markdown = MarkdownFormatter().format(report)
        // The node name appears, escaped, in the value-added and water tables.
        let escaped = Escaping.markdown(ReportFixtures.hostile, .tableCell)
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains(escaped) }
        #expect(rows.count >= 2) // HostileReportTests checks that every table row keeps its columns
        #expect(!markdown.contains("<script"))
        let html = HTMLFormatter().format(report)
        #expect(html.contains("<details>\n<summary>Value added per node"))
        #expect(!html.contains("<script>"))
        // CSV: the hostile node id is one field of the metric rows.
        let csv = CSVFormatter().format(report)
        let records = try CSVParser.records(in: Array(csv.utf8)).map(\.fields)
        #expect(records.allSatisfy { $0.count == CSVFormatter.columns.count })
        let item = try #require(CSVFormatter.columns.firstIndex(of: "item"))
        #expect(records.contains { $0[item] == "evil,\"id\"\nx|y" })
        let object = try ReportFixtures.json(report)
        let nodes = try #require((object["value_added"] as? [String: Any])?["nodes"] as? [[String: Any]])
        #expect(nodes.first?["name"] as? String == ReportFixtures.hostile)
    }

    // MARK: Example graphs

    @Test func cobaltReportSaysWhereValueAndBurdenSit() throws {
        let path = TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path
        let graph = try GraphFileReader().read(contentsOf: path).graph
        let report = try ReportBuilder().build(graph, file: "cobalt-2023.yaml")
        let markdown = MarkdownFormatter().format(report)
        let reading = try #require(markdown.components(separatedBy: "## Reading: where the value and the burden sit").dropFirst().first)
        #expect(reading.contains("DR Congo mines 73.9 % of the cobalt"))  // with the USGS "other countries" residual
        // V2 counts the residual as C1 does: one share in both places.
        #expect(reading.contains("its 73.9 % share of the mining"))
        #expect(reading.contains("DR Congo captures"))
        #expect(reading.contains("developing economies mine"))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings.prefix(3) == ["## Reading: where the value and the burden sit", "## Supplier concentration by mineral and stage", "## Bottleneck stage per mineral"])
        #expect(headings.contains("## Value added: where the value sits") && headings.contains("## Burden and benefit: who carries what, who earns what"))
    }
}
