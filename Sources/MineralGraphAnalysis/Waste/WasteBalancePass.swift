import MineralGraphCore

/// X1 — waste balance and recovered-fraction value flows (METHODS §2.5).
///
///     WB_A           = waste_in_t − waste_out_t          [t]   (inter-country `waste` flows)
///     recapture_A    = value of recovered fractions exported / value of waste imported   [–]
///
/// Waste edges can carry zero or negative value (the exporter pays to get rid of it), so they are
/// kept out of the product metrics E1–E3 and accounted here; `recovered-fraction` flows (printed
/// circuit boards and the like moving back) are reported as a separate value-recapture flow.
/// Per country and group; groups drop intra-group edges (§2.6). Also the gross tonnes of waste
/// each party receives (domestic flows included), its share of all waste in the graph, and the
/// split by fate of the receiving waste destinations.
///
/// Gross tonnes are `tonnes`, or `contained_tonnes` for e-waste (whose basis is the gross mass).
/// A country without waste flows has sums of 0 t (nothing moved in the graph); ratios need a
/// positive denominator: no waste imported → `NO_WASTE_IMPORTS`, waste imported at zero or
/// negative value → `NON_POSITIVE_WASTE_VALUE`. Missing tonnes or values → their reason.
/// Per-capita balances need population data, which graphs do not hold.
///
/// Sources: UNCTAD DER 2024 (digitalization-related waste flows and recovered fractions);
/// resource-recycling.com summary of its figures.
public struct WasteBalancePass: Sendable {
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?

    public init(scheme: CountryGroupScheme? = nil) {
        self.scheme = scheme
    }

    public func run(on graph: SupplyGraph) -> WasteBalance {
        run(on: GraphDerivations(graph))
    }

    /// X1 of `derived`'s graph, with the index it keeps for other passes.
    public func run(on derived: GraphDerivations) -> WasteBalance {
        let graph = derived.graph
        let index = derived.index
        let grouping = CountryGrouping(override: scheme, graph: graph)
        var bases = ContainedBases()  // the flows' figures read field by field
        func entries(_ type: FlowType) -> [TradeEntry] {
            graph.flows.indices.compactMap { i in
                guard graph.flows[i].type == type, let (exporter, importer) = index.countries(ofFlow: i), exporter != importer else {
                    return nil
                }
                var label: String { index.label(flow: i) }  // only for the reason of a missing figure
                return TradeEntry(flow: i, exporter: exporter, importer: importer, amounts: [
                    WasteTonnes.gross(bases.quantity(ofFlow: i, in: graph, on: .gross), label: label),
                    MetricValue(graph.flows[i].valueUSD, else: Unavailable(ReasonCode.missingValue, "\(label) has no value")),
                ])
            }
        }
        let waste = TradeAggregation(entries: entries(.waste), countries: index.countries, grouping: grouping, measures: 2)
        let recovered = TradeAggregation(
            entries: entries(.recoveredFraction), countries: index.countries, grouping: grouping, measures: 2)

        // Waste received by node, domestic flows included.
        var received = [PartialSum](repeating: PartialSum(), count: graph.nodes.count)
        var allWaste = PartialSum()
        var wasteFlowCount = 0
        for i in graph.flows.indices where graph.flows[i].type == .waste {
            wasteFlowCount += 1
            let tonnes = WasteTonnes.gross(bases.quantity(ofFlow: i, in: graph, on: .gross), label: index.label(flow: i))
            allWaste.add(tonnes)
            if let (_, to) = index.endpoints[i] { received[to].add(tonnes) }
        }

        /// `members`: the party's node indices, in graph order.
        func row(_ party: CountryOrGroup, wasteTotals: TradeTotals, recoveredTotals: TradeTotals, members: [Int]) -> WasteBalanceRow {
            var own = PartialSum()
            var byFate: [WasteFate?: PartialSum] = [:]
            for n in members where received[n].terms > 0 {
                own.add(received[n].metric)
                byFate[graph.nodes[n].kind.fate, default: PartialSum()].add(received[n].metric)
            }
            let fates = (WasteFate.allCases.map { Optional($0) } + [nil]).compactMap { fate -> WasteReceivedByFate? in
                guard let sum = byFate[fate] else { return nil }
                return WasteReceivedByFate(fate: fate, tonnes: sum.metric)
            }
            let wasteValue = TradeFlows(exported: wasteTotals.exported[1].metric, imported: wasteTotals.imported[1].metric)
            let recoveredValue = TradeFlows(
                exported: recoveredTotals.exported[1].metric, imported: recoveredTotals.imported[1].metric)
            let recapture: MetricValue
            if wasteTotals.importFlows == 0 {
                recapture = .unavailable(ReasonCode.noWasteImports, "\(party.name) imports no waste")
            } else if let value = wasteValue.imported.value, value <= 0 {
                recapture = .unavailable(
                    ReasonCode.nonPositiveWasteValue, "\(party.name)'s waste imports have zero or negative value (the exporters pay)")
            } else {
                recapture = recoveredValue.exported.divided(
                    by: wasteValue.imported, ifZero: ReasonCode.nonPositiveWasteValue, "\(party.name)'s waste imports have no value")
            }
            return WasteBalanceRow(
                party: party, wasteTonnes: TradeFlows(exported: wasteTotals.exported[0].metric, imported: wasteTotals.imported[0].metric),
                wasteValueUSD: wasteValue,
                recoveredTonnes: TradeFlows(exported: recoveredTotals.exported[0].metric, imported: recoveredTotals.imported[0].metric),
                recoveredValueUSD: recoveredValue, valueRecaptureRatio: recapture, wasteReceivedTonnes: own.metric,
                wasteReceivedShare: own.metric.divided(by: allWaste.metric, ifZero: ReasonCode.noWaste, "the graph has no waste tonnes"),
                receivedByFate: fates)
        }
        let countries = zip(waste.countries, recovered.countries).map { w, r in
            row(.country(w.country), wasteTotals: w.totals, recoveredTotals: r.totals, members: index.nodes(in: w.country))
        }
        let groups = zip(waste.groups, recovered.groups).map { w, r in
            row(.group(w.group), wasteTotals: w.totals, recoveredTotals: r.totals, members: index.nodes(in: w.group, grouping))
        }
        return WasteBalance(
            wasteFlowCount: wasteFlowCount, totalWasteTonnes: allWaste.metric, countries: countries, groups: groups,
            scheme: grouping.info)
    }
}
