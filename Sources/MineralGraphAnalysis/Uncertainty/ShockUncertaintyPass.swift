import MineralGraphCore

/// S2 with its uncertainty (docs/methods.md §11.2, METHODS §4.3): the headline figures of a
/// what-if scenario as Monte Carlo distributions over graphs drawn from the figures' intervals
/// (``UncertainFigures``), the scenario applied identically to each drawn graph.
///
/// Draw `i` draws the graph as every other pass does (same ``MonteCarloSettings``, figure
/// identities and SplitMix64 streams, so `report` and `whatif` draw the same graphs), runs
/// ``ShockPropagationPass`` on it under both bounds, and measures:
///
/// - per bound and mineral, supply reaching final demand: delivered tonnes, shortfall tonnes
///   and share `1 − delivered / baseline`; value at risk (USD; where some changed flow has no
///   value, the sum over those that have one, as the report prints it `≥ …`), per mineral and
///   over every mineral;
/// - per bound, node and mineral: shortfall tonnes and share; per bound, country or group,
///   mineral and stage: delivered tonnes, shortfall tonnes and share;
/// - per market (mineral, stage, year): the HHI before the shock (C1 on the drawn graph), after
///   it under each bound (C1 on the drawn graph's shocked graph) and the change, paired within
///   the draw;
/// - labels, as the share of draws that keep the stated one: each market's bands before and
///   after (``ShockLabel/bands(_:_:year:)``) and, per bound and mineral, the country whose
///   final-demand nodes lose the largest share of their supply (``ShockLabel/mostAffected(_:_:)``).
///
/// Only the propagation and C1 run per draw, never a whole report. The result does not depend
/// on the number of threads: each draw is stored at its number. A draw whose scenario fails
/// (it cannot where the stated graph's does not: selectors read ids, countries and kinds, not
/// figures) adds nothing and counts against every label.
public struct ShockUncertaintyPass: Sendable {
    public var propagation: ShockPropagationPass
    public var concentration: StageConcentrationPass
    public var settings: MonteCarloSettings
    /// Draws on every core (`true`) or one after the other; the figures are the same.
    var concurrent = true

    public init(propagation: ShockPropagationPass, concentration: StageConcentrationPass = StageConcentrationPass(), settings: MonteCarloSettings = .standard) {
        self.propagation = propagation
        self.concentration = concentration
        self.settings = settings
    }

    /// The distributions of the scenario's figures on `graph`; `nil` when every figure of the
    /// graph is exact (then there is nothing to draw).
    public func run(on graph: SupplyGraph) throws(ShockScenarioError) -> ShockUncertaintyResult? {
        let figures = UncertainFigures(graph)
        guard !figures.isEmpty else { return nil }
        let stated = Self.measure(try propagation.run(on: graph), graph, concentration)
        let (propagation, concentration) = (propagation, concentration)
        let measure: @Sendable (SupplyGraph) -> Measured? = { drawn in
            (try? propagation.run(on: drawn)).map { Self.measure($0, drawn, concentration) }
        }
        let draws = concurrent ? settings.sampleConcurrently(figures, measure) : settings.sample(figures, measure)
        let count = Double(max(settings.draws, 1))
        var estimates: [ShockFigure: IntervalEstimate] = [:]
        for (figure, value) in stated.values {
            let values = draws.compactMap { $0?.values[figure] }
            if let estimate = IntervalEstimate(value: value, draws: values, settings: settings) { estimates[figure] = estimate }
        }
        var labels: [ShockLabel: LabelRobustness] = [:]
        for (label, value) in stated.labels {
            let kept = draws.filter { $0?.labels[label] == value }.count
            labels[label] = LabelRobustness(stated: value, probability: Double(kept) / count)
        }
        return ShockUncertaintyResult(settings: settings, uncertainFigures: figures.figures.count, estimates: estimates, labels: labels)
    }

