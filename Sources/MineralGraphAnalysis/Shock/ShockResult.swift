import MineralGraphCore

/// Result of ``ShockPropagationPass`` (S2, METHODS §4.3): the scenario's effect under both
/// bounds, side by side.
public struct ShockResult: Hashable, Codable, Sendable {
    public var scenarioID: String
    public var scenarioTitle: String?
    /// One line per shock, in scenario order (`Shock.description`).
    public var shocks: [String]
    /// One line per spare-capacity entry, in scenario order.
    public var spareCapacity: [String]
    /// Scheme of the country-group rows.
    public var countryGrouping: CountryGroupingInfo
    /// Lower bound of supply: no supplier makes up for lost supply.
    public var noSubstitution: ShockBound
    /// Upper bound: unaffected suppliers' spare capacity makes up shortfalls, stage by stage.
    /// Equal to ``noSubstitution`` (apart from ``ShockBound/bound``) when the scenario has no spare.
    public var withSubstitution: ShockBound
    /// What the propagation does not model, for the notes of a report.
    public var limitations: [String]
    /// Things in the graph or scenario the reader should know (missing quantities, bans that
    /// block nothing, spare without a declared capacity, loops that did not converge).
    public var warnings: [String]

    public init(
        scenarioID: String, scenarioTitle: String?, shocks: [String], spareCapacity: [String],
        countryGrouping: CountryGroupingInfo, noSubstitution: ShockBound, withSubstitution: ShockBound,
        limitations: [String], warnings: [String]
    ) {
        self.scenarioID = scenarioID
        self.scenarioTitle = scenarioTitle
        self.shocks = shocks
        self.spareCapacity = spareCapacity
        self.countryGrouping = countryGrouping
        self.noSubstitution = noSubstitution
        self.withSubstitution = withSubstitution
        self.limitations = limitations
        self.warnings = warnings
    }

    /// Both bounds, lower first.
    public var bounds: [ShockBound] { [noSubstitution, withSubstitution] }
}

/// Which bound of METHODS §4.3 a result is.
public enum SubstitutionBound: String, CaseIterable, Hashable, Codable, Sendable {
    case noSubstitution = "no-substitution"
    case withSubstitution = "with-substitution"

    public var title: String {
        switch self {
        case .noSubstitution: "no substitution"
        case .withSubstitution: "with substitution"
        }
    }
}

/// The scenario under one bound.
public struct ShockBound: Hashable, Codable, Sendable {
    public var bound: SubstitutionBound
    /// One row per node and mineral it receives or ships, in graph order, minerals sorted.
    public var nodes: [NodeShock]
    /// One row per country, then per country group, mineral and stage (sorted).
    public var regions: [RegionShock]
    /// Per mineral, sorted: supply to final demand.
    public var finalDemand: [FinalDemandShock]
    /// Per mineral, sorted.
    public var valueAtRisk: [ValueAtRisk]
    /// Over every mineral.
    public var totalValueAtRisk: ValueAtRisk
    /// Spare capacity allocated to shortfalls, by supplier id then customer (graph order).
    /// Empty for the no-substitution bound.
    public var substitutionFlows: [SubstitutionFlow]
    /// Every spare-capacity offer of the scenario and how much of it was used.
    public var spare: [SpareUse]
    public var solver: ShockSolverReport
    /// The shocked graph: every flow scaled by its multiplier `f'_e / f_e` (gross tonnes,
    /// contained tonnes and value alike), node outputs of the graph's year scaled by the node's
    /// output ratio, substitution flows appended (and their tonnes added to the supplier's
    /// output). Run any pass on it for the "after" metrics (post-shock HHI, import concentration,
    /// EUE, value added). Ranges of uncertain figures scale with their figures (relative
    /// statements and estimate marks stay), so the shocked graph's statements hold its values.
    public var graph: SupplyGraph

