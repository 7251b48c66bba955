import MineralGraphCore

/// HHI per mineral × stage × year over nodes (facilities or country-stage aggregates) instead of
/// countries (METHODS §1.1: the firm-level reading of the HHI, beside the country-level C1).
///
/// Same quantity basis, residual bounds and bands as ``StageConcentrationPass``; each node is
/// one supplier, and the "other countries" residual stands for unnamed facilities. In a graph
/// with one node per country and stage (an imported production table) both passes agree; with
/// several facilities per country the facility HHI is lower or equal.
/// Units: HHI 0–10,000; shares 0…1.
public struct FacilityConcentrationPass: Sendable {
    public var stages: [Stage]
    public var guidelines: MergerGuidelines
    public var upperBound: ResidualUpperBound

    public init(
        stages: [Stage] = StageConcentrationPass.defaultStages, guidelines: MergerGuidelines = .us2023,
        upperBound: ResidualUpperBound = .smallestNamedCap
    ) {
        self.stages = stages
        self.guidelines = guidelines
        self.upperBound = upperBound
    }

    public func run(on graph: SupplyGraph) -> StageConcentrationResult {
        StageConcentrationResult(
            guidelines: guidelines, upperBound: upperBound,
            markets: StageSupply.collect(from: graph, stages: stages).map {
                MarketConcentration.from($0, level: .facility, guidelines: guidelines, upperBound: upperBound)
            })
    }
}
