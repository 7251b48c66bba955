import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    /// A trading partner of an importer or an exporter of a stage, with its share.
    public struct Partner: Codable, Hashable, Sendable {
        public var country: CountryCode
        public var name: String
        public var share: Double?
        /// Tonnes or USD, as the variant's `unit` says.
        public var amount: Double
    }

    /// A number of the unequal-exchange, value-added, water and waste sections: the rounded
    /// value, or `null` with the reason it is missing (METHODS §0: never a silent zero).
    ///
    /// JSON: `{"unavailable": null, "value": 12.5}` or
    /// `{"unavailable": {"code": "MISSING_VALUE", "reason": "…"}, "value": null}` — both keys are
    /// always present. Reports run the passes without defaults for missing data, so no value is
    /// imputed.
    public struct Metric: Codable, Hashable, Sendable {
        public var value: Double?
        public var unavailable: Unavailable?

        /// A value, or `nil` and the reason (`MISSING_VALUE` when none is given).
        public init(value: Double?, unavailable: Unavailable? = nil) {
            self.value = value
            self.unavailable = value == nil ? (unavailable ?? Unavailable(.missingValue, "no value")) : nil
        }

        /// `metric` rounded to its unit.
        init(_ metric: MetricValue, _ unit: ReportUnit) {
            self.init(value: metric.value.map(unit.round), unavailable: metric.unavailable)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(value, forKey: .value)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }

    /// Exports, imports and the net inflow (`imported − exported`) of one quantity of a country
    /// or group (Eurostat sign: positive = net importer).
    public struct Flows: Codable, Hashable, Sendable {
        public var exported: Metric
        public var imported: Metric
        public var net: Metric

        init(_ flows: TradeFlows, _ unit: ReportUnit) {
            exported = Metric(flows.exported, unit)
            imported = Metric(flows.imported, unit)
            net = Metric(flows.net, unit)
        }
    }

    /// How the linear systems behind embodied quantities were solved (graphs with loops).
    public struct SolverInfo: Codable, Hashable, Sendable {
        /// False when some loop had no solution; its values and those downstream are `NOT_CONVERGED`.
        public var converged: Bool
        /// Components with a loop (recycling).
        public var cyclicComponents: Int
        /// Largest number of Gauss–Seidel sweeps any component needed (0: none iterated).
        public var iterations: Int

        init(_ report: SolverReport) {
            converged = report.converged
            cyclicComponents = report.cyclicComponents
            iterations = report.iterations
        }
    }
}
