import MineralGraphCore

/// GeoPolRisk: the geopolitical supply risk of an importing country for a raw material
/// (METHODS §1.9; Gemechu et al. 2016, J. Ind. Ecol. 20(1); Cimprich et al. 2017; Koyamparambath
/// et al. 2022 and the geopolrisk-py library; recommended by the UNEP Global Guidance for LCIA):
/// ```
/// GeoPolRisk_Ac = HHI_A · Σ_i (g_i · f_Aic) / (F_Ac + p_Ac)
/// ```
/// - `HHI_A`: the global **mining** HHI of mineral A in the graph's year on the 0–1 scale (C1's
///   headline, the upper bound where an "other countries" residual exists);
/// - `f_Aic`: imports of c from exporter i at the supplying stage (the graph's inter-country
///   product flows), in tonnes as traded (gross where every flow states it, else contained on one
///   basis); `F_Ac = Σ_i f_Aic`;
/// - `p_Ac`: c's own production at that stage (C1's figure for c, on the production table's basis);
/// - `g_i = clip((2.5 − PV_i) / 5, 0, 1)`, PV the WGI political-stability estimate of exporter i for
///   the graph's year (else the latest earlier year; the year used is reported).
/// The fraction `Σ g·f / (F + p)` is the **import risk** (0…1); a country without imports has
/// import risk 0 and says so.
///
/// The published method adds imports as traded and production as the production table states
/// it: the one sanctioned exception to METHODS §0.1 (one basis per sum). Both bases are reported
/// beside the score.
///
/// Missing inputs give `nil` with a reason, never 0: no mining HHI (`NO_MINING_HHI`), an exporter
/// without a WGI estimate (`MISSING_WGI`, naming it), unknown domestic production
/// (`MISSING_DOMESTIC`).
///
/// Worked example (METHODS §1.9): HHI_A = 0.30; c imports 60 t from i₁ (g = 0.6) and 40 t from i₂
/// (g = 0.2) and produces 100 t: import risk = (36 + 8) / 200 = 0.22; GeoPolRisk = 0.066.
public struct GeoPolRiskPass: Sendable {
    /// WGI estimates; the pass reads `GovernanceIndicator.politicalStability`.
    public var governance: GovernanceTable
    /// Countries to report besides the importers (with import risk 0 when they import nothing).
    public var countries: Set<CountryCode>

    public init(governance: GovernanceTable, countries: Set<CountryCode> = []) {
        self.governance = governance
        self.countries = countries
    }

    public func run(on graph: SupplyGraph) -> [GeoPolRisk] {
        run(on: GraphDerivations(graph))
    }

    /// GeoPolRisk of `derived`'s graph, from the stage-supply plans it keeps for other passes.
    public func run(on derived: GraphDerivations) -> [GeoPolRisk] {
        let graph = derived.graph
        let index = derived.index
        struct Key: Hashable, Comparable {
            let mineral: MineralID, stage: Stage, importer: CountryCode
            static func < (a: Key, b: Key) -> Bool { (a.mineral, a.importer, a.stage) < (b.mineral, b.importer, b.stage) }
        }
        // Import flows (their positions) by mineral, stage and importer.
        var imports: [Key: [(exporter: CountryCode, flow: Int)]] = [:]
        for i in graph.flows.indices where graph.flows[i].type != .waste {
            guard let (f, t) = index.endpoints[i] else { continue }
            let (exporter, importer, stage) = (graph.nodes[f].country, graph.nodes[t].country, graph.nodes[f].stage)
            // Raw materials and their products: waste and end uses are not supply (METHODS §2.5).
            guard exporter != importer, stage == .mining || stage == .processing || stage == .manufacturing else { continue }
            imports[Key(mineral: graph.flows[i].mineral, stage: stage, importer: importer), default: []].append((exporter, i))
        }
        let markets = StageSupply.collect(from: derived, stages: [.mining, .processing, .manufacturing]).filter { $0.year == graph.year }
        let concentration = StageConcentrationPass().run(on: derived)
        // Countries asked for without imports: one row per mineral at the stages they produce.
        for market in markets {
            for country in Set(market.nodes.map(\.country) + market.missing.map(\.country)) where countries.contains(country) {
                let key = Key(mineral: market.mineral, stage: market.stage, importer: country)
                if imports[key] == nil { imports[key] = [] }
            }
        }
        return imports.keys.sorted().map { key in
            row(key.mineral, key.stage, key.importer, flows: imports[key]!, graph: graph, markets: markets, concentration: concentration)
        }
    }

