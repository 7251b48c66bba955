/// A what-if scenario: shocks applied to a supply graph and, optionally, the spare capacity that
/// may substitute for lost supply (METHODS §4.3).
///
/// Scenarios live in their own YAML files (`graphs/scenarios/`), apart from the graph they are
/// run on, so one graph can be asked many questions. The propagation itself is
/// `ShockPropagationPass` in MineralGraphAnalysis.
public struct Scenario: Hashable, Sendable {
    /// Short identifier (file-name-like), used in report titles and file names.
    public var id: String
    /// One-line question the scenario asks ("What if DRC cobalt mine output halves?").
    public var title: String?
    public var description: String?
    /// Where the shock's size comes from (a policy announcement, a historical event).
    public var sources: [SourceReference]
    public var shocks: [Shock]
    /// Spare capacity for the with-substitution bound; empty means the two bounds coincide.
    public var spareCapacity: [SpareCapacity]

    public init(
        id: String, title: String? = nil, description: String? = nil, sources: [SourceReference] = [],
        shocks: [Shock], spareCapacity: [SpareCapacity] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.sources = sources
        self.shocks = shocks
        self.spareCapacity = spareCapacity
    }
}

/// One shock of a scenario.
public enum Shock: Hashable, Sendable {
    /// Cut the output of every selected node by `fraction` δ ∈ [0, 1] (1 is a shutdown):
    /// `O'_n = (1 − δ) · O_n`, applied after the node's inputs are propagated, so a cut refinery
    /// also passes on upstream losses.
    case cut(OutputCut)
    /// Export ban: flows from nodes in `country` to nodes outside it (or to the listed
    /// destinations) carry nothing.
    case exportBan(ExportBan)
    /// New or expanded capacity at the selected nodes, available to the with-substitution bound.
    case addCapacity(CapacityAddition)
}

/// `cut`: the nodes selected by `nodes` (every condition must hold, as in edit selectors) lose
/// `fraction` of their output of `mineral` (every mineral when `nil`).
public struct OutputCut: Hashable, Sendable {
    public var nodes: [NodeCondition]
    public var mineral: MineralID?
    /// δ, 0…1.
    public var fraction: Double

    public init(nodes: [NodeCondition], mineral: MineralID? = nil, fraction: Double) {
        self.nodes = nodes
        self.mineral = mineral
        self.fraction = fraction
    }
}

/// What happens to the volume an export ban holds back.
public enum BanMode: String, CaseIterable, Codable, Sendable {
    /// Lost or stockpiled: reported as stranded at the exporting node.
    case lost
    /// Offered to the exporting node's domestic customers, each up to its baseline intake of the
    /// mineral; what they cannot take is stranded.
    case divertDomestic = "divert_domestic"
}

/// `ban`: flows of `mineral` (every mineral when `nil`) leaving nodes of `country` at `stage`
/// (every stage when `nil`) for another country, or only for `destinations` when given, are set
/// to zero.
public struct ExportBan: Hashable, Codable, Sendable {
    public var country: CountryCode
    public var mineral: MineralID?
    public var stage: Stage?
    /// Importing countries the ban applies to; `nil` bans exports to every other country.
    public var destinations: [CountryCode]?
    public var mode: BanMode

    public init(
        country: CountryCode, mineral: MineralID? = nil, stage: Stage? = nil,
        destinations: [CountryCode]? = nil, mode: BanMode = .lost
    ) {
        self.country = country
        self.mineral = mineral
        self.stage = stage
        self.destinations = destinations
        self.mode = mode
    }

    /// Whether the ban stops a flow of `mineral` from a node (`country`, `stage`) to a node in
    /// `destination`.
    public func blocks(mineral: MineralID, from country: CountryCode, stage: Stage, to destination: CountryCode) -> Bool {
        country == self.country && destination != self.country
            && (self.mineral == nil || self.mineral == mineral)
            && (self.stage == nil || self.stage == stage)
            && (destinations == nil || destinations!.contains(destination))
    }
}

/// `add_capacity`: `tonnes` per year of new capacity (of `mineral`, or the node's first output)
/// at each selected node, usable as spare capacity by the with-substitution bound.
public struct CapacityAddition: Hashable, Sendable {
    public var nodes: [NodeCondition]
    public var mineral: MineralID?
    public var tonnes: Double

    public init(nodes: [NodeCondition], mineral: MineralID? = nil, tonnes: Double) {
        self.nodes = nodes
        self.mineral = mineral
        self.tonnes = tonnes
    }
}

/// How much more a supplier could produce, for the with-substitution bound (METHODS §4.3 step 4).
public enum SpareAmount: Hashable, Sendable {
    /// `ρ · O_n`: a fraction of the node's baseline output.
    case fractionOfOutput(Double)
    /// A fixed amount, tonnes of the mineral's basis.
    case tonnes(Double)
    /// `capacity_tonnes − O_n` from the graph file.
    case declaredCapacity
}

/// `spare`: spare capacity at the nodes selected by `nodes`.
public struct SpareCapacity: Hashable, Sendable {
    public var nodes: [NodeCondition]
    public var mineral: MineralID?
    public var amount: SpareAmount

    public init(nodes: [NodeCondition], mineral: MineralID? = nil, amount: SpareAmount) {
        self.nodes = nodes
        self.mineral = mineral
        self.amount = amount
    }
}

// MARK: Descriptions for messages and reports

extension Shock: CustomStringConvertible {
    /// One line, such as `cut id=M_D by 50 %` or `ban cobalt exports from CHN (lost)`.
    public var description: String {
        switch self {
        case .cut(let cut): cut.description
        case .exportBan(let ban): ban.description
        case .addCapacity(let addition): addition.description
        }
    }

    /// The shock's keyword in scenario files (`cut`, `ban`, `add_capacity`).
    public var keyword: String {
        switch self {
        case .cut: "cut"
        case .exportBan: "ban"
        case .addCapacity: "add_capacity"
        }
    }
}

/// `id=M_D,country=COD`, or `every node` for an empty selector.
func selectorDescription(_ conditions: [NodeCondition]) -> String {
    conditions.isEmpty ? "every node" : conditions.map(\.description).joined(separator: ",")
}

extension OutputCut: CustomStringConvertible {
    public var description: String {
        "cut " + (mineral.map { "\($0) output of " } ?? "output of ") + selectorDescription(nodes)
            + " by " + NumberFormatting.compact(fraction * 100, decimals: 4) + " %"
    }
}

extension ExportBan: CustomStringConvertible {
    public var description: String {
        var text = "ban " + (mineral.map { "\($0) " } ?? "") + "exports from \(country)"
        if let stage { text += " at \(stage.rawValue)" }
        if let destinations { text += " to " + destinations.map(\.rawValue).joined(separator: ", ") }
        return text + " (\(mode.rawValue))"
    }
}

extension CapacityAddition: CustomStringConvertible {
    public var description: String {
        "add " + NumberFormatting.compact(tonnes, decimals: 4) + " t" + (mineral.map { " of \($0)" } ?? "")
            + " capacity at " + selectorDescription(nodes)
    }
}

extension SpareCapacity: CustomStringConvertible {
    public var description: String {
        let amount = switch self.amount {
        case .fractionOfOutput(let share): NumberFormatting.compact(share * 100, decimals: 4) + " % of output"
        case .tonnes(let tonnes): NumberFormatting.compact(tonnes, decimals: 4) + " t"
        case .declaredCapacity: "capacity minus output"
        }
        return "spare " + amount + (mineral.map { " of \($0)" } ?? "") + " at " + selectorDescription(nodes)
    }
}
