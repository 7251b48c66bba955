import MineralGraphCore

/// V3 — unit values per stage and unit-value ratios between stages, on a contained basis
/// (METHODS §3.3).
///
///     UV_k    = value of stage-k output / contained tonnes of stage-k output   [USD per t contained]
///     UVR_k→l = UV_l / UV_k                                                     [–]
///     payable = UV_k / UV_l   (intermediate priced as a share of the refined product)   [0..1]
///
/// per mineral, over the production stages mining → processing → manufacturing; ratios join each
/// stage to the next stage present. A node's output is its graph-year output of the mineral when
/// it states both value and contained tonnes, else the sum of its `product` out-flows of the
/// mineral. Per gross tonne these ratios are meaningless (ore grades, chemistries), so gross
/// tonnes are never used.
///
/// Edge cases: a node at the stage without value or contained tonnes → the stage's UV is
/// unavailable (`MISSING_VALUE`, `MISSING_CONTAINED`), as are the ratios using it; zero contained
/// tonnes → `NO_PRODUCTION`.
///
/// Worked example (§3.4): hydroxide 30 t Co for $1.0 M (33,333 USD/t Co), refined 30 t Co for
/// $1.5 M (50,000) → UVR 1.5, payable 66.7 %.
///
/// Sources: METHODS §3.3 — cobalt hydroxide payables (ttm.financial, 2025); Fastmarkets on
/// spodumene-to-hydroxide conversion margins (2022).
public struct StageUnitValuePass: Sendable {
    /// The stages compared, in chain order.
    public static let stages: [Stage] = [.mining, .processing, .manufacturing]

    public init() {}

    public func run(on graph: SupplyGraph) -> StageUnitValues {
        run(on: GraphDerivations(graph))
    }

    /// V3 of `derived`'s graph, with the index it keeps for other passes.
    public func run(on derived: GraphDerivations) -> StageUnitValues {
        let graph = derived.graph
        let index = derived.index
        var results: [MineralStageUnitValues] = []
        for mineral in graph.minerals {
            var stageRows: [StageUnitValue] = []
            for stage in Self.stages {
                let nodes = graph.nodes.indices.filter {
                    graph.nodes[$0].stage == stage && ContainedProduction.produces($0, mineral, index: index)
                }
                guard !nodes.isEmpty else { continue }
                var value = PartialSum()
                var contained = PartialSum()
                for n in nodes {
                    let figures = ContainedProduction.valueAndContained(n, mineral, index: index)
                    value.add(figures.valueUSD)
                    contained.add(figures.containedTonnes)
                }
                let unitValue = value.metric.divided(
                    by: contained.metric, ifZero: ReasonCode.noProduction, "the \(stage.rawValue) stage produces no contained \(mineral)")
                stageRows.append(StageUnitValue(
                    stage: stage, nodes: nodes.map { graph.nodes[$0].id }, valueUSD: value.metric,
                    containedTonnes: contained.metric, unitValueUSDPerTonne: unitValue))
            }
            guard !stageRows.isEmpty else { continue }
            let ratios = zip(stageRows, stageRows.dropFirst()).map { from, to in
                UnitValueRatio(
                    from: from.stage, to: to.stage,
                    ratio: to.unitValueUSDPerTonne.divided(
                        by: from.unitValueUSDPerTonne, ifZero: ReasonCode.zeroValue, "the \(from.stage.rawValue) output has no value"),
                    payableShare: from.unitValueUSDPerTonne.divided(
                        by: to.unitValueUSDPerTonne, ifZero: ReasonCode.zeroValue, "the \(to.stage.rawValue) output has no value"))
            }
            results.append(MineralStageUnitValues(
                mineral: mineral, containedBasis: MineralCatalog.info(mineral)?.containedBasis ?? "t",
                stages: stageRows, ratios: ratios))
        }
        return StageUnitValues(minerals: results, priceYear: graph.priceYear ?? graph.year)
    }
}