    /// What one graph (stated or drawn) gives: figures and labels.
    struct Measured: Sendable {
        var values: [ShockFigure: Double] = [:]
        var labels: [ShockLabel: String] = [:]
    }

    static func measure(_ result: ShockResult, _ graph: SupplyGraph, _ concentration: StageConcentrationPass) -> Measured {
        var out = Measured()
        for bound in result.bounds {
            let b = bound.bound
            for row in bound.finalDemand {
                out.values[.finalDemand(b, row.mineral, .delivered)] = row.deliveredTonnes
                out.values[.finalDemand(b, row.mineral, .shortfall)] = row.shortfallTonnes
                if let share = row.shortfallShare.value { out.values[.finalDemand(b, row.mineral, .shortfallShare)] = share }
            }
            for risk in bound.valueAtRisk + [bound.totalValueAtRisk] {
                out.values[.valueAtRisk(b, risk.mineral)] = risk.valueUSD.value ?? risk.statedValueUSD
            }
            for row in bound.nodes {
                out.values[.node(b, row.nodeID, row.mineral, .shortfall)] = row.shortfallTonnes
                if let share = row.shortfallShare.value { out.values[.node(b, row.nodeID, row.mineral, .shortfallShare)] = share }
            }
            for row in bound.regions {
                out.values[.region(b, row.party.id, row.mineral, row.stage, .delivered)] = row.deliveredTonnes
                out.values[.region(b, row.party.id, row.mineral, row.stage, .shortfall)] = row.shortfallTonnes
                if let share = row.shortfallShare.value {
                    out.values[.region(b, row.party.id, row.mineral, row.stage, .shortfallShare)] = share
                }
            }
            for (mineral, most) in mostAffected(bound) { out.labels[.mostAffected(b, mineral)] = most.country.rawValue }
        }
        // C1 before and after; the upper bound's graph is the lower's when no spare is offered.
        let offersSpare = !result.spareCapacity.isEmpty || !result.withSubstitution.spare.isEmpty
        let before = concentration.run(on: graph).markets
        let lower = concentration.run(on: result.noSubstitution.graph).markets
        let after: [SubstitutionBound: [MarketConcentration]] = [
            .noSubstitution: lower,
            .withSubstitution: offersSpare ? concentration.run(on: result.withSubstitution.graph).markets : lower,
        ]
        struct Market: Hashable { let mineral: MineralID, stage: Stage, year: Int }
        let index = { (markets: [MarketConcentration]) in
            Dictionary(markets.map { (Market(mineral: $0.mineral, stage: $0.stage, year: $0.year), $0) }, uniquingKeysWith: { a, _ in a })
        }
        let afterIndex = after.mapValues(index)
        for market in before {
            let key = Market(mineral: market.mineral, stage: market.stage, year: market.year)
            let hhi = market.measures?.hhi
            if let hhi { out.values[.hhiBefore(key.mineral, key.stage, year: key.year)] = hhi }
            var bands = [market.band?.rawValue ?? "-"]
            for bound in SubstitutionBound.allCases where bound == .noSubstitution || offersSpare {
                let shocked = afterIndex[bound]?[key]
                bands.append(shocked?.band?.rawValue ?? "-")
                guard let afterHHI = shocked?.measures?.hhi else { continue }
                out.values[.hhiAfter(bound, key.mineral, key.stage, year: key.year)] = afterHHI
                if let hhi { out.values[.hhiChange(bound, key.mineral, key.stage, year: key.year)] = afterHHI - hhi }
            }
            out.labels[.bands(key.mineral, key.stage, year: key.year)] = bands.joined(separator: ">")
        }
        return out
    }

