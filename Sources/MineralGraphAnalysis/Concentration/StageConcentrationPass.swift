import MineralGraphCore

/// C1: HHI per mineral × stage × year over supplier countries (METHODS §1.1–1.4, §7).
///
/// For each market the pass sums the graph's quantities per country (``StageSupply``: node
/// outputs in contained tonnes where given, else summed out-flows), adds the "other countries"
/// residual, and computes ``ConcentrationMeasures``:
/// `HHI = 10,000 · Σ s_i²` with `s_i = q_i / Σ q`, the bounds `hhi_lo`/`hhi_hi` for the
/// residual, CR1, CR3, `N_eq = 10,000 / HHI`, `H*` for complete lists, and a band label.
/// Units: HHI 0–10,000; shares 0…1; tonnes of the mineral's contained basis.
///
/// Sources: METHODS §1 (DOJ/FTC HHI definition; EU CRM method and World Mining Data for the
/// country-level variant; 2023 Merger Guidelines bands by default).
public struct StageConcentrationPass: Sendable {
    /// Stages to measure, in `Stage` order. Default: mining, processing, manufacturing, waste.
    public var stages: [Stage]
    /// Thresholds of the band labels (METHODS §1.2; 2023 by default).
    public var guidelines: MergerGuidelines
    /// Upper bound of the residual's contribution (METHODS §1.4).
    public var upperBound: ResidualUpperBound
    /// Who counts as one supplier: a country (C1, the default) or a node (facility level).
    public var level: SupplierLevel

    public static let defaultStages: [Stage] = [.mining, .processing, .manufacturing, .waste]

    public init(
        stages: [Stage] = defaultStages, guidelines: MergerGuidelines = .us2023,
        upperBound: ResidualUpperBound = .smallestNamedCap, level: SupplierLevel = .country
    ) {
        self.stages = stages
        self.guidelines = guidelines
        self.upperBound = upperBound
        self.level = level
    }

    public func run(on graph: SupplyGraph) -> StageConcentrationResult {
        run(on: GraphDerivations(graph))
    }

    /// C1 of `derived`'s graph, from the stage-supply plans it keeps for other passes.
    public func run(on derived: GraphDerivations) -> StageConcentrationResult {
        StageConcentrationResult(
            guidelines: guidelines, upperBound: upperBound,
            markets: StageSupply.collect(from: derived, stages: stages).map {
                MarketConcentration.from($0, level: level, guidelines: guidelines, upperBound: upperBound)
            })
    }
}

/// The markets of a concentration pass, sorted by mineral, stage and year.
public struct StageConcentrationResult: Hashable, Codable, Sendable {
    public var guidelines: MergerGuidelines
    public var upperBound: ResidualUpperBound
    public var markets: [MarketConcentration]

    /// The market of `mineral` at `stage` in `year`, if the graph has one.
    public func market(_ mineral: MineralID, _ stage: Stage, year: Int) -> MarketConcentration? {
        markets.first { $0.mineral == mineral && $0.stage == stage && $0.year == year }
    }
}
