import MineralGraphCore

/// V2 — value-capture ratio and gap against the physical share (METHODS §3.2).
///
///     VA_share_g      = Σ_{n in g} VA(n) / Σ_n VA(n)                       (from ``ValueAddedPass``)
///     phys_share_g(k) = contained t of the mineral produced in g at stage k / all of stage k
///                       (all = the stage's nodes plus its "other countries" residual, as in C1)
///     VCR_g           = VA_share_g / phys_share_g(k)      (1 = captures value in proportion)
///     gap_g           = VA_share_g − phys_share_g(k)      (share difference; × 100 = percentage points)
///
/// with `k` = extraction (mining) by default, per mineral produced at that stage (contained
/// bases differ between minerals). Countries and groups (members' nodes).
///
/// Contained tonnes are on the mineral's reference basis (Li₂O converted to LCE; METHODS §0.1).
///
/// Edge cases: `phys_share = 0` → VCR `NO_PHYSICAL_SHARE` (gap still reported); a node at the
/// stage without contained tonnes → physical shares `MISSING_CONTAINED`; chain VA incomplete →
/// `CHAIN_INCOMPLETE` (see V1); no node at the stage → the mineral is not listed.
///
/// Worked example (§3.4): D extracts 100 % of the chain's cobalt and captures 16.7 % of its value:
/// VCR_D = 0.167, gap_D = −0.833 (−83 pp).
///
/// Sources: METHODS §3.2 (tool metric); value-added definition from the OECD TiVA guides;
/// BloombergNEF on DRC cobalt processing (value capture by moving downstream).
public struct ValueCapturePass: Sendable {
    /// The stage whose physical share is compared (default: extraction).
    public var stage: Stage
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?

    public init(stage: Stage = .mining, scheme: CountryGroupScheme? = nil) {
        self.stage = stage
        self.scheme = scheme
    }

    /// V2 of `graph`; `valueAdded`, when given, is ``ValueAddedPass``'s result on `graph` with
    /// this pass's scheme (a caller that has it already need not have it computed twice).
    public func run(on graph: SupplyGraph, valueAdded: ValueAdded? = nil) -> ValueCapture {
        run(on: GraphDerivations(graph), valueAdded: valueAdded)
    }

    /// V2 of `derived`'s graph, with the index and value added it keeps for other passes.
    public func run(on derived: GraphDerivations, valueAdded: ValueAdded? = nil) -> ValueCapture {
        let graph = derived.graph
        let index = derived.index
        let grouping = CountryGrouping(override: scheme, graph: graph)
        let valueAdded = valueAdded ?? ValueAddedPass(scheme: grouping.scheme).run(on: derived)
        let stageNodes = graph.nodes.indices.filter { graph.nodes[$0].stage == stage }
        let graphMinerals = graph.minerals  // computed from the whole graph: once, not per node
        let minerals = Set(stageNodes.flatMap { n in
            graphMinerals.filter { ContainedProduction.produces(n, $0, index: index) }
        }).sorted()

        let results = minerals.map { mineral -> MineralValueCapture in
            let producers = stageNodes.filter { ContainedProduction.produces($0, mineral, index: index) }
            let tonnes = producers.map { (n: $0, contained: ContainedProduction.containedTonnes($0, mineral, index: index)) }
            var total = PartialSum()
            tonnes.forEach { total.add($0.contained) }
            // The "other countries" residual of the stage counts in the total, as in C1.
            if let residual = graph.otherCountries.first(where: {
                $0.mineral == mineral && $0.stage == stage && ($0.year ?? graph.year) == graph.year
            }) {
                total.add(ContainedProduction.residualTonnes(residual))
            }
            // Each country's producers' tonnes, summed in producer order.
            var byCountry: [CountryCode: PartialSum] = [:]
            for (n, contained) in tonnes { byCountry[graph.nodes[n].country, default: PartialSum()].add(contained) }
            func row(_ party: PartyValueAdded, own: PartialSum) -> ValueCaptureRow {
                let physical = own.metric.divided(
                    by: total.metric, ifZero: ReasonCode.noProduction, "the stage produces no \(mineral)")
                let ratio = party.share.divided(
                    by: physical, ifZero: ReasonCode.noPhysicalShare, "\(party.party.name) produces none of the stage's \(mineral)")
                return ValueCaptureRow(
                    party: party.party, valueShare: party.share, containedTonnes: own.metric, physicalShare: physical,
                    valueCaptureRatio: ratio, gap: party.share.combined(with: physical, -))
            }
            return MineralValueCapture(
                mineral: mineral, containedBasis: MineralCatalog.info(mineral)?.containedBasis ?? "t",
                producingNodes: producers.map { graph.nodes[$0].id }, stageContainedTonnes: total.metric,
                countries: valueAdded.countries.map { party in
                    row(party, own: byCountry[CountryCode(party.party.id)] ?? PartialSum())
                },
                groups: valueAdded.groups.map { party in
                    let group = CountryGroup(rawValue: party.party.id)!
                    var own = PartialSum()
                    for (n, contained) in tonnes where grouping.contains(group, graph.nodes[n].country) { own.add(contained) }
                    return row(party, own: own)
                })
        }
        return ValueCapture(
            stage: stage, minerals: results, totalValueAddedUSD: valueAdded.totalValueAddedUSD,
            priceYear: valueAdded.priceYear, scheme: grouping.info)
    }
}
