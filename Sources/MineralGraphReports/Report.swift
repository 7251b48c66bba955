import MineralGraphAnalysis
import MineralGraphCore

/// Everything a report says about one graph, as data: the value the JSON format encodes and
/// the Markdown, HTML and CSV formatters render.
///
/// Numbers are rounded for output when the report is built (HHI to 0.01, shares and
/// normalized indices to 0.0001, `N_eq` to 0.01, tonnes to 0.001), so every format prints the
/// same figures and the JSON is byte-for-byte stable. Missing values are `null` with an
/// ``Unavailable`` reason, never 0.
///
/// Besides concentration (C1–C3), a report carries the unequal-exchange (E1–E2), value-added
/// (V1–V3), water (W1, E3), waste (X1) and burden–benefit (E4) sections, each an optional member
/// so that reports built without them still decode.
///
/// Adding a section (a rendered diagram, say): add an optional member here (it is encoded as a new top-level JSON key and ignored by older
/// readers), fill it in ``ReportBuilder``, and add a section builder to
/// ``ReportDocument/sectionBuilders``. The Markdown and HTML formatters render the document's
/// generic blocks (headings, paragraphs, tables, SVG figures) and need no change; an SVG
/// diagram is a ``ReportDocument/Figure`` block, which HTML embeds and Markdown leaves out.
public struct Report: Codable, Hashable, Sendable {
    /// Version of the report's JSON layout.
    public static let formatVersion = "mineral-graph-report/1"

    public var format: String
    public var graph: GraphInfo
    public var settings: Settings
    /// C1 per mineral × stage × year over countries.
    public var concentration: [ConcentrationRow]
    /// The same markets over nodes (facilities or country-stage aggregates).
    public var facilityConcentration: [ConcentrationRow]
    /// C2 per importer × mineral × supplying stage.
    public var importConcentration: [ImportConcentrationRow]
    /// Export concentration per mineral × exporting stage (METHODS §1.10).
    public var exportConcentration: [ExportConcentrationRow]
    /// S1 origin exposure per importing country × mineral (METHODS §4.2).
    public var exposure: [ExposureRow]
    /// GeoPolRisk and governance-weighted concentration per importer × mineral × stage
    /// (METHODS §1.6–1.9); empty when the report was built without a governance table.
    public var supplyRisk: [SupplyRiskRow]
    /// C3 per mineral × year.
    public var bottlenecks: [BottleneckRow]
    /// E1–E2: physical against monetary trade, terms of trade, exchange ratios.
    public var unequalExchange: UnequalExchangeSection?
    /// V1–V3: value added, value capture against extraction, unit values per stage.
    public var valueAdded: ValueAddedSection?
    /// W1 and E3: direct and embodied water, virtual-water trade.
    public var water: WaterSection?
    /// X1: waste balance and recovered-fraction value recapture.
    public var waste: WasteSection?
    /// E4: burden share against value share.
    public var burdenBenefit: BurdenBenefitSection?
    /// The metrics used, with formula, METHODS section and sources.
    public var methods: [MethodNote]

    public init(
        graph: GraphInfo, settings: Settings, concentration: [ConcentrationRow],
        facilityConcentration: [ConcentrationRow], importConcentration: [ImportConcentrationRow],
        exportConcentration: [ExportConcentrationRow] = [], exposure: [ExposureRow] = [], supplyRisk: [SupplyRiskRow] = [],
        bottlenecks: [BottleneckRow], unequalExchange: UnequalExchangeSection? = nil,
        valueAdded: ValueAddedSection? = nil, water: WaterSection? = nil, waste: WasteSection? = nil,
        burdenBenefit: BurdenBenefitSection? = nil, methods: [MethodNote]
    ) {
        self.format = Self.formatVersion
        self.graph = graph
        self.settings = settings
        self.concentration = concentration
        self.facilityConcentration = facilityConcentration
        self.importConcentration = importConcentration
        self.exportConcentration = exportConcentration
        self.exposure = exposure
        self.supplyRisk = supplyRisk
        self.bottlenecks = bottlenecks
        self.unequalExchange = unequalExchange
        self.valueAdded = valueAdded
        self.water = water
        self.waste = waste
        self.burdenBenefit = burdenBenefit
        self.methods = methods
    }

