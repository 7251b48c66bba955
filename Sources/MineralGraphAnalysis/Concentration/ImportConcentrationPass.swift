import MineralGraphCore

/// C2: import-source concentration per importing country, mineral and supplying stage
/// (METHODS §1.5, §1.8 item 2).
///
/// For importer `j` and mineral `m`, with imports `M_ij` from partner country `i`:
/// ```
/// s_ij = M_ij / Σ_i M_ij ;   HHI_import(j, m) = 10,000 · Σ_i s_ij²
/// ```
/// computed on contained tonnes (physical supply security) and on USD (economic exposure), each
/// without and with the importer's domestic production at the same stage as one more supplier
/// (the EU CRM "EU sourcing" variant). Imports are the graph's inter-country flows of the
/// mineral (source and destination nodes in different countries) in the graph's year; waste
/// flows are left out (METHODS §2.5). The stage is the supplying node's stage, so ore imports
/// and refined-metal imports are separate markets.
///
/// Edge cases: no imports → not listed (no row, METHODS: `null`, not 0); one partner → 10,000;
/// flows without the quantity are left out and counted in `flowsWithoutQuantity`; no flow with
/// the quantity → `nil` with reason `MISSING_TONNES` or `MISSING_VALUE`; a domestic production
/// node without the quantity → the "with domestic" variant is `nil` (`MISSING_DOMESTIC`).
/// Units: HHI 0–10,000; shares 0…1; amounts in t of the mineral's basis or USD. Shipping
/// partners are not origins: re-exports through hubs (Netherlands, Singapore) stay with the hub.
///
/// Sources: METHODS §1.5; EU CRM methodology (EU sourcing); World Bank WITS and CBS use the
/// same index on the 0–1 scale.
public struct ImportConcentrationPass: Sendable {
    public var guidelines: MergerGuidelines

    public init(guidelines: MergerGuidelines = .us2023) {
        self.guidelines = guidelines
    }

    public func run(on graph: SupplyGraph) -> ImportConcentrationResult {
        run(on: GraphDerivations(graph))
    }

