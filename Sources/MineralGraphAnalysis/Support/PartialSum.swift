import MineralGraphCore

/// A running sum that remembers missing terms instead of treating them as zero (METHODS §0).
///
/// The sum is available only when every term is; otherwise its reason counts the missing terms
/// and quotes one of them: the least by code and text, so that the reason does not depend on the
/// order of the terms (two files that differ only in node order give the same report).
struct PartialSum: Sendable {
    private(set) var sum = 0.0
    private(set) var terms = 0
    private(set) var missing = 0
    private(set) var firstMissing: Unavailable?
    private(set) var imputed = false

    init() {}

    mutating func add(_ term: MetricValue) {
        terms += 1
        if let value = term.value {
            sum += value
            imputed = imputed || term.imputed
        } else {
            missing += 1
            // The least by code and text; codes compared by identity first (most terms share one).
            if let reason = term.unavailable,
               firstMissing.map({ reason.code == $0.code ? reason.reason < $0.reason : reason.code.rawValue < $0.code.rawValue }) ?? true {
                firstMissing = reason
            }
        }
    }

    mutating func add(_ value: Double) { add(MetricValue(value)) }

    /// The sum, or the quoted reason with the count of missing terms.
    var metric: MetricValue {
        guard missing > 0 else { return MetricValue(sum, imputed: imputed) }
        let first = firstMissing ?? Unavailable(ReasonCode.missingValue, "a term is missing")
        if terms == 1 { return MetricValue(unavailable: first) }
        return MetricValue(unavailable: Unavailable(first.code, "\(missing) of \(terms) terms unavailable, for example: \(first.reason)"))
    }

    /// The sum of the terms that are available, whatever is missing (for "stated" totals).
    var statedSum: Double { sum }
}
