/// Whether `value` is present and within `tolerance` of `expected`, relative to the larger of 1
/// and |expected|: |value − expected| ≤ tolerance · max(1, |expected|).
public func approx(_ value: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance * max(1, abs(expected))
}

/// Whether `value` is present and within `absolute` of `expected`: |value − expected| ≤ absolute.
public func approx(_ value: Double?, _ expected: Double, absolute: Double) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= absolute
}