    /// C2 of `derived`'s graph, from the stage-supply plans it keeps for other passes.
    public func run(on derived: GraphDerivations) -> ImportConcentrationResult {
        let graph = derived.graph
        let index = derived.index
        struct Key: Hashable, Comparable {
            let importer: CountryCode, mineral: MineralID, stage: Stage
            static func < (a: Key, b: Key) -> Bool { (a.importer, a.mineral, a.stage) < (b.importer, b.mineral, b.stage) }
        }
        // Flow indices, not flows: a flow is a large value.
        var imports: [Key: [(partner: CountryCode, flow: Int)]] = [:]
        for i in graph.flows.indices where graph.flows[i].type != .waste {
            guard let (f, t) = index.endpoints[i] else { continue }
            let (exporter, importer) = (graph.nodes[f].country, graph.nodes[t].country)
            guard exporter != importer else { continue }
            imports[Key(importer: importer, mineral: graph.flows[i].mineral, stage: graph.nodes[f].stage), default: []].append((exporter, i))
        }
        // Domestic production per mineral, stage and country in the graph's year: nodes with a
        // quantity (in graph order) and whether some node lacks one. Built once, not per importer.
        struct Market: Hashable { let mineral: MineralID, stage: Stage, country: CountryCode }
        var domesticSupply: [Market: [StageSupply.NodeSupply]] = [:]
        var domesticBasis: [Market: QuantityBasis] = [:]
        var domesticMissingAt = Set<Market>()
        for market in StageSupply.collect(from: derived, stages: Stage.allCases) where market.year == graph.year {
            for node in market.nodes {
                let key = Market(mineral: market.mineral, stage: market.stage, country: node.country)
                domesticSupply[key, default: []].append(node)
                domesticBasis[key] = market.basis
            }
            for node in market.missing {
                domesticMissingAt.insert(Market(mineral: market.mineral, stage: market.stage, country: node.country))
            }
        }
        let rows = imports.keys.sorted().map { key -> ImportConcentration in
            let flows = imports[key]!
            let market = Market(mineral: key.mineral, stage: key.stage, country: key.importer)
            let domesticNodes = domesticSupply[market] ?? []
            let domesticMissing = domesticMissingAt.contains(market)
            // Imports on one basis (METHODS §0.1): contained where any flow states it, else gross.
            let importBasis = Self.basis(ofFlows: flows.map(\.flow), in: graph, mineral: key.mineral)
            let domesticFactor = domesticBasis[market].map { $0.factor(to: importBasis) } ?? 1
            let domesticTonnes: Domestic =
                domesticMissing ? .unknown(Self.noDomesticFigure)
                : domesticFactor.map { factor in .known(domesticNodes.reduce(0) { $0 + $1.tonnes } * factor) }
                ?? .unknown(Unavailable(
                    ReasonCode.mixedBases,
                    "the importer's domestic production is on \(domesticBasis[market]!.unitLabel(for: key.mineral)), its imports on \(importBasis.unitLabel(for: key.mineral)): they cannot be added"))
            // Domestic value: the declared output values of the importer's nodes at the stage.
            let domesticValues = domesticNodes.map { supply in
                index.position[supply.node].flatMap { graph.nodes[$0].output(of: key.mineral, year: graph.year, graphYear: graph.year)?.valueUSD }
            }
            let domesticValue: Domestic = domesticMissing || domesticValues.contains(where: { $0 == nil }) ? .unknown(Self.noDomesticFigure) : .known(domesticValues.reduce(0) { $0 + $1! })
            let basis = importBasis.unitLabel(for: key.mineral)
            var bases = ContainedBases()  // the flows' figures read field by field
            let tonnes = flows.map { ($0.partner, bases.quantity(ofFlow: $0.flow, in: graph, on: importBasis)) }
            let values = flows.map { ($0.partner, graph.flows[$0.flow].valueUSD) }
            return ImportConcentration(
                importer: key.importer, mineral: key.mineral, stage: key.stage, year: graph.year, basis: basis,
                byTonnes: measure(tonnes, unit: basis, domestic: .excluded, importer: key.importer, missingCode: ReasonCode.missingTonnes),
                byValue: measure(values, unit: "USD", domestic: .excluded, importer: key.importer, missingCode: ReasonCode.missingValue),
                byTonnesWithDomestic: measure(tonnes, unit: basis, domestic: domesticTonnes, importer: key.importer, missingCode: ReasonCode.missingTonnes),
                byValueWithDomestic: measure(values, unit: "USD", domestic: domesticValue, importer: key.importer, missingCode: ReasonCode.missingValue))
        }
        return ImportConcentrationResult(guidelines: guidelines, importers: rows)
    }

    private static let noDomesticFigure = Unavailable(ReasonCode.missingDomestic, "the importer's domestic production at this stage has no figure")

    /// The basis the flows' tonnes are added on (`CommonBasis`); the mineral's reference basis
    /// when contained figures cannot be added (each then counts as a flow without quantity).
    static func basis(of flows: [Flow], mineral: MineralID) -> QuantityBasis {
        let contained = CommonBasis.containedBases(flows) { "\($0.from) → \($0.to)" }
        return (try? CommonBasis.choose(for: mineral, containedBases: contained).get())
            ?? MineralCatalog.info(mineral)?.referenceBasis ?? .element
    }

    /// ``basis(of:mineral:)`` of the flows of `graph` at the indices `flows`.
    static func basis(ofFlows flows: [Int], in graph: SupplyGraph, mineral: MineralID) -> QuantityBasis {
        CommonBasis.basis(for: mineral, flows: flows, in: graph) ?? MineralCatalog.info(mineral)?.referenceBasis ?? .element
    }

