/// How concentrated a market is, as a label (METHODS §1.2).
///
/// Antitrust bands were written for firms in a product market, not for countries in a world
/// mineral market: reports print them as labels next to the numeric HHI, never alone.
public enum ConcentrationBand: String, CaseIterable, Codable, Sendable {
    case unconcentrated
    case moderatelyConcentrated = "moderately-concentrated"
    case highlyConcentrated = "highly-concentrated"

    /// The label for people ("highly concentrated").
    public var title: String {
        switch self {
        case .unconcentrated: "unconcentrated"
        case .moderatelyConcentrated: "moderately concentrated"
        case .highlyConcentrated: "highly concentrated"
        }
    }
}

/// The HHI thresholds of the US merger guidelines, used as concentration labels (METHODS §1.2).
///
/// | Guidelines | Unconcentrated | Moderately | Highly |
/// |---|---|---|---|
/// | 2023 Merger Guidelines (default) | < 1,000 | 1,000–1,800 | > 1,800 |
/// | 2010 Horizontal Merger Guidelines §5.3 | < 1,500 | 1,500–2,500 | > 2,500 |
///
/// The bounds of the middle band belong to it (an HHI of exactly 1,800 is "moderately
/// concentrated" under the 2023 guidelines, which call markets "highly concentrated" above 1,800).
///
/// Sources: US DOJ/FTC Merger Guidelines (18 December 2023), Guideline 1
/// (https://www.justice.gov/atr/merger-guidelines/applying-merger-guidelines/guideline-1);
/// US DOJ/FTC Horizontal Merger Guidelines (2010) §5.3.
public enum MergerGuidelines: String, CaseIterable, Codable, Sendable {
    case us2023 = "2023"
    case us2010 = "2010"

    /// Upper bound of "unconcentrated" (exclusive) and of "moderately concentrated" (inclusive),
    /// HHI on the 0–10,000 scale.
    public var thresholds: (moderate: Double, high: Double) {
        switch self {
        case .us2023: (1_000, 1_800)
        case .us2010: (1_500, 2_500)
        }
    }

    public var title: String {
        switch self {
        case .us2023: "US DOJ/FTC Merger Guidelines (2023)"
        case .us2010: "US DOJ/FTC Horizontal Merger Guidelines (2010), §5.3"
        }
    }

    public var source: String {
        switch self {
        case .us2023: "https://www.justice.gov/atr/merger-guidelines/applying-merger-guidelines/guideline-1"
        case .us2010: "US DOJ/FTC, Horizontal Merger Guidelines, 19 August 2010, §5.3"
        }
    }

    /// HHI differences below this (on the 0–10,000 scale) are rounding, not concentration: an HHI
    /// computed as 1,800.000000001 from shares is 1,800 and "moderately concentrated".
    public static let thresholdTolerance = 1e-6

    /// The band of an HHI (0–10,000); a value within ``thresholdTolerance`` of a threshold counts
    /// as on it (the thresholds belong to the moderate band: "1,000–1,800").
    public func band(forHHI hhi: Double) -> ConcentrationBand {
        let (moderate, high) = thresholds
        if hhi < moderate - Self.thresholdTolerance { return .unconcentrated }
        if hhi <= high + Self.thresholdTolerance { return .moderatelyConcentrated }
        return .highlyConcentrated
    }
}
