import Dispatch
import Foundation
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

extension MonteCarloSettings {
    /// The figures `measure` gives on each of the `draws` graphs drawn from `figures`, per key,
    /// in draw order: `values[key][i]` is the figure in draw `i`, `nil` where the draw does not
    /// give it (unavailable there). Keys are those of the drawn graphs.
    ///
    /// Any pass whose figures can be named (an importer's origin HHI, a country's value-added
    /// share) propagates this way; two graphs drawn with the same settings draw the same value
    /// for figures of the same identity (``UncertainFigures``), so their draws pair (docs/methods.md §11.4).
    public func drawnValues<Key: Hashable & Sendable>(
        _ figures: UncertainFigures, _ measure: @escaping @Sendable (SupplyGraph) -> [Key: Double]
    ) -> [Key: [Double?]] {
        let count = max(draws, 0)
        var values: [Key: [Double?]] = [:]
        for (i, drawn) in sampleConcurrently(figures, measure).enumerated() {
            for (key, value) in drawn { values[key, default: Array(repeating: nil, count: count)][i] = value }
        }
        return values
    }

    /// ``sample(_:_:)`` on every core: the draws are cut into contiguous parts that the next
    /// free thread measures, each result stored at its draw's index, so the result is the same
    /// whatever the number of threads. Each part writes its draws into one copy of the graph
    /// (``UncertainFigures/write(index:seed:into:)``) rather than copying the graph per draw.
    public func sampleConcurrently<T: Sendable>(_ figures: UncertainFigures, _ measure: @escaping @Sendable (SupplyGraph) -> T) -> [T] {
        let seed = seed
        return forEachPart { draws in
            var drawn = figures.graph
            return draws.map { index in
                figures.write(index: index, seed: seed, into: &drawn)
                return measure(drawn)
            }
        }
    }

    /// `body` of every draw number `0..<draws`, on every core, in draw order (for draws of
    /// several graphs at once: `trend` draws each year's graph with the same number).
    public func forEachDraw<T: Sendable>(_ body: @escaping @Sendable (Int) -> T) -> [T] {
        forEachPart { $0.map(body) }
    }

    /// `part` of contiguous ranges of draw numbers covering `0..<draws`, on every core; its
    /// results, one per draw of the range, are put together in draw order.
    private func forEachPart<T: Sendable>(_ part: @escaping @Sendable (Range<Int>) -> [T]) -> [T] {
        let count = max(draws, 0)
        let parts = min(count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        guard parts > 1 else { return part(0..<count) }
        let results = DrawResults<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: parts) { index in
            let range = (count * index / parts)..<(count * (index + 1) / parts)
            results.set(range.lowerBound, part(range))
        }
        return results.all
    }

    /// Whether `measure` depends on some uncertain figure: whether moving one figure alone to
    /// either end of its interval changes what it gives on the stated graph. A pass that reads
    /// none of the uncertain figures (trade flows when only production figures are uncertain)
    /// need not be drawn. Without a screen (more than `draws / 2` figures, where screening
    /// costs more than drawing) the answer is `true`.
    public func dependsOnSome<T: Equatable>(_ figures: UncertainFigures, _ measure: (SupplyGraph) -> T) -> Bool {
        guard !figures.isEmpty else { return false }
        guard figures.figures.count <= max(draws, 0) / 2 else { return true }
        let stated = measure(figures.graph)
        for (i, figure) in figures.figures.enumerated() {
            for end in [figure.interval.lowerBound, figure.interval.upperBound] where measure(figures.moving(i, to: end)) != stated {
                return true
            }
        }
        return false
    }

    /// The estimate of every figure `measure` gives on the stated graph, from its values on the
    /// drawn graphs (draws that lack it are left out); a figure no draw gives has none.
    public func estimates<Key: Hashable & Sendable>(
        _ figures: UncertainFigures, _ measure: @escaping @Sendable (SupplyGraph) -> [Key: Double]
    ) -> [Key: IntervalEstimate] {
        let stated = measure(figures.graph)
        let drawn = drawnValues(figures, measure)
        return stated.reduce(into: [:]) { out, item in
            if let estimate = IntervalEstimate(value: item.value, draws: (drawn[item.key] ?? []).compactMap { $0 }, settings: self) {
                out[item.key] = estimate
            }
        }
    }
}

extension IntervalEstimate {
    /// Whether some draw moved the figure: the interval has width.
    public var moves: Bool { low != high }

    /// Whether the interval leaves out zero: a change whose interval of differences lies wholly
    /// above or below 0 exceeds the uncertainty (docs/methods.md §11.4).
    public var excludesZero: Bool { low > 0 || high < 0 }
}

/// Draw results written by the threads of ``MonteCarloSettings/sampleConcurrently(_:_:)``, each
/// range of slots by one thread.
private final class DrawResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ start: Int, _ values: [T]) {
        lock.lock()
        for (offset, value) in values.enumerated() { slots[start + offset] = value }
        lock.unlock()
    }

    var all: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
