import MineralGraphCore

/// The inter-country product flows of a graph with every amount the trade metrics need
/// (E1–E3), aggregated to countries and groups.
///
/// Trade = flows whose two nodes are in different countries. Only `product` flows count:
/// waste is excluded from product metrics and recovered fractions are reported by X1
/// (METHODS §2.5). Values are exporter-side FOB (§2.6).
struct TradeLedger: Sendable {
    enum Measure: Int, CaseIterable {
        case valueUSD, tonnes, containedTonnes, rme
        case withdrawal, consumption, scarcityWeighted, brine, seawater

        static func of(_ resource: TradeResource) -> Measure {
            switch resource {
            case .tonnes: .tonnes
            case .containedTonnes: .containedTonnes
            case .rawMaterialEquivalentTonnes: .rme
            case .waterWithdrawalM3: .withdrawal
            case .waterConsumptionM3: .consumption
            case .scarcityWeightedWaterM3WorldEq: .scarcityWeighted
            }
        }

        static func of(_ water: WaterQuantity) -> Measure {
            switch water {
            case .withdrawal: .withdrawal
            case .consumption: .consumption
            case .scarcityWeightedConsumption: .scarcityWeighted
            case .brine: .brine
            case .seawater: .seawater
            }
        }
    }

    let index: FlowIndex
    let grouping: CountryGrouping
    let water: EmbodiedWaterModel
    let entries: [TradeEntry]
    let aggregation: TradeAggregation
    let solver: SolverReport

    /// The ledger of `derived`'s graph; built through ``GraphDerivations/ledger(water:scheme:)``,
    /// which keeps it for the other trade passes.
    init(_ derived: GraphDerivations, water waterPass: WaterFootprintPass, scheme: CountryGroupScheme?) {
        let graph = derived.graph
        let index = derived.index
        let grouping = CountryGrouping(override: scheme, graph: graph)
        let water = derived.waterModel(waterPass)
        let rme = RawMaterialEquivalents(water.system, options: waterPass.solver)
        var entries: [TradeEntry] = []
        let flows = graph.flows
        var bases = ContainedBases()
        for i in flows.indices where flows[i].type == .product {
            guard let (exporter, importer) = index.countries(ofFlow: i), exporter != importer else { continue }
            // Made only for the reason of a missing amount.
            var label: String { index.label(flow: i) }
            let vw = water.flowWater(i)
            var amounts = [MetricValue](repeating: MetricValue(0), count: Measure.allCases.count)
            amounts[Measure.valueUSD.rawValue] = MetricValue(
                flows[i].valueUSD, else: Unavailable(ReasonCode.missingValue, "\(label) has no value"))
            amounts[Measure.tonnes.rawValue] = MetricValue(
                flows[i].tonnes, else: Unavailable(ReasonCode.missingTonnes, "\(label) has no gross tonnes"))
            // Contained tonnes on the mineral's reference basis (t Co, t LCE), converted where the
            // flow states another (METHODS §0.1).
            let mineral = flows[i].mineral
            let reference = bases.basis(stated: nil, mineral: mineral)
            amounts[Measure.containedTonnes.rawValue] = flows[i].containedTonnes == nil
                ? .unavailable(ReasonCode.missingContained, "\(label) has no contained tonnes")
                : MetricValue(
                    flows[i].containedTonnes.flatMap {
                        Quantity(tonnes: $0, basis: bases.basis(stated: flows[i].basis, mineral: mineral)).converted(to: reference)?.tonnes
                    },
                    else: Unavailable(ReasonCode.mixedBases, "\(label) states contained tonnes on \(flows[i].containedBasis.unitLabel(for: mineral)), which has no factor to \(reference.unitLabel(for: mineral))"))
            amounts[Measure.rme.rawValue] = rme.flowRME(i)
            for quantity in WaterQuantity.allCases { amounts[Measure.of(quantity).rawValue] = vw[quantity] }
            entries.append(TradeEntry(flow: i, exporter: exporter, importer: importer, amounts: amounts))
        }
        self.index = index
        self.grouping = grouping
        self.water = water
        self.entries = entries
        aggregation = TradeAggregation(
            entries: entries, countries: index.countries, grouping: grouping, measures: Measure.allCases.count)
        solver = SolverReport.merged(water.reports + [rme.report], options: waterPass.solver)
    }

    static func flows(_ totals: TradeTotals, _ measure: Measure) -> TradeFlows {
        guard totals.hasTrade else { return TradeFlows(unavailable: noTrade) }
        return TradeFlows(exported: totals.exported[measure.rawValue].metric, imported: totals.imported[measure.rawValue].metric)
    }

    static let noTrade = Unavailable(ReasonCode.noTrade, "no product flows cross the border")
}
