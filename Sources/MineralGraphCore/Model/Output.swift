/// One mineral a node produces in the graph's year.
///
/// A node may have several outputs: a copper–cobalt mine lists copper and cobalt.
/// `containedTonnes` is the element (or basis, such as LCE or REO) contained in the
/// gross product tonnes; concentration metrics use it where given (METHODS §0).
public struct Output: Hashable, Codable, Sendable {
    public var mineral: MineralID
    /// The year of the figures; `nil` means the graph's year. Production tables with several
    /// years give one output per mineral and year.
    public var year: Int?
    /// Product name, such as "cobalt hydroxide" or "spodumene concentrate".
    public var product: String?
    /// Gross product mass, metric tonnes.
    public var tonnes: Double?
    /// Contained mineral, metric tonnes of the mineral's basis (t Co, t LCE, t REO ...).
    public var containedTonnes: Double?
    /// What `containedTonnes` measure; `nil` means the mineral's reference basis
    /// (``MineralInfo/referenceBasis``: t Co for cobalt, t LCE for lithium, t REO for rare earths).
    public var basis: QuantityBasis?
    /// Value of the whole output in USD at the graph's price year, where known.
    public var valueUSD: Double?
    /// How sure the figures are (ranges, relative uncertainties, estimate marks); `nil` when
    /// the file states nothing, so the graph's defaults apply.
    public var uncertainty: FigureUncertainties?

    public init(
        mineral: MineralID, year: Int? = nil, product: String? = nil, tonnes: Double? = nil,
        containedTonnes: Double? = nil, basis: QuantityBasis? = nil, valueUSD: Double? = nil,
        uncertainty: FigureUncertainties? = nil
    ) {
        self.mineral = mineral
        self.year = year
        self.product = product
        self.tonnes = tonnes
        self.containedTonnes = containedTonnes
        self.basis = basis
        self.valueUSD = valueUSD
        self.uncertainty = uncertainty
    }

}
