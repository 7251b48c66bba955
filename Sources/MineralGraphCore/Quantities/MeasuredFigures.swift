/// Figures that state tonnes of one mineral, gross and contained: outputs, flows and the
/// "other countries" residual. Gives each figure with its basis (METHODS §0.1).
public protocol MeasuredFigures {
    var mineral: MineralID { get }
    /// Gross product tonnes.
    var tonnes: Double? { get }
    /// Contained tonnes on ``containedBasis``.
    var containedTonnes: Double? { get }
    /// The stated basis of `containedTonnes`, `nil` for the mineral's reference basis.
    var basis: QuantityBasis? { get }
}

extension MeasuredFigures {
    /// The basis of `containedTonnes`: the stated one, else the mineral's reference basis.
    public var containedBasis: QuantityBasis {
        basis ?? MineralCatalog.info(mineral)?.referenceBasis ?? .element
    }

    /// The contained figure with its basis.
    public var contained: Quantity? { containedTonnes.map { Quantity(tonnes: $0, basis: containedBasis) } }

    /// The gross figure.
    public var gross: Quantity? { tonnes.map { Quantity(tonnes: $0, basis: .gross) } }

    /// The figure on `target`: the contained figure converted where it can be, else the gross
    /// figure when `target` is gross. `nil` where neither gives it (METHODS §0.1: never a guess).
    public func quantity(on target: QuantityBasis) -> Double? {
        if let contained, let converted = contained.converted(to: target) { return converted.tonnes }
        if target == .gross { return tonnes }
        return nil
    }

    /// The bases this figure can be given on without a grade: its contained basis (and every basis
    /// that converts from it) and gross where gross tonnes are stated.
    public func canBeGiven(on target: QuantityBasis) -> Bool { quantity(on: target) != nil }
}

extension Output: MeasuredFigures {}
extension Flow: MeasuredFigures {}
extension OtherCountries: MeasuredFigures {}
