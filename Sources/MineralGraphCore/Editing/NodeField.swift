/// A field of a node that an edit can change, named as in graph files.
public enum NodeField: Hashable, Sendable, CustomStringConvertible {
    case name
    case kind
    case fate
    case country
    case capacityTonnes
    case otherInputsUSD
    case source
    case notes
    /// One figure of the `water` block, or (`nil`) the whole block, which can only be removed.
    case water(WaterField?)
    /// A field of the node's outputs of one mineral (`nil`: of every output). Without a field,
    /// every quantity: tonnes, contained tonnes and value.
    case output(MineralID?, OutputField?)

    /// A field of an output.
    public enum OutputField: String, CaseIterable, Hashable, Sendable {
        case product
        case tonnes
        case containedTonnes = "contained_tonnes"
        case valueUSD = "value_usd"

        public var isQuantity: Bool { self != .product }
    }

    /// A figure of a node's `water` block, named by its file key.
    public enum WaterField: String, CaseIterable, Hashable, Sendable {
        case withdrawal = "withdrawal_m3_per_t"
        case consumption = "consumption_m3_per_t"
        case brine = "brine_m3_per_t"
        case seawater = "seawater_m3_per_t"
        case awareFactor = "aware_cf"
        case baselineWaterStress = "baseline_water_stress"

        /// The figure in `water`.
        public var keyPath: WritableKeyPath<WaterUse, Double?> & Sendable {
            switch self {
            case .withdrawal: \.withdrawalM3PerTonne
            case .consumption: \.consumptionM3PerTonne
            case .brine: \.brineM3PerTonne
            case .seawater: \.seawaterM3PerTonne
            case .awareFactor: \.awareFactor
            case .baselineWaterStress: \.baselineWaterStress
            }
        }
    }

    /// Whether the field holds numbers that `*=` can scale (the `output` shorthands included).
    public var isScalable: Bool {
        switch self {
        case .capacityTonnes, .otherInputsUSD, .water(.some): true
        case .output(_, let field): field?.isQuantity ?? true
        default: false
        }
    }

    /// Whether the field is a single number that `+=` can add to.
    public var isSingleQuantity: Bool {
        switch self {
        case .capacityTonnes, .otherInputsUSD, .water(.some): true
        case .output(_, let field): field?.isQuantity ?? false
        default: false
        }
    }

    /// The field as written in an edit: `name`, `water.aware_cf`, `output[cobalt].tonnes`.
    public var description: String {
        switch self {
        case .name: "name"
        case .kind: "kind"
        case .fate: "fate"
        case .country: "country"
        case .capacityTonnes: "capacity_tonnes"
        case .otherInputsUSD: "other_inputs_usd"
        case .source: "source"
        case .notes: "notes"
        case .water(let field): "water" + (field.map { "." + $0.rawValue } ?? "")
        case .output(let mineral, let field):
            "output" + (mineral.map { "[\($0)]" } ?? "") + (field.map { "." + $0.rawValue } ?? "")
        }
    }
}
