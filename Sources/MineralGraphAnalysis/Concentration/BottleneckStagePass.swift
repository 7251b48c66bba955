import MineralGraphCore

/// C3: the bottleneck stage of each mineral and year, the stage with the highest supplier
/// concentration (METHODS §1.7, §1.8 item 4).
///
/// The EU CRM method computes supply risk for extraction and for processing and keeps the
/// larger ("max" rule). Supply risk needs external inputs (WGI, import reliance, recycling,
/// substitution; metric C4), so this pass ranks stages by the headline HHI of C1 instead:
/// `bottleneck(m, y) = argmax_k HHI(m, k, y)` over the supply stages (mining, processing,
/// manufacturing by default; waste destinations are not a supply stage). Ties go to the
/// earlier stage and are flagged. The choice is *robust* when the bottleneck's `hhi_lo` is at
/// least every other stage's `hhi_hi`, i.e. no split of the residuals can change it, and every
/// compared stage has a complete figure (a withheld stage could be the larger one).
/// Units: HHI 0–10,000.
///
/// Sources: METHODS §1.7 (EU CRM 2017 guidelines; CritMAT `supply_risk_eu.py`: the 2023
/// results keep the larger stage value, e.g. cobalt extraction, lithium processing).
public struct BottleneckStagePass: Sendable {
    public var stages: [Stage]
    public var guidelines: MergerGuidelines
    public var upperBound: ResidualUpperBound

    public init(
        stages: [Stage] = [.mining, .processing, .manufacturing], guidelines: MergerGuidelines = .us2023,
        upperBound: ResidualUpperBound = .smallestNamedCap
    ) {
        self.stages = stages
        self.guidelines = guidelines
        self.upperBound = upperBound
    }

    public func run(on graph: SupplyGraph) -> BottleneckStageResult {
        run(on: StageConcentrationPass(stages: stages, guidelines: guidelines, upperBound: upperBound).run(on: graph))
    }

    /// Ranks the markets of a C1 result (only those at this pass's stages).
    public func run(on concentration: StageConcentrationResult) -> BottleneckStageResult {
        struct Key: Hashable, Comparable {
            let mineral: MineralID, year: Int
            static func < (a: Key, b: Key) -> Bool { (a.mineral, a.year) < (b.mineral, b.year) }
        }
        var groups: [Key: [MarketConcentration]] = [:]
        for market in concentration.markets where stages.contains(market.stage) {
            groups[Key(mineral: market.mineral, year: market.year), default: []].append(market)
        }
        let items = groups.keys.sorted().map { key -> BottleneckStage in
            let markets = groups[key]!.sorted { $0.stage < $1.stage }
            let candidates = markets.map {
                BottleneckStage.Candidate(
                    stage: $0.stage, hhi: $0.measures?.hhi, hhiLo: $0.measures?.hhiLo, hhiHi: $0.measures?.hhiHi,
                    isComplete: $0.isComplete)
            }
            let measured = candidates.filter { $0.hhi != nil }
            guard let top = measured.max(by: { ($0.hhi!, -$0.stage.order) < ($1.hhi!, -$1.stage.order) }) else {
                return BottleneckStage(
                    mineral: key.mineral, year: key.year, stage: nil, hhi: nil, band: nil, isTie: false,
                    isRobust: false, candidates: candidates,
                    unavailable: Unavailable(ReasonCode.noMeasuredStage, "no stage of this mineral has a concentration figure"))
            }
            let others = measured.filter { $0.stage != top.stage }
            let isTie = others.contains { $0.hhi == top.hhi }
            return BottleneckStage(
                mineral: key.mineral, year: key.year, stage: top.stage, hhi: top.hhi,
                band: guidelines.band(forHHI: top.hhi!), isTie: isTie,
                // A stage whose figure is withheld or incomplete could be the larger one: not robust.
                isRobust: !isTie && others.allSatisfy { top.hhiLo! >= $0.hhiHi! }
                    && (candidates.count == 1 || candidates.allSatisfy { $0.isComplete && $0.hhi != nil }),
                candidates: candidates, unavailable: nil)
        }
        return BottleneckStageResult(guidelines: guidelines, minerals: items)
    }
}

/// The bottleneck stage of one mineral in one year.
public struct BottleneckStage: Hashable, Codable, Sendable {
    /// One stage considered, with its C1 figures.
    public struct Candidate: Hashable, Codable, Sendable {
        public var stage: Stage
        public var hhi: Double?
        public var hhiLo: Double?
        public var hhiHi: Double?
        public var isComplete: Bool
    }

    public var mineral: MineralID
    public var year: Int
    /// The most concentrated stage; `nil` when no stage has a figure.
    public var stage: Stage?
    /// Its headline HHI (0–10,000).
    public var hhi: Double?
    public var band: ConcentrationBand?
    /// Another stage has exactly the same HHI (the earlier stage is reported).
    public var isTie: Bool
    /// No split of the residuals and no withheld figure could change the ranking as far as the
    /// bounds tell: no tie, the bottleneck's `hhi_lo` is at least every other stage's `hhi_hi`,
    /// and every stage's list is complete. Trivially true when only one stage is measured.
    public var isRobust: Bool
    /// Every stage considered, in stage order.
    public var candidates: [Candidate]
    public var unavailable: Unavailable?
}

/// Bottleneck stages sorted by mineral and year.
public struct BottleneckStageResult: Hashable, Codable, Sendable {
    public var guidelines: MergerGuidelines
    public var minerals: [BottleneckStage]
}

extension Stage {
    /// Position in ``Stage/allCases`` (mining = 0).
    var order: Int { Stage.allCases.firstIndex(of: self)! }
}
