/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a small, fast generator whose whole state is one 64-bit word, so a seed gives
/// the same draws on every machine and Swift version (the standard library's generator is
/// neither seedable nor stable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from `0..<1` with 53 random bits (the same bits on every platform, unlike
    /// `Double.random(in:using:)`, whose algorithm the standard library may change).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
