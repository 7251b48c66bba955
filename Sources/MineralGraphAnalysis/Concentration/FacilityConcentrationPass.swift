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
    /// The country-level pass with nodes as suppliers.
    public var pass: StageConcentrationPass

    public init(
        stages: [Stage] = StageConcentrationPass.defaultStages, guidelines: MergerGuidelines = .us2023,
        upperBound: ResidualUpperBound = .smallestNamedCap
    ) {
        pass = StageConcentrationPass(stages: stages, guidelines: guidelines, upperBound: upperBound, level: .facility)
    }

    public func run(on graph: SupplyGraph) -> StageConcentrationResult {
        pass.run(on: graph)
    }

    /// C1 by facility of `derived`'s graph, from the stage-supply plans it keeps for other passes.
    public func run(on derived: GraphDerivations) -> StageConcentrationResult {
        pass.run(on: derived)
    }
}