    public init(
        bound: SubstitutionBound, nodes: [NodeShock], regions: [RegionShock], finalDemand: [FinalDemandShock],
        valueAtRisk: [ValueAtRisk], totalValueAtRisk: ValueAtRisk, substitutionFlows: [SubstitutionFlow],
        spare: [SpareUse], solver: ShockSolverReport, graph: SupplyGraph
    ) {
        self.bound = bound
        self.nodes = nodes
        self.regions = regions
        self.finalDemand = finalDemand
        self.valueAtRisk = valueAtRisk
        self.totalValueAtRisk = totalValueAtRisk
        self.substitutionFlows = substitutionFlows
        self.spare = spare
        self.solver = solver
        self.graph = graph
    }

    /// The row of node `id` for `mineral`.
    public func node(_ id: String, _ mineral: MineralID) -> NodeShock? {
        nodes.first { $0.nodeID == id && $0.mineral == mineral }
    }

    /// The final-demand row of `mineral`.
    public func finalDemand(_ mineral: MineralID) -> FinalDemandShock? {
        finalDemand.first { $0.mineral == mineral }
    }

    /// The row of a country or group for `mineral` at `stage`.
    public func region(_ id: String, _ mineral: MineralID, _ stage: Stage) -> RegionShock? {
        regions.first { $0.party.id == id && $0.mineral == mineral && $0.stage == stage }
    }
}

/// Which quantity the tonnes of a node's in- or out-flows are measured in: contained tonnes
/// (converted to one basis, `CommonBasis`) when every flow of the group gives them, else gross
/// tonnes when every one does, else `mixed`: contained tonnes where given, and the flows that
/// give only gross tonnes (or nothing) are left out — never added to contained ones — and the
/// row carries `MISSING_QUANTITY`.
public enum ShockFlowBasis: String, Hashable, Codable, Sendable {
    case contained
    case gross
    case mixed
}

/// One node and one mineral under a shock.
///
/// Tonnes are in the node's ``ShockFlowBasis`` for the mineral (in-flows and out-flows each on
/// their own basis).
public struct NodeShock: Hashable, Codable, Sendable {
    public var nodeID: String
    public var country: CountryCode
    public var stage: Stage
    public var mineral: MineralID
    /// `O'_n / O_n` for this mineral: the node's activity after the shock (1 unaffected,
    /// 0 stopped); substitution spare delivered by the node is not included.
    public var outputRatio: Double
    public var inflowBasis: ShockFlowBasis?
    public var outflowBasis: ShockFlowBasis?
    /// I_n, the baseline in-flow (0 for a node that receives none of the mineral).
    public var baselineInTonnes: Double
    /// I'_n, the shocked in-flow, substitution included.
    public var shockedInTonnes: Double
    /// The part of `shockedInTonnes` that substitution flows bring.
    public var substitutionInTonnes: Double
    public var baselineOutTonnes: Double
    /// Shipped after the shock on the graph's flows (substitution flows not included).
    public var shockedOutTonnes: Double
    /// Spare capacity this node delivered to others' shortfalls.
    public var substitutionOutTonnes: Double
    /// `I_n − I'_n`.
    public var shortfallTonnes: Double
    /// `1 − I'_n / I_n`; `NO_SUPPLY` when the node receives nothing at baseline.
    public var shortfallShare: MetricValue
    /// Produced but not shipped: held back by an export ban (lost, or not taken by domestic
    /// customers).
    public var strandedTonnes: Double
    /// A node receiving the mineral that ships none of it onward as product (waste excepted)
    /// and is not a waste destination: the end of the chain.
    public var isFinalDemand: Bool
    /// `MISSING_QUANTITY` when some flow of the node gives no tonnes (its tonnes are left out).
    public var quantityIssue: Unavailable?

