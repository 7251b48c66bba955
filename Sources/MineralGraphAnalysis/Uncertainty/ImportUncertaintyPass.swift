import MineralGraphCore

/// C2 with its uncertainty: every importer's import-source HHI (METHODS §1.5), by contained
/// tonnes and by value, as Monte Carlo distributions over graphs drawn from the figures'
/// intervals (``UncertainFigures``; trade flows take the graph's `flows` default, the gap
/// between exporter- and importer-reported values), and how often the band of the stated
/// figures holds (docs/methods.md §10). No uncertain figure: no rows.
public struct ImportUncertaintyPass: Sendable {
    public var imports: ImportConcentrationPass
    public var settings: MonteCarloSettings

    public init(imports: ImportConcentrationPass = ImportConcentrationPass(), settings: MonteCarloSettings = .standard) {
        self.imports = imports
        self.settings = settings
    }

    public func run(on graph: SupplyGraph) -> [ImportUncertainty] {
        let figures = UncertainFigures(graph)
        guard !figures.isEmpty else { return [] }
        struct Key: Hashable { let importer: CountryCode, mineral: MineralID, stage: Stage, byValue: Bool }
        @Sendable func hhis(_ result: ImportConcentrationResult) -> [Key: (hhi: Double, band: ConcentrationBand?)] {
            var out: [Key: (Double, ConcentrationBand?)] = [:]
            for row in result.importers {
                for (byValue, measure) in [(false, row.byTonnes), (true, row.byValue)] {
                    if let hhi = measure.hhi {
                        out[Key(importer: row.importer, mineral: row.mineral, stage: row.stage, byValue: byValue)] = (hhi, measure.band)
                    }
                }
            }
            return out
        }
        let base = imports.run(on: graph)
        let stated = hhis(base)
        var draws: [Key: [Double]] = [:]
        var sameBand: [Key: Int] = [:]
        let imports = imports
        if figures.includesFlows {
            for drawn in settings.sampleConcurrently(figures, { imports.run(on: $0) }) {
                for (key, measure) in hhis(drawn) where stated[key] != nil {
                    draws[key, default: []].append(measure.hhi)
                    if measure.band == stated[key]?.band { sameBand[key, default: 0] += 1 }
                }
            }
        } else {
            // The HHIs without domestic production read the flows' figures alone: when no flow
            // figure is uncertain, every draw gives the stated HHI and band.
            let count = max(settings.draws, 0)
            for (key, measure) in stated {
                draws[key] = Array(repeating: measure.hhi, count: count)
                sameBand[key] = count
            }
        }
        return base.importers.flatMap { row -> [ImportUncertainty] in
            [false, true].compactMap { byValue in
                let key = Key(importer: row.importer, mineral: row.mineral, stage: row.stage, byValue: byValue)
                guard let (hhi, band) = stated[key],
                      let estimate = IntervalEstimate(value: hhi, draws: draws[key] ?? [], settings: settings)
                else { return nil }
                return ImportUncertainty(
                    importer: row.importer, mineral: row.mineral, stage: row.stage, year: row.year,
                    measure: byValue ? .valueUSD : .containedTonnes, hhi: estimate, band: band,
                    bandProbability: Double(sameBand[key] ?? 0) / Double(max(settings.draws, 1)))
            }
        }
    }
}

/// One importer's import-source HHI with its uncertainty.
public struct ImportUncertainty: Hashable, Codable, Sendable {
    /// What the shares are shares of.
    public enum Measure: String, Codable, Sendable {
        case containedTonnes = "contained-tonnes"
        case valueUSD = "value-usd"
    }

    public var importer: CountryCode
    public var mineral: MineralID
    /// The supplying stage.
    public var stage: Stage
    public var year: Int
    public var measure: Measure
    /// HHI, 0–10,000.
    public var hhi: IntervalEstimate
    public var band: ConcentrationBand?
    /// Fraction of draws whose HHI falls in `band` (0…1).
    public var bandProbability: Double
}
