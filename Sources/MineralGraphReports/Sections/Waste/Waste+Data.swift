import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    /// X1 (METHODS §2.5): the JSON key `waste`.
    ///
    /// Waste flows are kept out of the product metrics; the balance counts inter-country `waste`
    /// flows in gross tonnes, and recovered fractions (circuit boards and the like) moving back
    /// are a separate value-recapture flow. Groups drop flows between two members.
    public struct WasteSection: Codable, Hashable, Sendable {
        /// Waste flows in the graph, domestic ones included.
        public var wasteFlowCount: Int
        public var totalWasteTonnes: Metric
        public var countries: [WasteRow]
        public var groups: [WasteRow]
    }

    public struct WasteRow: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        /// Gross tonnes; `net` = imported − exported is the waste balance WB.
        public var wasteTonnes: Flows
        public var wasteValueUsd: Flows
        /// Recovered fractions traded, gross tonnes and USD.
        public var recoveredTonnes: Flows
        public var recoveredValueUsd: Flows
        /// Value of recovered fractions exported ÷ value of waste imported.
        public var valueRecaptureRatio: Metric
        /// Gross tonnes of waste flowing into the party's nodes, domestic flows included.
        public var wasteReceivedTonnes: Metric
        /// Of all waste in the graph, 0…1.
        public var wasteReceivedShare: Metric
        public var receivedByFate: [FateItem]
    }

    public struct FateItem: Codable, Hashable, Sendable {
        /// A `WasteFate` raw value, or `not-waste-destination` for waste received by other nodes.
        public var fate: String
        public var tonnes: Metric
    }
}
