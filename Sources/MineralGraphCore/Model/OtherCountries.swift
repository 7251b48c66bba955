/// Production by countries a source does not name: the "Other countries" row of a USGS or
/// World Mining Data table.
///
/// It is not a node (it is no single place), but concentration metrics need it: treating it as
/// one country overstates HHI and dropping it understates it, so METHODS §1.4 bounds HHI
/// between the two.
public struct OtherCountries: Hashable, Codable, Sendable {
    public var mineral: MineralID
    public var stage: Stage
    /// The year of the figure; `nil` means the graph's year.
    public var year: Int?
    public var tonnes: Double?
    public var containedTonnes: Double?
    /// What `containedTonnes` measure; `nil` means the mineral's reference basis
    /// (``MineralInfo/referenceBasis``: t Co for cobalt, t LCE for lithium, t REO for rare earths).
    public var basis: QuantityBasis?
    public var source: String?
    public var notes: String?
    /// How sure the figures are (ranges, relative uncertainties, estimate marks); `nil` when
    /// the file states nothing, so the graph's defaults apply.
    public var uncertainty: FigureUncertainties?

    public init(
        mineral: MineralID, stage: Stage, year: Int? = nil, tonnes: Double? = nil,
        containedTonnes: Double? = nil, basis: QuantityBasis? = nil, source: String? = nil, notes: String? = nil,
        uncertainty: FigureUncertainties? = nil
    ) {
        self.mineral = mineral
        self.stage = stage
        self.year = year
        self.tonnes = tonnes
        self.containedTonnes = containedTonnes
        self.basis = basis
        self.source = source
        self.notes = notes
        self.uncertainty = uncertainty
    }

}
