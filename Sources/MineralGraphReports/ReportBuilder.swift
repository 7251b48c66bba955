import MineralGraphAnalysis
import MineralGraphCore

/// Why a report cannot be built.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownScheme(String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .unknownScheme(let id):
            "unknown country-group scheme '\(id)' (known: " + CountryGroupScheme.all.map(\.id).joined(separator: ", ") + ")"
        case .invalidOption(let message):
            message
        }
    }
}

/// Runs the analysis passes on a graph and assembles a ``Report``: concentration (C1–C3) with
/// the builder's options, and unequal exchange (E1–E4), value added (V1–V3), water (W1) and waste
/// (X1) with their passes' default options and the report's country-group scheme.
public struct ReportBuilder: Sendable {
    /// Band thresholds (METHODS §1.2): 2023 by default.
    public var guidelines: MergerGuidelines
    /// Country-group scheme id; `nil` means the graph's `country_scheme`, else the default.
    public var scheme: String?
    /// How many suppliers and partners each row lists.
    public var topSuppliers: Int
    public var upperBound: ResidualUpperBound
    /// WGI estimates for the supply-risk section; `nil` leaves the section out.
    public var governance: GovernanceTable?
    /// Import reliance, end-of-life recycling and substitution per mineral and importer, for the
    /// full EU SR; without them SR is left out and the result labelled "gross".
    public var riskInputs: [SupplyRiskInput]

    public init(
        guidelines: MergerGuidelines = .us2023, scheme: String? = nil, topSuppliers: Int = 5,
        upperBound: ResidualUpperBound = .smallestNamedCap, governance: GovernanceTable? = nil,
        riskInputs: [SupplyRiskInput] = []
    ) {
        self.riskInputs = riskInputs
        self.guidelines = guidelines
        self.scheme = scheme
        self.topSuppliers = topSuppliers
        self.upperBound = upperBound
        self.governance = governance
    }

    /// The report for `graph`; `file` is the graph file's name as it should appear (no directories).
    public func build(_ graph: SupplyGraph, file: String? = nil) throws(ReportError) -> Report {
        guard topSuppliers > 0 else { throw .invalidOption("the number of top suppliers must be positive") }
        let schemeID = scheme ?? graph.countryScheme ?? CountryGroupScheme.defaultScheme.id
        guard let groups = CountryGroupScheme.named(schemeID) else { throw .unknownScheme(schemeID) }
        let names = Dictionary(graph.nodes.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })

        let country = StageConcentrationPass(guidelines: guidelines, upperBound: upperBound).run(on: graph)
        let facility = FacilityConcentrationPass(guidelines: guidelines, upperBound: upperBound).run(on: graph)
        let imports = ImportConcentrationPass(guidelines: guidelines).run(on: graph)
        let bottlenecks = BottleneckStagePass(guidelines: guidelines, upperBound: upperBound).run(on: country)
        let sections = MetricSections(graph: graph, groups: groups, names: names)

