import MineralGraphCore

/// Gross tonnes of a waste or recovered-fraction flow: `tonnes`, else `contained_tonnes` when their
/// basis is the gross mass (e-waste's reference basis).
enum WasteTonnes {
    /// `label` names the flow in the reason of a missing figure (made only then).
    static func gross(_ flow: Flow, label: @autoclosure () -> String) -> MetricValue {
        if let tonnes = flow.quantity(on: .gross) { return MetricValue(tonnes) }
        return .unavailable(ReasonCode.missingTonnes, "\(label()) has no gross tonnes")
    }
}