    /// Every key is written, `null` for a section the report does not have.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(graph, forKey: .graph)
        try c.encode(settings, forKey: .settings)
        try c.encode(concentration, forKey: .concentration)
        try c.encode(facilityConcentration, forKey: .facilityConcentration)
        try c.encode(importConcentration, forKey: .importConcentration)
        try c.encode(exportConcentration, forKey: .exportConcentration)
        try c.encode(exposure, forKey: .exposure)
        try c.encode(supplyRisk, forKey: .supplyRisk)
        try c.encode(bottlenecks, forKey: .bottlenecks)
        try c.encode(unequalExchange, forKey: .unequalExchange)
        try c.encode(valueAdded, forKey: .valueAdded)
        try c.encode(water, forKey: .water)
        try c.encode(waste, forKey: .waste)
        try c.encode(burdenBenefit, forKey: .burdenBenefit)
        try c.encode(methods, forKey: .methods)
    }

    // MARK: Graph and settings

    public struct GraphInfo: Codable, Hashable, Sendable {
        public var name: String
        public var year: Int
        /// The graph file's name without directories (`cobalt.yaml`), if read from a file.
        public var file: String?
        public var description: String?
        public var sources: [SourceReference]
    }

    public struct Settings: Codable, Hashable, Sendable {
        /// "2023" or "2010".
        public var guidelines: MergerGuidelines
        public var guidelinesTitle: String
        /// HHI from which a market is "moderately concentrated" (inclusive).
        public var moderateFrom: Double
        /// HHI above which a market is "highly concentrated".
        public var highAbove: Double
        public var residualUpperBound: ResidualUpperBound
        /// Residual share above which a figure is flagged (0.10).
        public var residualFlagAbove: Double
        public var scheme: SchemeInfo
        /// How many suppliers `top` lists.
        public var topSuppliers: Int
    }

    public struct SchemeInfo: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var source: String
        public var asOf: String
    }

    // MARK: Concentration

    public struct TopSupplier: Codable, Hashable, Sendable {
        /// ISO alpha-3 code.
        public var country: CountryCode
        /// Country name, or the node's name at facility level.
        public var name: String
        /// Node id, at facility level only.
        public var node: String?
        /// 0…1 of the market including the residual.
        public var share: Double?
        public var tonnes: Double
    }

    public struct MissingSupplier: Codable, Hashable, Sendable {
        public var node: String
        public var country: CountryCode
        /// The node states gross tonnes only, not on the row's contained basis (METHODS §0.1).
        public var grossOnly: Bool
    }

    /// Shares of the market by country group (0…1); `residual` is the unattributed
    /// "other countries" share, which belongs to no group.
    public struct GroupShares: Codable, Hashable, Sendable {
        public var developed: Double
        public var developing: Double
        public var developingExclChina: Double
        public var ldc: Double
        public var residual: Double
    }

    /// One market (mineral × stage × year) at country or facility level.
    public struct ConcentrationRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var stage: Stage
        public var year: Int
        public var level: SupplierLevel
        /// What the tonnes measure ("t Co", "t Li₂O", "t gross"): every figure of the row is on it.
        public var basis: String
        /// Headline HHI (0–10,000): `hhi_hi` with a residual, else exact (METHODS §1.4).
        public var hhi: Double?
        public var hhiLo: Double?
        public var hhiHi: Double?
        public var hhiNaive: Double?
        public var cr1: Double?
        public var cr3: Double?
        public var nEq: Double?
        /// H* for complete lists (no residual), else `null`.
        public var hNorm: Double?
        public var hUnctad: Double?
        public var band: ConcentrationBand?
        /// Whether `hhi_lo` and `hhi_hi` fall in the same band.
        public var bandRobust: Bool?
        public var residualShare: Double?
        /// `residual_share > 0.10`.
        public var residualFlag: Bool
        public var supplierCount: Int
        public var totalTonnes: Double
        public var residualTonnes: Double?
        /// False when figures are withheld or missing.
        public var complete: Bool
        public var missing: [MissingSupplier]
        public var residualMissing: Bool
        public var top: [TopSupplier]
        public var groupShares: GroupShares?
        public var unavailable: Unavailable?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mineral, forKey: .mineral)
            try c.encode(stage, forKey: .stage)
            try c.encode(year, forKey: .year)
            try c.encode(level, forKey: .level)
            try c.encode(basis, forKey: .basis)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(hhiLo, forKey: .hhiLo)
            try c.encode(hhiHi, forKey: .hhiHi)
            try c.encode(hhiNaive, forKey: .hhiNaive)
            try c.encode(cr1, forKey: .cr1)
            try c.encode(cr3, forKey: .cr3)
            try c.encode(nEq, forKey: .nEq)
            try c.encode(hNorm, forKey: .hNorm)
            try c.encode(hUnctad, forKey: .hUnctad)
            try c.encode(band, forKey: .band)
            try c.encode(bandRobust, forKey: .bandRobust)
            try c.encode(residualShare, forKey: .residualShare)
            try c.encode(residualFlag, forKey: .residualFlag)
            try c.encode(supplierCount, forKey: .supplierCount)
            try c.encode(totalTonnes, forKey: .totalTonnes)
            try c.encode(residualTonnes, forKey: .residualTonnes)
            try c.encode(complete, forKey: .complete)
            try c.encode(missing, forKey: .missing)
            try c.encode(residualMissing, forKey: .residualMissing)
            try c.encode(top, forKey: .top)
            try c.encode(groupShares, forKey: .groupShares)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }

    // MARK: Import concentration

    public struct Partner: Codable, Hashable, Sendable {
        public var country: CountryCode
        public var name: String
        public var share: Double?
        /// Tonnes or USD, as the variant's `unit` says.
        public var amount: Double
    }

    /// One variant of C2 (by tonnes or value, without or with domestic production).
    public struct ImportVariant: Codable, Hashable, Sendable {
        public var unit: String
        public var includesDomestic: Bool
        public var hhi: Double?
        public var band: ConcentrationBand?
        public var importTotal: Double?
        public var domesticAmount: Double?
        public var partnerCount: Int
        public var top: [Partner]
        public var flowsWithoutQuantity: Int
        public var unavailable: Unavailable?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit)
            try c.encode(includesDomestic, forKey: .includesDomestic)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(band, forKey: .band)
            try c.encode(importTotal, forKey: .importTotal)
            try c.encode(domesticAmount, forKey: .domesticAmount)
            try c.encode(partnerCount, forKey: .partnerCount)
            try c.encode(top, forKey: .top)
            try c.encode(flowsWithoutQuantity, forKey: .flowsWithoutQuantity)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }

    public struct ImportConcentrationRow: Codable, Hashable, Sendable {
        public var importer: CountryCode
        public var importerName: String
        public var mineral: MineralID
        /// Stage of the supplying nodes.
        public var stage: Stage
        public var year: Int
        public var basis: String
        public var byTonnes: ImportVariant
        public var byTonnesWithDomestic: ImportVariant
        public var byValue: ImportVariant
        public var byValueWithDomestic: ImportVariant
    }

    // MARK: Bottleneck

    public struct BottleneckCandidate: Codable, Hashable, Sendable {
        public var stage: Stage
        public var hhi: Double?
        public var hhiLo: Double?
        public var hhiHi: Double?
        public var complete: Bool

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(stage, forKey: .stage)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(hhiLo, forKey: .hhiLo)
            try c.encode(hhiHi, forKey: .hhiHi)
            try c.encode(complete, forKey: .complete)
        }
    }

    public struct BottleneckRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var year: Int
        public var stage: Stage?
        public var hhi: Double?
        public var band: ConcentrationBand?
        public var tie: Bool
        public var robust: Bool
        public var candidates: [BottleneckCandidate]
        public var unavailable: Unavailable?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mineral, forKey: .mineral)
            try c.encode(year, forKey: .year)
            try c.encode(stage, forKey: .stage)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(band, forKey: .band)
            try c.encode(tie, forKey: .tie)
            try c.encode(robust, forKey: .robust)
            try c.encode(candidates, forKey: .candidates)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }

    // MARK: Methods

    public struct MethodNote: Codable, Hashable, Sendable {
        /// Metric id of METHODS §7 ("C1").
        public var id: String
        public var title: String
        public var formula: String
        /// "METHODS §1.1–1.4".
        public var section: String
        public var notes: String
        public var sources: [String]
    }
}
