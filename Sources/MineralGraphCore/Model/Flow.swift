/// A directed flow of one product of one mineral between two nodes in the graph's year.
public struct Flow: Hashable, Codable, Sendable {
    /// Id of the source node.
    public var from: String
    /// Id of the destination node.
    public var to: String
    public var mineral: MineralID
    public var product: String?
    /// Gross product mass, metric tonnes.
    public var tonnes: Double?
    /// Contained mineral, metric tonnes of the mineral's basis.
    public var containedTonnes: Double?
    /// What `containedTonnes` measure; `nil` means the mineral's reference basis
    /// (``MineralInfo/referenceBasis``: t Co for cobalt, t LCE for lithium, t REO for rare earths).
    public var basis: QuantityBasis?
    /// Value in USD (exporter-side FOB by convention, METHODS §2.6).
    public var valueUSD: Double?
    public var type: FlowType
    public var source: String?
    public var notes: String?
    /// How sure the figures are (ranges, relative uncertainties, estimate marks); `nil` when
    /// the file states nothing, so the graph's defaults apply.
    public var uncertainty: FigureUncertainties?

    public init(
        from: String, to: String, mineral: MineralID, product: String? = nil,
        tonnes: Double? = nil, containedTonnes: Double? = nil, basis: QuantityBasis? = nil, valueUSD: Double? = nil,
        type: FlowType = .product, source: String? = nil, notes: String? = nil,
        uncertainty: FigureUncertainties? = nil
    ) {
        self.from = from
        self.to = to
        self.mineral = mineral
        self.product = product
        self.tonnes = tonnes
        self.containedTonnes = containedTonnes
        self.basis = basis
        self.valueUSD = valueUSD
        self.type = type
        self.source = source
        self.notes = notes
        self.uncertainty = uncertainty
    }

}
