/// What a flow carries, for the accounting rules of METHODS §2.5.
///
/// Waste flows are excluded from product metrics (unit values, unequal exchange)
/// because they can carry zero or negative value.
public enum FlowType: String, CaseIterable, Codable, Sendable {
    /// Goods sold along the chain: ore, concentrate, refined metal, components, products.
    case product
    /// Discarded material moving towards a waste destination.
    case waste
    /// A high-value fraction recovered from waste (e.g. printed circuit boards) moving back.
    case recoveredFraction = "recovered-fraction"
}
