import MineralGraphCore

/// Gross tonnes of a waste or recovered-fraction flow: `tonnes`, else `contained_tonnes` when their
/// basis is the gross mass (e-waste's reference basis).
enum WasteTonnes {
    /// The flow's figure on the gross basis (`tonnes` is `quantity(on: .gross)` of it), or the
    /// reason it has none; `label` names the flow in the reason (made only then).
    static func gross(_ tonnes: Double?, label: @autoclosure () -> String) -> MetricValue {
        if let tonnes { return MetricValue(tonnes) }
        return .unavailable(ReasonCode.missingTonnes, "\(label()) has no gross tonnes")
    }
}
