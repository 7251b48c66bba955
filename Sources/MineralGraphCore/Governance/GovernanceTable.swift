/// The six dimensions of the World Bank Worldwide Governance Indicators (WGI), by the series
/// codes the World Bank publishes them under. Estimates run from about −2.5 (weak) to 2.5 (strong).
///
/// Source: Kaufmann, Kraay and Mastruzzi, "The Worldwide Governance Indicators: Methodology and
/// Analytical Issues", World Bank Policy Research Working Paper 5430 (2010); www.govindicators.org.
public enum GovernanceIndicator: String, CaseIterable, Hashable, Codable, Sendable, Comparable {
    case voiceAndAccountability = "VA.EST"
    case politicalStability = "PV.EST"
    case governmentEffectiveness = "GE.EST"
    case regulatoryQuality = "RQ.EST"
    case ruleOfLaw = "RL.EST"
    case controlOfCorruption = "CC.EST"

    public var title: String {
        switch self {
        case .voiceAndAccountability: "Voice and Accountability"
        case .politicalStability: "Political Stability and Absence of Violence/Terrorism"
        case .governmentEffectiveness: "Government Effectiveness"
        case .regulatoryQuality: "Regulatory Quality"
        case .ruleOfLaw: "Rule of Law"
        case .controlOfCorruption: "Control of Corruption"
        }
    }

    public static func < (a: GovernanceIndicator, b: GovernanceIndicator) -> Bool { a.rawValue < b.rawValue }
}

/// WGI estimates per indicator, country and year, with where they come from.
///
/// Looking up a year the table lacks gives the latest earlier year (WGI is published with a lag
/// of a year or more; tool convention), and the answer says which year it is, so that reports can
/// print it.
public struct GovernanceTable: Hashable, Sendable {
    /// The citation reports print beside the figures.
    public var source: String
    /// estimates[indicator][country][year]
    public private(set) var estimates: [GovernanceIndicator: [CountryCode: [Int: Double]]]

    public init(source: String, estimates: [GovernanceIndicator: [CountryCode: [Int: Double]]] = [:]) {
        self.source = source
        self.estimates = estimates
    }

    public mutating func set(_ indicator: GovernanceIndicator, _ country: CountryCode, year: Int, _ estimate: Double) {
        estimates[indicator, default: [:]][country, default: [:]][year] = estimate
    }

    /// The indicators the table has.
    public var indicators: [GovernanceIndicator] { estimates.keys.sorted() }

    /// The estimate of `year`, else of the latest earlier year; `nil` when the country has none
    /// up to `year`.
    public func estimate(_ indicator: GovernanceIndicator, _ country: CountryCode, year: Int) -> (value: Double, year: Int)? {
        guard let series = estimates[indicator]?[country] else { return nil }
        if let value = series[year] { return (value, year) }
        guard let latest = series.keys.filter({ $0 < year }).max() else { return nil }
        return (series[latest]!, latest)
    }

    /// The mean of the six dimensions' estimates of one year (the JRC/EU CRM input), `nil` unless
    /// all six are known for the same year (that year, else the latest earlier one with all six).
    public func meanOfSix(_ country: CountryCode, year: Int) -> (value: Double, year: Int)? {
        guard GovernanceIndicator.allCases.allSatisfy({ estimates[$0]?[country] != nil }) else { return nil }
        let years = Set(GovernanceIndicator.allCases.flatMap { estimates[$0]![country]!.keys }).filter { $0 <= year }.sorted(by: >)
        for candidate in years {
            let values = GovernanceIndicator.allCases.compactMap { estimates[$0]![country]![candidate] }
            if values.count == GovernanceIndicator.allCases.count {
                return (values.reduce(0, +) / Double(values.count), candidate)
            }
        }
        return nil
    }
}