        return Report(
            graph: .init(name: graph.name, year: graph.year, file: file, description: graph.description, sources: graph.sources),
            settings: .init(
                guidelines: guidelines, guidelinesTitle: guidelines.title, moderateFrom: guidelines.thresholds.moderate,
                highAbove: guidelines.thresholds.high, residualUpperBound: upperBound,
                residualFlagAbove: ConcentrationMeasures.residualFlagThreshold,
                scheme: .init(id: groups.id, title: groups.title, source: groups.source, asOf: groups.asOf),
                topSuppliers: topSuppliers),
            concentration: country.markets.map { row($0, groups: groups, names: names) },
            facilityConcentration: facility.markets.map { row($0, groups: groups, names: names) },
            importConcentration: imports.importers.map(row), exportConcentration: exportRows(graph),
            exposure: exposureRows(graph), supplyRisk: governance.map { supplyRiskRows(graph, governance: $0) } ?? [],
            bottlenecks: bottlenecks.minerals.map(row), unequalExchange: sections.unequalExchange,
            valueAdded: sections.valueAdded, water: sections.water, waste: sections.waste,
            burdenBenefit: sections.burdenBenefit,
            methods: Self.methods(guidelines: guidelines, upperBound: upperBound) + [Self.exportConcentrationMethod, Self.exposureMethod]
                + (governance == nil ? [] : Self.supplyRiskMethods) + Self.metricMethods)
    }

    // MARK: Rows

    func row(_ market: MarketConcentration, groups: CountryGroupScheme, names: [String: String]) -> Report.ConcentrationRow {
        let m = market.measures
        var groupShares: Report.GroupShares?
        if market.totalTonnes > 0 {
            var shares = Report.GroupShares(developed: 0, developing: 0, developingExclChina: 0, ldc: 0, residual: 0)
            for supplier in market.suppliers {
                let share = supplier.share ?? 0
                if groups.contains(.developed, supplier.country) { shares.developed += share }
                if groups.contains(.developing, supplier.country) { shares.developing += share }
                if groups.contains(.developingExcludingChina, supplier.country) { shares.developingExclChina += share }
                if groups.contains(.leastDeveloped, supplier.country) { shares.ldc += share }
            }
            shares.residual = (market.residualTonnes ?? 0) / market.totalTonnes
            groupShares = .init(
                developed: Rounding.share(shares.developed), developing: Rounding.share(shares.developing),
                developingExclChina: Rounding.share(shares.developingExclChina), ldc: Rounding.share(shares.ldc),
                residual: Rounding.share(shares.residual))
        }
        return Report.ConcentrationRow(
            mineral: market.mineral, stage: market.stage, year: market.year, level: market.level, basis: market.basis,
            hhi: m.map { Rounding.hhi($0.hhi) }, hhiLo: m.map { Rounding.hhi($0.hhiLo) },
            hhiHi: m.map { Rounding.hhi($0.hhiHi) }, hhiNaive: m.map { Rounding.hhi($0.hhiNaive) },
            cr1: m.map { Rounding.share($0.cr1) }, cr3: m.map { Rounding.share($0.cr3) },
            nEq: m.map { Rounding.nEq($0.nEq) }, hNorm: m?.hNormalized.map(Rounding.share),
            hUnctad: m?.hUNCTAD.map(Rounding.share), band: market.band, bandRobust: market.bandIsRobust,
            residualShare: m.map { Rounding.share($0.residualShare) }, residualFlag: m?.residualFlagged ?? false,
            supplierCount: market.suppliers.filter { $0.tonnes > 0 }.count, totalTonnes: Rounding.tonnes(market.totalTonnes),
            residualTonnes: market.residualTonnes.map(Rounding.tonnes), complete: market.isComplete,
            missing: market.missing.map { .init(node: $0.node, country: $0.country, grossOnly: $0.grossOnly) },
            residualMissing: market.residualMissing,
            top: market.suppliers.prefix(topSuppliers).map { supplier in
                Report.TopSupplier(
                    country: supplier.country,
                    name: supplier.node.map { names[$0] ?? $0 } ?? Self.countryName(supplier.country),
                    node: supplier.node, share: supplier.share.map(Rounding.share), tonnes: Rounding.tonnes(supplier.tonnes))
            },
            groupShares: groupShares, unavailable: market.unavailable)
    }

    func row(_ item: ImportConcentration) -> Report.ImportConcentrationRow {
        func variant(_ v: ImportSourceConcentration) -> Report.ImportVariant {
            let isMoney = v.unit == "USD"
            func round(_ value: Double) -> Double { isMoney ? Rounding.money(value) : Rounding.tonnes(value) }
            return Report.ImportVariant(
                unit: v.unit, includesDomestic: v.includesDomestic, hhi: v.hhi.map(Rounding.hhi), band: v.band,
                importTotal: v.importTotal.map { round($0) }, domesticAmount: v.domesticAmount.map { round($0) },
                partnerCount: v.partners.count,
                top: v.partners.prefix(topSuppliers).map {
                    .init(country: $0.country, name: Self.countryName($0.country), share: $0.share.map { Rounding.share($0) }, amount: round($0.amount))
                },
                flowsWithoutQuantity: v.flowsWithoutQuantity, unavailable: v.unavailable)
        }
        return Report.ImportConcentrationRow(
            importer: item.importer, importerName: Self.countryName(item.importer), mineral: item.mineral,
            stage: item.stage, year: item.year, basis: item.basis, byTonnes: variant(item.byTonnes),
            byTonnesWithDomestic: variant(item.byTonnesWithDomestic), byValue: variant(item.byValue),
            byValueWithDomestic: variant(item.byValueWithDomestic))
    }

    func row(_ item: BottleneckStage) -> Report.BottleneckRow {
        Report.BottleneckRow(
            mineral: item.mineral, year: item.year, stage: item.stage, hhi: item.hhi.map(Rounding.hhi), band: item.band,
            tie: item.isTie, robust: item.isRobust,
            candidates: item.candidates.map {
                .init(stage: $0.stage, hhi: $0.hhi.map(Rounding.hhi), hhiLo: $0.hhiLo.map(Rounding.hhi),
                      hhiHi: $0.hhiHi.map(Rounding.hhi), complete: $0.isComplete)
            },
            unavailable: item.unavailable)
    }

    static func countryName(_ code: CountryCode) -> String {
        CountryTable.country(code)?.name ?? code.rawValue
    }

    // MARK: Methods

    static func methods(guidelines: MergerGuidelines, upperBound: ResidualUpperBound) -> [Report.MethodNote] {
        let (moderate, high) = guidelines.thresholds
        let bands = "\(guidelines.title): below \(NumberFormatting.grouped(moderate)) unconcentrated, "
            + "\(NumberFormatting.grouped(moderate))–\(NumberFormatting.grouped(high)) moderately concentrated, "
            + "above \(NumberFormatting.grouped(high)) highly concentrated. Antitrust bands describe firms in a product market; here they are labels only (METHODS §1.2, §9)."
        let bound = upperBound == .smallestNamedCap
            ? "hhi_hi assumes no unnamed country is larger than the smallest named one: HHI_lo + 10,000·(q·s_min² + r²), q = ⌊s_o/s_min⌋, r = s_o − q·s_min"
            : "hhi_hi treats the residual as one country: HHI_lo + 10,000·s_o²"
        return [
            .init(
                id: "C1", title: "Supplier concentration per mineral, stage and year",
                formula: "s_i = q_i / Σq; HHI = 10,000·Σ s_i²; CR_k = sum of the k largest shares; N_eq = 10,000 / HHI; H* = (H − 1/N)/(1 − 1/N) for complete lists",
                section: "METHODS §1.1–1.4",
                notes: "Quantities are the graph's own, each node's output, else its summed out-flows (waste destinations: what they receive), summed per country, on one basis per row: contained tonnes (converted with stoichiometric factors) when any figure states them, else gross; a figure on another basis is missing, never added (METHODS §0.1). "
                    + "A producing stage whose figures are only shipments has no HHI (NO_PRODUCTION_FIGURES): see export concentration. "
                    + "An 'other countries' residual s_o is bounded: hhi_lo treats it as infinitely fragmented; \(bound). "
                    + "The headline hhi is hhi_hi when a residual is present (conservative; tool convention), residual shares above 10 % are flagged. "
                    + "Withheld figures are left out and the row marked incomplete; a zero total gives no HHI (NO_SUPPLY). "
                    + "Facility-level rows count nodes instead of countries. " + bands,
                sources: [
                    "US DOJ/FTC Merger Guidelines (2023), Guideline 1: https://www.justice.gov/atr/merger-guidelines/applying-merger-guidelines/guideline-1",
                    "US DOJ/FTC Horizontal Merger Guidelines (2010), §5.3",
                    "World Mining Data, Concentration of producer countries: https://www.world-mining-data.info/",
                    "European Commission, Methodology for establishing the EU list of critical raw materials (2017)",
                    "Cracau & Durán Lima, On the normalized Herfindahl-Hirschman Index: a technical note",
                ]),
            .init(
                id: "C2", title: "Import-source concentration per importer",
                formula: "s_ij = M_ij / Σ_i M_ij; HHI_import(j, m) = 10,000·Σ_i s_ij²",
                section: "METHODS §1.5",
                notes: "Imports are inter-country product flows of the graph's year, grouped by the stage of the supplying node, in tonnes of one basis per row (contained where any flow states it, else gross) and in USD. "
                    + "The 'incl. domestic' variants add the importer's own production at that stage as one more supplier (EU CRM 'EU sourcing'). "
                    + "Partners are shipping countries, not origins: re-exports through trading hubs stay with the hub. Waste flows are excluded (METHODS §2.5).",
                sources: [
                    "European Commission, Methodology for establishing the EU list of critical raw materials (2017)",
                    "World Bank WITS/TCdata360, market concentration index: https://tcdata360.worldbank.org/indicators/hh.mkt",
                ]),
            .init(
                id: "C3", title: "Bottleneck stage per mineral",
                formula: "bottleneck(m, y) = argmax over mining, processing, manufacturing of HHI(m, stage, y)",
                section: "METHODS §1.7–1.8",
                notes: "The EU method keeps the stage with the higher supply risk; without the external inputs supply risk needs (WGI, import reliance, recycling, substitution), stages are ranked by HHI. "
                    + "A bottleneck is 'robust' when its hhi_lo is at least every other stage's hhi_hi, there is no tie and no figure is withheld.",
                sources: [
                    "Blengini et al. 2017, EUR 28654 EN, doi:10.2760/73303",
                    "meyerdata/CritMAT: critmat/calculations/supply_risk_eu.py",
                ]),
        ]
    }
}

/// Rounding applied to every number a report prints, so all formats agree.
enum Rounding {
    static func to(_ value: Double, _ decimals: Int) -> Double {
        guard value.isFinite else { return value }
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][decimals]
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded // no "-0"
    }

    /// HHI to 0.01 (0–10,000 scale).
    static func hhi(_ value: Double) -> Double { to(value, 2) }
    /// Shares and normalized indices to 0.0001.
    static func share(_ value: Double) -> Double { to(value, 4) }
    static func nEq(_ value: Double) -> Double { to(value, 2) }
    /// Tonnes to 0.001 (a kilogram).
    static func tonnes(_ value: Double) -> Double { to(value, 3) }
    /// USD to the cent.
    static func money(_ value: Double) -> Double { to(value, 2) }
    /// Ratios (ETT, T_eq, exchange, value-capture, burden–benefit, unit-value ratios) to 0.0001.
    static func ratio(_ value: Double) -> Double { to(value, 4) }
    /// m³ and m³ world-eq to 0.001 (a litre).
    static func water(_ value: Double) -> Double { to(value, 3) }
    /// USD per tonne to the cent.
    static func unitValue(_ value: Double) -> Double { to(value, 2) }
}
