import MineralGraphCore

/// Gross tonnes of a waste or recovered-fraction flow: `tonnes`, else `contained_tonnes` when their
/// basis is the gross mass (e-waste's reference basis).
enum WasteTonnes {
    static func gross(_ flow: Flow, label: String) -> MetricValue {
        if let tonnes = flow.quantity(on: .gross) { return MetricValue(tonnes) }
        return .unavailable(ReasonCode.missingTonnes, "\(label) has no gross tonnes")
    }
}