    public init(
        nodeID: String, country: CountryCode, stage: Stage, mineral: MineralID, outputRatio: Double,
        inflowBasis: ShockFlowBasis?, outflowBasis: ShockFlowBasis?, baselineInTonnes: Double,
        shockedInTonnes: Double, substitutionInTonnes: Double, baselineOutTonnes: Double,
        shockedOutTonnes: Double, substitutionOutTonnes: Double, shortfallTonnes: Double,
        shortfallShare: MetricValue, strandedTonnes: Double, isFinalDemand: Bool, quantityIssue: Unavailable?
    ) {
        self.nodeID = nodeID
        self.country = country
        self.stage = stage
        self.mineral = mineral
        self.outputRatio = outputRatio
        self.inflowBasis = inflowBasis
        self.outflowBasis = outflowBasis
        self.baselineInTonnes = baselineInTonnes
        self.shockedInTonnes = shockedInTonnes
        self.substitutionInTonnes = substitutionInTonnes
        self.baselineOutTonnes = baselineOutTonnes
        self.shockedOutTonnes = shockedOutTonnes
        self.substitutionOutTonnes = substitutionOutTonnes
        self.shortfallTonnes = shortfallTonnes
        self.shortfallShare = shortfallShare
        self.strandedTonnes = strandedTonnes
        self.isFinalDemand = isFinalDemand
        self.quantityIssue = quantityIssue
    }
}

/// A country or country group at one stage, for one mineral: the sums of its nodes' rows.
public struct RegionShock: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    public var mineral: MineralID
    public var stage: Stage
    public var nodeCount: Int
    /// What the region's nodes at this stage received at baseline and after the shock.
    public var baselineInTonnes: Double
    public var deliveredTonnes: Double
    /// What they shipped (substitution flows included) at baseline and after the shock.
    public var baselineOutTonnes: Double
    public var shockedOutTonnes: Double
    public var shortfallTonnes: Double
    /// `1 − delivered / baseline`; `NO_SUPPLY` when the region's nodes receive nothing at baseline.
    public var shortfallShare: MetricValue
    public var strandedTonnes: Double

    public init(
        party: CountryOrGroup, mineral: MineralID, stage: Stage, nodeCount: Int, baselineInTonnes: Double,
        deliveredTonnes: Double, baselineOutTonnes: Double, shockedOutTonnes: Double, shortfallTonnes: Double,
        shortfallShare: MetricValue, strandedTonnes: Double
    ) {
        self.party = party
        self.mineral = mineral
        self.stage = stage
        self.nodeCount = nodeCount
        self.baselineInTonnes = baselineInTonnes
        self.deliveredTonnes = deliveredTonnes
        self.baselineOutTonnes = baselineOutTonnes
        self.shockedOutTonnes = shockedOutTonnes
        self.shortfallTonnes = shortfallTonnes
        self.shortfallShare = shortfallShare
        self.strandedTonnes = strandedTonnes
    }
}

/// Supply of one mineral reaching final demand (``NodeShock/isFinalDemand`` nodes).
public struct FinalDemandShock: Hashable, Codable, Sendable {
    public var mineral: MineralID
    public var nodeCount: Int
    public var baselineTonnes: Double
    public var deliveredTonnes: Double
    public var shortfallTonnes: Double
    /// `1 − delivered / baseline`; `NO_SUPPLY` when nothing reaches final demand at baseline.
    public var shortfallShare: MetricValue

    public init(
        mineral: MineralID, nodeCount: Int, baselineTonnes: Double, deliveredTonnes: Double,
        shortfallTonnes: Double, shortfallShare: MetricValue
    ) {
        self.mineral = mineral
        self.nodeCount = nodeCount
        self.baselineTonnes = baselineTonnes
        self.deliveredTonnes = deliveredTonnes
        self.shortfallTonnes = shortfallTonnes
        self.shortfallShare = shortfallShare
    }
}

/// `value_at_risk = Σ lost flow × baseline unit value` over product and recovered-fraction flows
/// (waste flows, whose value may be a disposal cost, are left out), net of the value of
/// substitution flows. Each hop counts: a tonne lost at the mine is lost again downstream, as in
/// gross trade figures.
public struct ValueAtRisk: Hashable, Codable, Sendable {
    /// `nil` for the total over every mineral.
    public var mineral: MineralID?
    /// Unavailable (`MISSING_VALUE`) when a flow that lost or gained tonnes has no value.
    public var valueUSD: MetricValue
    /// The sum over the flows that do have a value.
    public var statedValueUSD: Double
    /// Flows that lost or gained tonnes and have no value (not counted as 0).
    public var flowsWithoutValue: Int
    /// Net tonnes those flows lost (basis tonnes; gross where contained are not given).
    public var lostTonnesWithoutValue: Double