    /// Per mineral, the country whose final-demand nodes (``NodeShock/isFinalDemand``) lose the
    /// largest share of what they receive at baseline, `Σ shortfall / Σ baseline in`; ties go to
    /// the larger shortfall in tonnes, then the smaller code, given with that share. No country
    /// when none is short.
    public static func mostAffected(_ bound: ShockBound) -> [MineralID: (country: CountryCode, shortfallShare: Double)] {
        struct Sums { var shortfall = 0.0, baseline = 0.0 }
        var sums: [MineralID: [CountryCode: Sums]] = [:]
        for row in bound.nodes where row.isFinalDemand {
            sums[row.mineral, default: [:]][row.country, default: Sums()].shortfall += row.shortfallTonnes
            sums[row.mineral, default: [:]][row.country, default: Sums()].baseline += row.baselineInTonnes
        }
        struct Candidate {
            let country: CountryCode, share: Double, tonnes: Double
            func ranksAbove(_ other: Candidate) -> Bool {
                if share != other.share { return share > other.share }
                if tonnes != other.tonnes { return tonnes > other.tonnes }
                return country.rawValue < other.country.rawValue
            }
        }
        return sums.compactMapValues { countries -> (country: CountryCode, shortfallShare: Double)? in
            var best: Candidate?
            for (country, sum) in countries where sum.baseline > 0 && sum.shortfall > 0 {
                let candidate = Candidate(country: country, share: sum.shortfall / sum.baseline, tonnes: sum.shortfall)
                if best.map(candidate.ranksAbove) ?? true { best = candidate }
            }
            return best.map { ($0.country, $0.share) }
        }
    }
}

/// Which quantity of a what-if row a ``ShockFigure`` is.
public enum ShockQuantity: String, Hashable, Codable, Sendable {
    /// Tonnes received after the shock.
    case delivered
    /// Baseline minus delivered tonnes.
    case shortfall
    /// `1 − delivered / baseline` (0…1).
    case shortfallShare = "shortfall-share"
}

/// A figure of a what-if result that ``ShockUncertaintyPass`` draws.
public enum ShockFigure: Hashable, Sendable {
    /// Supply of a mineral reaching final demand (``FinalDemandShock``).
    case finalDemand(SubstitutionBound, MineralID, ShockQuantity)
    /// Value at risk (USD) of a mineral; `nil`: over every mineral.
    case valueAtRisk(SubstitutionBound, MineralID?)
    /// A node's shortfall (``NodeShock``), by node id.
    case node(SubstitutionBound, String, MineralID, ShockQuantity)
    /// A country's or group's row (``RegionShock``), by ISO code or group key.
    case region(SubstitutionBound, String, MineralID, Stage, ShockQuantity)
    /// C1 HHI of a market before the shock.
    case hhiBefore(MineralID, Stage, year: Int)
    /// C1 HHI of a market after the shock under a bound.
    case hhiAfter(SubstitutionBound, MineralID, Stage, year: Int)
    /// HHI after minus HHI before, within each draw.
    case hhiChange(SubstitutionBound, MineralID, Stage, year: Int)
}

/// A label a what-if report states, whose robustness ``ShockUncertaintyPass`` measures.
public enum ShockLabel: Hashable, Sendable {
    /// A market's band before the shock and after it under each bound that differs (the lower,
    /// and the upper when the scenario offers spare), as `before>after…`.
    case bands(MineralID, Stage, year: Int)
    /// The most affected country of a mineral under a bound (``ShockUncertaintyPass/mostAffected(_:)``).
    case mostAffected(SubstitutionBound, MineralID)
}

/// A stated label and the share of draws that keep it.
public struct LabelRobustness: Hashable, Sendable {
    public var stated: String
    /// 0…1.
    public var probability: Double
}

/// The distributions of a scenario's figures (``ShockUncertaintyPass``).
public struct ShockUncertaintyResult: Hashable, Sendable {
    public var settings: MonteCarloSettings
    /// How many figures of the graph have an interval.
    public var uncertainFigures: Int
    /// Every figure the stated graph gives, with its distribution over the draws.
    public var estimates: [ShockFigure: IntervalEstimate]
    public var labels: [ShockLabel: LabelRobustness]
}
