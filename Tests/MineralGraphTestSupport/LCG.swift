/// A linear congruential generator (Knuth's MMIX constants) for randomised tests: the same
/// numbers on every platform and run for a seed, so that a failing case replays from its seed.
/// (The library's own `SeededGenerator`, SplitMix64, is for the Monte Carlo passes.)
public struct LCG: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