    private func row(
        _ mineral: MineralID, _ stage: Stage, _ importer: CountryCode, flows: [(exporter: CountryCode, flow: Int)],
        graph: SupplyGraph, markets: [StageSupply], concentration: StageConcentrationResult
    ) -> GeoPolRisk {
        // HHI_A: global mining HHI, 0–1.
        let mining = concentration.market(mineral, .mining, year: graph.year)
        let hhi: MetricValue =
            if let measures = mining?.measures { MetricValue(measures.hhi / 10_000) }
            else {
                MetricValue(unavailable: Unavailable(
                    ReasonCode.noMiningHHI,
                    "the graph has no global mining HHI of \(mineral) for \(graph.year)"
                        + (mining?.unavailable.map { " (\($0.code): \($0.reason))" } ?? "")))
            }
        // Imports as traded: gross where every flow states it, else contained on one basis.
        let basis: QuantityBasis =
            flows.allSatisfy({ graph.flows[$0.flow].tonnes != nil }) ? .gross
            : ImportConcentrationPass.basis(ofFlows: flows.map(\.flow), in: graph, mineral: mineral)
        var byExporter: [CountryCode: Double] = [:]
        var withoutTonnes = 0
        var bases = ContainedBases()
        for (exporter, i) in flows {
            if let tonnes = bases.quantity(ofFlow: i, in: graph, on: basis) { byExporter[exporter, default: 0] += tonnes } else { withoutTonnes += 1 }
        }
        var partners: [GeoPolRisk.Partner] = []
        var missingWGI: [CountryCode] = []
        var wgiYears = Set<Int>()
        for (exporter, tonnes) in byExporter.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            let estimate = governance.estimate(.politicalStability, exporter, year: graph.year)
            if let estimate { wgiYears.insert(estimate.year) } else { missingWGI.append(exporter) }
            partners.append(GeoPolRisk.Partner(
                country: exporter, tonnes: tonnes, stabilityEstimate: estimate?.value, wgiYear: estimate?.year,
                instability: estimate.map { GovernanceScaling.politicalInstability(estimate: $0.value) }))
        }
        let importTotal = byExporter.values.reduce(0, +)
        // p_Ac: the importer's production at the stage, on its market's basis.
        let market = markets.first { $0.mineral == mineral && $0.stage == stage }
        let domestic: MetricValue
        if let market, market.missing.contains(where: { $0.country == importer }) {
            domestic = .unavailable(ReasonCode.missingDomestic, "\(importer)'s \(stage.rawValue) production of \(mineral) has no figure")
        } else {
            domestic = MetricValue((market?.nodes.filter { $0.country == importer }.reduce(0) { $0 + $1.tonnes }) ?? 0)
        }
        var importRisk: MetricValue
        var note: String?
        if flows.isEmpty {
            importRisk = MetricValue(0)
            note = "no imports: import risk 0"
        } else if withoutTonnes == flows.count {
            importRisk = .unavailable(ReasonCode.missingTonnes, "no import flow of \(mineral) into \(importer) states tonnes")
        } else if !missingWGI.isEmpty {
            importRisk = .unavailable(
                ReasonCode.missingWGI,
                "no WGI political-stability estimate up to \(graph.year) for " + missingWGI.map(\.rawValue).joined(separator: ", "))
        } else if let p = domestic.value {
            let weighted = partners.reduce(0) { $0 + $1.instability! * $1.tonnes }
            importRisk = importTotal + p > 0 ? MetricValue(weighted / (importTotal + p))
                : .unavailable(ReasonCode.noSupply, "\(importer) neither imports nor produces \(mineral) at this stage")
        } else {
            importRisk = MetricValue(unavailable: domestic.unavailable!)
        }
        if withoutTonnes > 0, !flows.isEmpty, importRisk.value != nil {
            note = "\(withoutTonnes) import flow\(withoutTonnes == 1 ? "" : "s") without tonnes left out"
        }
        let score = hhi.combined(with: importRisk, *)
        return GeoPolRisk(
            mineral: mineral, importer: importer, year: graph.year, stage: stage, hhi: hhi, importRisk: importRisk,
            score: score, importTonnes: importTotal, importBasis: basis.unitLabel(for: mineral),
            domesticTonnes: domestic, productionBasis: (market?.basis ?? basis).unitLabel(for: mineral),
            wgiYears: wgiYears.sorted(), partners: partners, note: note)
    }
}

/// GeoPolRisk of one importer, mineral and supplying stage (METHODS §1.9).
public struct GeoPolRisk: Hashable, Codable, Sendable {
    public struct Partner: Hashable, Codable, Sendable {
        public var country: CountryCode
        /// f_Aic, tonnes on ``GeoPolRisk/importBasis``.
        public var tonnes: Double
        /// The WGI political-stability estimate used, and its year.
        public var stabilityEstimate: Double?
        public var wgiYear: Int?
        /// g_i, 0…1 (1 = least stable); `nil` without an estimate.
        public var instability: Double?
    }

    public var mineral: MineralID
    public var importer: CountryCode
    public var year: Int
    /// The stage of the exporting nodes (mining = ores and concentrates).
    public var stage: Stage
    /// HHI_A, the global mining HHI on the 0–1 scale.
    public var hhi: MetricValue
    /// Σ g·f / (F + p), 0…1.
    public var importRisk: MetricValue
    /// HHI_A × import risk, 0…1.
    public var score: MetricValue
    /// F_Ac.
    public var importTonnes: Double
    public var importBasis: String
    /// p_Ac.
    public var domesticTonnes: MetricValue
    public var productionBasis: String
    /// The WGI years the estimates come from.
    public var wgiYears: [Int]
    /// Exporters by tonnes descending.
    public var partners: [Partner]
    public var note: String?
}
