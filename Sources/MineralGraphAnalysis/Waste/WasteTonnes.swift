import MineralGraphCore

/// Gross tonnes of a waste or recovered-fraction flow: `tonnes`, else `contained_tonnes` when the
/// mineral's contained basis is the gross mass (e-waste).
enum WasteTonnes {
    static func gross(_ flow: Flow, label: String) -> MetricValue {
        if let tonnes = flow.tonnes { return MetricValue(tonnes) }
        if let contained = flow.containedTonnes, MineralCatalog.info(flow.mineral)?.containedBasis == "t gross" {
            return MetricValue(contained)
        }
        return .unavailable("MISSING_TONNES", "\(label) has no gross tonnes")
    }
}
