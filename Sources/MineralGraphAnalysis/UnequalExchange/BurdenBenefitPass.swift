import MineralGraphCore

/// E4 — burden–benefit ratio: where the physical burden sits against where value is captured
/// (METHODS §2.3).
///
///     burden_share_g(R) = Σ_{n in g} R_direct(n) / Σ_n R_direct(n)
///     value_share_g     = Σ_{n in g} VA(n) / Σ_n VA(n)              (VA from ``ValueAddedPass``)
///     BBR_g(R)          = burden_share_g(R) / value_share_g
///
/// for R in ``BurdenResource``: direct freshwater withdrawal and consumption, AWARE-weighted
/// consumption (from ``WaterFootprintPass``), extraction tonnes (mines' contained output on each
/// mineral's reference basis — never gross concentrate added to contained metal, METHODS §0.1) and
/// waste received (gross tonnes of `waste` flows into the party's
/// nodes, domestic ones included). Over the whole graph (one chain, one year); per country and
/// group (members' nodes).
///
/// BBR = 1: burden in proportion to value captured; > 1: the party carries more of the burden
/// than it captures in value. Bands (tool convention): < 0.5 beneficiary, 0.5–2 roughly
/// proportional, > 2 burden-bearing.
///
/// Edge cases: `value_share_g < 0` → `NEGATIVE_GROUP_VA`, `= 0` → `NO_GROUP_VA`; any node with
/// unavailable VA or burden → that ratio is unavailable (chain-level shares need every node); a
/// burden the chain does not have (total 0) → `NO_BURDEN`.
///
/// Worked example (§5.5): water shares 70.4/8.5/21.1 % against VA shares 16.7/8.3/75 % give BBR
/// 4.23/1.01/0.28; AWARE-weighted 5.74/0.34/0.02.
///
/// Sources: METHODS §2.3 (tool metric joining EUE — Dorninger et al. 2021, Hickel et al. 2022 —
/// to the value-added gap of §3); AWARE, Boulay et al. 2018.
public struct BurdenBenefitPass: Sendable {
    /// Water options (defaults for missing intensities).
    public var water: WaterFootprintPass
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?

    public init(water: WaterFootprintPass = WaterFootprintPass(), scheme: CountryGroupScheme? = nil) {
        self.water = water
        self.scheme = scheme
    }

    public func run(on graph: SupplyGraph) -> BurdenBenefit {
        run(on: GraphDerivations(graph))
    }

    /// E4 of `derived`'s graph, with the water model and value added it keeps for other passes.
    public func run(on derived: GraphDerivations) -> BurdenBenefit {
        let graph = derived.graph
        let index = derived.index
        let grouping = CountryGrouping(override: scheme, graph: graph)
        let valueAdded = ValueAddedPass(scheme: grouping.scheme).run(on: derived)
        let model = derived.waterModel(water)
        var burdens: [BurdenResource: [MetricValue]] = [:]
        for resource in BurdenResource.allCases {
            burdens[resource] = graph.nodes.indices.map { direct(resource, node: $0, index: index, model: model) }
        }
        var totals: [BurdenResource: MetricValue] = [:]
        for resource in BurdenResource.allCases {
            var sum = PartialSum()
            burdens[resource]!.forEach { sum.add($0) }
            totals[resource] = sum.metric
        }

        /// `members`: the party's node indices, in graph order.
        func row(_ value: PartyValueAdded, members: [Int]) -> BurdenBenefitRow {
            let valueShare = value.share
            let ratios = BurdenResource.allCases.map { resource -> BurdenBenefitRatio in
                let amounts = burdens[resource]!
                var own = PartialSum()
                for n in members { own.add(amounts[n]) }
                let share = own.metric.divided(
                    by: totals[resource]!, ifZero: ReasonCode.noBurden, "the chain has no \(resource.rawValue)")
                var ratio = share.divided(by: valueShare, ifZero: ReasonCode.noGroupVA, "\(value.party.name) captures no value added")
                if let v = valueShare.value, v < 0 {
                    ratio = .unavailable(ReasonCode.negativeGroupVA, "\(value.party.name)'s value added is negative")
                }
                return BurdenBenefitRatio(burden: resource, amount: own.metric, share: share, ratio: ratio)
            }
            return BurdenBenefitRow(
                party: value.party, valueAddedUSD: value.valueAddedUSD, valueShare: valueShare, ratios: ratios)
        }
        return BurdenBenefit(
            totals: BurdenResource.allCases.map { BurdenTotal(burden: $0, amount: totals[$0]!) },
            countries: valueAdded.countries.map { party in row(party, members: index.nodes(in: CountryCode(party.party.id))) },
            groups: valueAdded.groups.map { party in
                row(party, members: index.nodes(in: CountryGroup(rawValue: party.party.id)!, grouping))
            },
            totalValueAddedUSD: valueAdded.totalValueAddedUSD, priceYear: valueAdded.priceYear, scheme: grouping.info)
    }

    private func direct(_ resource: BurdenResource, node n: Int, index: FlowIndex, model: EmbodiedWaterModel) -> MetricValue {
        let graph = index.graph
        switch resource {
        case .waterWithdrawal: return model.direct.withdrawal[n]
        case .waterConsumption: return model.direct.consumption[n]
        case .scarcityWeightedWater: return model.direct.scarcityWeightedConsumption[n]
        case .extraction:
            guard graph.nodes[n].kind == .mine else { return MetricValue(0) }
            // Contained tonnes on each mineral's reference basis, never gross (METHODS §0.1): the
            // node's graph-year outputs, else the minerals it ships.
            var minerals = graph.nodes[n].outputs.filter { ($0.year ?? graph.year) == graph.year }.map(\.mineral)
            if minerals.isEmpty {
                minerals = index.outgoing[n].map { graph.flows[$0] }.filter { $0.type == .product }.map(\.mineral)
            }
            var sum = PartialSum()
            for (k, mineral) in minerals.enumerated() where !minerals[..<k].contains(mineral) {
                sum.add(ContainedProduction.containedTonnes(n, mineral, index: index))
            }
            return sum.metric
        case .wasteReceived:
            var sum = PartialSum()
            for i in index.incoming[n] where graph.flows[i].type == .waste {
                var bases = ContainedBases()
                sum.add(WasteTonnes.gross(bases.quantity(ofFlow: i, in: graph, on: .gross), label: index.label(flow: i)))
            }
            return sum.metric
        }
    }
}
