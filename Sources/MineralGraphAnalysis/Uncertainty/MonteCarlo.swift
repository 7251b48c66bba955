import MineralGraphCore

/// How many graphs to draw and which interval to report (docs/methods.md §10).
public struct MonteCarloSettings: Hashable, Codable, Sendable {
    /// Number of drawn graphs.
    public var draws: Int
    /// Seed of the ``SeededGenerator``: the same seed gives the same draws and figures.
    public var seed: UInt64
    /// Lower and upper probabilities of the reported interval (0.05 and 0.95: the 90 % interval).
    public var lowerProbability: Double
    public var upperProbability: Double

    public static let standard = MonteCarloSettings()

    public init(draws: Int = 1_000, seed: UInt64 = 1, lowerProbability: Double = 0.05, upperProbability: Double = 0.95) {
        self.draws = draws
        self.seed = seed
        self.lowerProbability = lowerProbability
        self.upperProbability = upperProbability
    }

    /// Runs `measure` on the `draws` graphs drawn from `figures`, in order.
    public func sample<T>(_ figures: UncertainFigures, _ measure: (SupplyGraph) -> T) -> [T] {
        (0..<max(draws, 0)).map { measure(figures.draw(index: $0, seed: seed)) }
    }
}

/// A figure with its Monte Carlo distribution: the value from the stated figures, the median
/// and the settings' interval (`p05`/`p95` by default) of the draws.
public struct IntervalEstimate: Hashable, Codable, Sendable {
    /// The figure computed from the stated values (what the report shows without uncertainty).
    public var value: Double
    public var low: Double
    public var median: Double
    public var high: Double

    public init(value: Double, low: Double, median: Double, high: Double) {
        self.value = value
        self.low = low
        self.median = median
        self.high = high
    }

    /// The estimate of `value` from its `draws`; `nil` when there are no draws.
    ///
    /// Quantiles interpolate linearly between order statistics (Hyndman and Fan's type 7,
    /// the default of R and NumPy): `q(p) = x[h⌋ + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])`,
    /// `h = (n − 1) p` on the sorted draws, 0-based.
    public init?(value: Double, draws: [Double], settings: MonteCarloSettings) {
        guard !draws.isEmpty else { return nil }
        let sorted = draws.sorted()
        self.init(
            value: value, low: Self.quantile(sorted, settings.lowerProbability),
            median: Self.quantile(sorted, 0.5), high: Self.quantile(sorted, settings.upperProbability))
    }

    /// The `p` quantile of sorted values (type 7).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let i = Int(h.rounded(.down))
        guard i + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i])
    }
}