    public init(
        mineral: MineralID?, valueUSD: MetricValue, statedValueUSD: Double, flowsWithoutValue: Int,
        lostTonnesWithoutValue: Double
    ) {
        self.mineral = mineral
        self.valueUSD = valueUSD
        self.statedValueUSD = statedValueUSD
        self.flowsWithoutValue = flowsWithoutValue
        self.lostTonnesWithoutValue = lostTonnesWithoutValue
    }
}

/// Spare capacity of `from` allocated to the shortfall of `to` (with-substitution bound).
public struct SubstitutionFlow: Hashable, Codable, Sendable {
    public var from: String
    public var to: String
    public var mineral: MineralID
    /// The supplier's stage: shortfalls are made up stage by stage.
    public var stage: Stage
    /// Tonnes of the customer's in-flow basis.
    public var tonnes: Double
    /// At the supplier's baseline unit value of the mineral; `NO_UNIT_VALUE` when its flows
    /// carry no value.
    public var valueUSD: MetricValue

    public init(from: String, to: String, mineral: MineralID, stage: Stage, tonnes: Double, valueUSD: MetricValue) {
        self.from = from
        self.to = to
        self.mineral = mineral
        self.stage = stage
        self.tonnes = tonnes
        self.valueUSD = valueUSD
    }
}

/// One supplier's spare capacity and its use.
public struct SpareUse: Hashable, Codable, Sendable {
    public var nodeID: String
    public var country: CountryCode
    public var stage: Stage
    public var mineral: MineralID
    /// Spare from the scenario's `spare` entries and added capacity, summed.
    public var spareTonnes: Double
    public var usedTonnes: Double
    /// Why the spare could not be used at all: `AFFECTED` (the supplier is itself cut or short of
    /// supply, so it has no spare to give); `nil` otherwise, including when no customer was short.
    public var unusable: Unavailable?

    public init(
        nodeID: String, country: CountryCode, stage: Stage, mineral: MineralID, spareTonnes: Double,
        usedTonnes: Double, unusable: Unavailable?
    ) {
        self.nodeID = nodeID
        self.country = country
        self.stage = stage
        self.mineral = mineral
        self.spareTonnes = spareTonnes
        self.usedTonnes = usedTonnes
        self.unusable = unusable
    }
}

/// How the propagation's loops were solved.
public struct ShockSolverReport: Hashable, Codable, Sendable {
    public var method: String
    /// Gauss–Seidel stops when the largest change of one sweep is below
    /// `relativeTolerance × total baseline flow`.
    public var relativeTolerance: Double
    /// That limit in tonnes.
    public var absoluteToleranceTonnes: Double
    public var maxIterations: Int
    /// Strongly connected components with a loop (recycling).
    public var cyclicComponents: Int
    /// Most sweeps any loop needed in any propagation of this bound (0 without loops).
    public var iterations: Int
    public var converged: Bool
    /// The first node (graph order) of each loop that did not converge; its values are those of
    /// the last sweep.
    public var notConverged: [String]
    /// Propagations run: one, plus one per stage at which spare was allocated.
    public var propagations: Int

    public init(
        method: String = ShockSolverReport.standardMethod, relativeTolerance: Double, absoluteToleranceTonnes: Double,
        maxIterations: Int, cyclicComponents: Int, iterations: Int, converged: Bool, notConverged: [String],
        propagations: Int
    ) {
        self.method = method
        self.relativeTolerance = relativeTolerance
        self.absoluteToleranceTonnes = absoluteToleranceTonnes
        self.maxIterations = maxIterations
        self.cyclicComponents = cyclicComponents
        self.iterations = iterations
        self.converged = converged
        self.notConverged = notConverged
        self.propagations = propagations
    }

    public static let standardMethod =
        "strongly connected components in topological order; loops iterated (Gauss–Seidel) from the baseline "
        + "to a fixed point"
}
