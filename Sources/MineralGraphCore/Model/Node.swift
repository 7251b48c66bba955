/// A facility or a country-stage aggregate: a mine, a refinery, a cell plant, a landfill.
public struct Node: Hashable, Codable, Sendable, Identifiable {
    /// Unique within the graph; flows name nodes by id.
    public var id: String
    /// Human-readable name; the id is shown where it is missing.
    public var name: String?
    public var kind: NodeKind
    /// ISO 3166-1 alpha-3 code.
    public var country: CountryCode
    public var outputs: [Output]
    /// Production capacity, metric tonnes of the reference (first) output's basis per year.
    public var capacityTonnes: Double?
    public var water: WaterUse?
    /// Non-material inputs (energy, reagents, services) in USD, subtracted from value added.
    public var otherInputsUSD: Double?
    /// Free-form reference to where the figures come from (often the id of a graph source).
    public var source: String?
    public var notes: String?

    public init(
        id: String, name: String? = nil, kind: NodeKind, country: CountryCode,
        outputs: [Output] = [], capacityTonnes: Double? = nil, water: WaterUse? = nil,
        otherInputsUSD: Double? = nil, source: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.outputs = outputs
        self.capacityTonnes = capacityTonnes
        self.water = water
        self.otherInputsUSD = otherInputsUSD
        self.source = source
        self.notes = notes
    }

    public var stage: Stage { kind.stage }
    /// The name if given, else the id.
    public var displayName: String { name ?? id }

    /// The output of `mineral` in `year` (outputs without a year belong to `graphYear`).
    public func output(of mineral: MineralID, year: Int, graphYear: Int) -> Output? {
        outputs.first { $0.mineral == mineral && ($0.year ?? graphYear) == year }
    }

    /// Whether the node lists `mineral` among its outputs in any year.
    public func outputs(_ mineral: MineralID) -> Bool {
        outputs.contains { $0.mineral == mineral }
    }
}
