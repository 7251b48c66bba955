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

    /// A field of an output that an edit can change, named by its file key (``OutputKey``).
    public enum OutputField: CaseIterable, Hashable, Sendable, RawRepresentable {
        case product
        case tonnes
        case containedTonnes
        case valueUSD

        public var isQuantity: Bool { self != .product }

        /// The graph-file key of the field.
        public var key: OutputKey {
            switch self {
            case .product: .product
            case .tonnes: .tonnes
            case .containedTonnes: .containedTonnes
            case .valueUSD: .valueUSD
            }
        }

        public var rawValue: String { key.rawValue }

        public init?(rawValue: String) {
            guard let field = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
            self = field
        }
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

    /// The graph-file key of the field (`outputs` for an output field).
    public var key: NodeKey {
        switch self {
        case .name: .name
        case .kind: .kind
        case .fate: .fate
        case .country: .country
        case .capacityTonnes: .capacityTonnes
        case .otherInputsUSD: .otherInputsUSD
        case .source: .source
        case .notes: .notes
        case .water: .water
        case .output: .outputs
        }
    }

    /// The fields that are one key of the node, in file order (not `water` or an output).
    public static let singleFields: [NodeField] = [.name, .kind, .fate, .country, .capacityTonnes, .otherInputsUSD, .source, .notes]

    /// The word an edit names an output field with (the file key is `outputs`).
    public static let outputWord = "output"

    /// The field as written in an edit: `name`, `water.aware_cf`, `output[cobalt].tonnes`.
    public var description: String {
        switch self {
        case .water(let field): key.rawValue + (field.map { "." + $0.rawValue } ?? "")
        case .output(let mineral, let field):
            Self.outputWord + (mineral.map { "[\($0)]" } ?? "") + (field.map { "." + $0.rawValue } ?? "")
        default: key.rawValue
        }
    }
}