    /// The importer's own production at the stage, for the "with domestic" variants.
    private enum Domestic {
        case excluded
        /// Known amount (0 when the importer has no production node at the stage).
        case known(Double)
        /// A production node of the importer has no figure, or none on the imports' basis.
        case unknown(Unavailable)
    }

    /// One variant of the index over `amounts` (partner, tonnes or USD).
    private func measure(
        _ amounts: [(CountryCode, Double?)], unit: String, domestic: Domestic, importer: CountryCode, missingCode: ReasonCode
    ) -> ImportSourceConcentration {
        var byPartner: [CountryCode: Double] = [:]
        var without = 0
        for (partner, amount) in amounts {
            if let amount { byPartner[partner, default: 0] += amount } else { without += 1 }
        }
        var includesDomestic = true
        if case .excluded = domestic { includesDomestic = false }
        var result = ImportSourceConcentration(
            unit: unit, includesDomestic: includesDomestic, importTotal: nil, domesticAmount: nil,
            hhi: nil, band: nil, partners: [], flowsWithoutQuantity: without, unavailable: nil)
        if byPartner.isEmpty {
            result.unavailable = Unavailable(missingCode, "no import flow gives this quantity")
            return result
        }
        result.importTotal = byPartner.values.reduce(0, +)
        switch domestic {
        case .excluded:
            break
        case .unknown(let reason):
            result.unavailable = reason
            return result
        case .known(let amount):
            result.domesticAmount = amount
            if amount != 0 { byPartner[importer, default: 0] += amount }
        }
        let total = byPartner.values.reduce(0, +)
        result.partners = byPartner.map { PartnerShare(country: $0.key, amount: $0.value, share: total > 0 ? $0.value / total : nil) }
            .sorted { ($1.amount, $0.country) < ($0.amount, $1.country) }
        do {
            let measures = try ConcentrationMeasures.fromQuantities(named: byPartner.values.sorted(by: >))
            result.hhi = measures.hhi
            result.band = measures.band(guidelines)
        } catch {
            result.unavailable = error.unavailable
        }
        return result
    }
}

/// A partner's part of an importer's supply.
public struct PartnerShare: Hashable, Codable, Sendable {
    /// ISO alpha-3 code of the exporting country (the importer itself for domestic production).
    public var country: CountryCode
    /// Tonnes of the mineral's basis or USD, as the variant's `unit` says.
    public var amount: Double
    /// Share of the variant's total (0…1).
    public var share: Double?
}

/// Import-source HHI of one importer by one quantity, without or with domestic production.
public struct ImportSourceConcentration: Hashable, Codable, Sendable {
    /// "USD" or the mineral's contained basis ("t Co").
    public var unit: String
    public var includesDomestic: Bool
    /// Sum of imports with the quantity.
    public var importTotal: Double?
    /// Domestic production added as a supplier, when included and known.
    public var domesticAmount: Double?
    /// 0–10,000; `nil` with `unavailable` when it cannot be computed.
    public var hhi: Double?
    public var band: ConcentrationBand?
    /// Partners (and the importer, with domestic production) by amount descending, then code.
    public var partners: [PartnerShare]
    /// Import flows without this quantity, left out of the sums.
    public var flowsWithoutQuantity: Int
    public var unavailable: Unavailable?
}

/// C2 for one importer, mineral and supplying stage, in the graph's year.
public struct ImportConcentration: Hashable, Codable, Sendable {
    public var importer: CountryCode
    public var mineral: MineralID
    /// The stage of the supplying nodes (mining = ores and concentrates, processing = refined ...).
    public var stage: Stage
    public var year: Int
    public var basis: String
    public var byTonnes: ImportSourceConcentration
    public var byValue: ImportSourceConcentration
    public var byTonnesWithDomestic: ImportSourceConcentration
    public var byValueWithDomestic: ImportSourceConcentration
}

/// Every importer with at least one import flow, sorted by importer, mineral and stage.
public struct ImportConcentrationResult: Hashable, Codable, Sendable {
    public var guidelines: MergerGuidelines
    public var importers: [ImportConcentration]
}
