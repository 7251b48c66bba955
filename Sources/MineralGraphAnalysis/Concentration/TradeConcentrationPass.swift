import Dispatch
import Foundation
import MineralGraphCore

/// C2 on a bilateral trade table: import-source concentration per importer and HS product, and
/// per importer, mineral and supplying stage (METHODS §1.5), without building a graph.
///
/// For importer `j` and product (or mineral and stage) `m`, with imports `M_ij` from partner `i`:
/// ```
/// s_ij = M_ij / Σ_i M_ij ;   HHI_import(j, m) = 10,000 · Σ_i s_ij²
/// ```
/// on value (USD) and on tonnes, through ``ConcentrationMeasures/fromQuantities(named:residual:upperBound:)``,
/// the same code ``ImportConcentrationPass`` uses on a graph. Tonnes are gross product tonnes at
/// product level; at mineral level they are contained tonnes where the product's contained share
/// is known and gross tonnes otherwise, as a graph's flows give them (`Flow.basisTonnes`).
/// The mineral rows therefore equal ``ImportConcentrationPass``'s `byValue` and `byTonnes` on the
/// graph imported from the same table (for product flows; this pass also covers waste products
/// such as e-waste, which the graph pass leaves out).
///
/// Edge cases: an importer with no imports of a product has no row (`null`, not 0); one partner →
/// 10,000; a partner whose trade has no tonnes is left out of the tonnes index and counted in
/// `partnersWithoutTonnes`; no partner with tonnes → `nil` with `MISSING_TONNES`; a zero total →
/// `nil` with `NO_SUPPLY`. Re-exports stay with the shipping hub: the partner is the country the
/// goods came from, not their origin (METHODS §1.5).
///
/// - Complexity: O(n) in table entries (the table is sorted by importer and product); the mineral
///   level adds a sort of the entries of each importer. Tables of more than 2^18 entries are cut
///   at importer boundaries and computed on every core, joined in order (the same rows).
public struct TradeConcentrationPass: Sendable {
    public var guidelines: MergerGuidelines

    public init(guidelines: MergerGuidelines = .us2023) {
        self.guidelines = guidelines
    }

    public func run(on table: BilateralTradeTable) -> TradeConcentrationResult {
        run(on: table, chunks: table.entries.count < 1 << 18 ? 1 : min(4 * ProcessInfo.processInfo.activeProcessorCount, 64))
    }

    /// Importers are independent: the table is cut at importer boundaries into about `chunkCount`
    /// chunks computed on every core and joined in order, so the rows are the same as in one pass.
    func run(on table: BilateralTradeTable, chunks chunkCount: Int) -> TradeConcentrationResult {
        let entries = table.entries
        var bounds = [0]
        for k in 1..<chunkCount {
            var cut = max(bounds.last!, entries.count * k / chunkCount)
            while cut > 0 && cut < entries.count && entries[cut].importer == entries[cut - 1].importer { cut += 1 }
            if cut > bounds.last! && cut < entries.count { bounds.append(cut) }
        }
        bounds.append(entries.count)
        let cuts = bounds
        let chunks = ChunkResults(count: cuts.count - 1)
        DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { c in
            chunks.set(c, rows(table, from: cuts[c], to: cuts[c + 1]))
        }
        let results = chunks.all
        return TradeConcentrationResult(
            year: table.year, guidelines: guidelines, byProduct: results.flatMap(\.byProduct), byMineral: results.flatMap(\.byMineral))
    }

    /// The rows of the importers whose entries are `start..<end`.
    private func rows(_ table: BilateralTradeTable, from start: Int, to end: Int) -> (byProduct: [TradeConcentration], byMineral: [TradeConcentration]) {
        var byProduct: [TradeConcentration] = []
        var byMineral: [TradeConcentration] = []
        let entries = table.entries
        var start = start
        let limit = end
        // Per importer: its product groups (contiguous), then its mineral-stage groups.
        while start < limit {
            let importer = entries[start].importer
            var end = start
            while end < limit && entries[end].importer == importer { end += 1 }
            var groupStart = start
            while groupStart < end {
                let product = entries[groupStart].product
                var groupEnd = groupStart
                while groupEnd < end && entries[groupEnd].product == product { groupEnd += 1 }
                let info = table.products[Int(product)]
                byProduct.append(measure(
                    entries[groupStart..<groupEnd], table: table, level: .product, code: info.code,
                    mineral: info.mineral, stage: info.stage, containedBasis: false))
                groupStart = groupEnd
            }
            byMineral += mineralRows(entries[start..<end], table: table)
            start = end
        }
        return (byProduct, byMineral)
    }

    private func mineralRows(_ entries: ArraySlice<BilateralTradeEntry>, table: BilateralTradeTable) -> [TradeConcentration] {
        struct Key: Hashable, Comparable {
            let mineral: MineralID, stage: Stage
            static func < (a: Key, b: Key) -> Bool { (a.mineral, a.stage) < (b.mineral, b.stage) }
        }
        var groups: [Key: [BilateralTradeEntry]] = [:]
        for entry in entries {
            let product = table.products[Int(entry.product)]
            guard let mineral = product.mineral, let stage = product.stage else { continue }
            groups[Key(mineral: mineral, stage: stage), default: []].append(entry)
        }
        return groups.keys.sorted().map { key in
            // Partners' entries next to each other, for the run-by-run sums of `measure`.
            let group = groups[key]!.sorted { ($0.exporter, $0.product) < ($1.exporter, $1.product) }
            return measure(group[...], table: table, level: .mineralStage, code: nil, mineral: key.mineral, stage: key.stage, containedBasis: true)
        }
    }

    /// One row from entries grouped by exporter: sums per partner, then the index on value and
    /// on tonnes.
    private func measure(
        _ entries: ArraySlice<BilateralTradeEntry>, table: BilateralTradeTable, level: TradeConcentration.Level,
        code: String?, mineral: MineralID?, stage: Stage?, containedBasis: Bool
    ) -> TradeConcentration {
        var values: [Double] = [], tonnes: [Double] = []
        var withoutTonnes = 0
        var reexportUSD = 0.0
        // The largest partners by value, largest first; on a tie the earlier exporter first.
        var top: [(exporter: Int32, value: Double)] = []
        top.reserveCapacity(TradeConcentration.topPartnerCount + 1)
        var index = entries.startIndex
        while index < entries.endIndex {
            let exporter = entries[index].exporter
            var value = 0.0, partnerTonnes = 0.0
            var tonnesKnown = false, tonnesMissing = false
            while index < entries.endIndex && entries[index].exporter == exporter {
                let entry = entries[index]
                value += entry.valueUSD
                if entry.isReexport { reexportUSD += entry.valueUSD }
                if let gross = entry.tonnes {
                    let share = containedBasis ? table.products[Int(entry.product)].containedShare : nil
                    partnerTonnes += gross * (share ?? 1)
                    tonnesKnown = true
                } else {
                    tonnesMissing = true
                }
                index += 1
            }
            values.append(value)
            // As in the graph pass: a partner's flows without the quantity are left out of the
            // sum; a partner none of whose flows has it is left out and counted.
            if tonnesKnown { tonnes.append(partnerTonnes) } else if tonnesMissing { withoutTonnes += 1 }
            if top.count < TradeConcentration.topPartnerCount || value > top[top.count - 1].value {
                let position = top.firstIndex { value > $0.value } ?? top.count
                top.insert((exporter, value), at: position)
                if top.count > TradeConcentration.topPartnerCount { top.removeLast() }
            }
        }
        let valueIndex = concentration(values, missingCode: ReasonCode.missingValue, what: "value")
        let tonnesIndex = concentration(tonnes, missingCode: ReasonCode.missingTonnes, what: "tonnes")
        let valueTotal = values.reduce(0, +)
        return TradeConcentration(
            level: level, importer: table.countries[Int(entries.first!.importer)], productCode: code,
            mineral: mineral, stage: stage, year: table.year, partners: values.count,
            valueUSD: valueTotal, hhiValue: valueIndex.hhi, bandValue: valueIndex.hhi.map { guidelines.band(forHHI: $0) },
            valueUnavailable: valueIndex.unavailable,
            tonnes: tonnes.isEmpty ? nil : tonnes.reduce(0, +), hhiTonnes: tonnesIndex.hhi,
            bandTonnes: tonnesIndex.hhi.map { guidelines.band(forHHI: $0) }, tonnesUnavailable: tonnesIndex.unavailable,
            partnersWithoutTonnes: withoutTonnes,
            topPartners: top.map { TradePartnerShare(country: table.countries[Int($0.exporter)], valueShare: valueTotal > 0 ? $0.value / valueTotal : nil) },
            reexportValueUSD: reexportUSD)
    }

    /// The index over partner amounts, largest first as ``ImportConcentrationPass`` passes them.
    private func concentration(_ amounts: [Double], missingCode: ReasonCode, what: String) -> (hhi: Double?, unavailable: Unavailable?) {
        if amounts.isEmpty { return (nil, Unavailable(missingCode, "no import gives its \(what)")) }
        do {
            return (try ConcentrationMeasures.fromQuantities(named: amounts.sorted(by: >)).hhi, nil)
        } catch {
            return (nil, error.unavailable)
        }
    }
}

/// Import-source concentration of one importer for one HS product, or for one mineral and
/// supplying stage (all its mapped products together).
public struct TradeConcentration: Hashable, Codable, Sendable {
    public enum Level: String, Hashable, Codable, Sendable {
        case product
        case mineralStage = "mineral-stage"
    }

    public var level: Level
    public var importer: CountryCode
    /// The HS code, at product level.
    public var productCode: String?
    /// From the product map; `nil` for an unmapped product.
    public var mineral: MineralID?
    public var stage: Stage?
    public var year: Int
    /// Partners with any import (value), the importer never among them.
    public var partners: Int
    public var valueUSD: Double
    /// 0–10,000 on USD, `nil` with `valueUnavailable`.
    public var hhiValue: Double?
    public var bandValue: ConcentrationBand?
    public var valueUnavailable: Unavailable?
    /// Sum of tonnes over partners that give them (gross at product level, contained where known
    /// at mineral level); `nil` when none does.
    public var tonnes: Double?
    public var hhiTonnes: Double?
    public var bandTonnes: ConcentrationBand?
    public var tonnesUnavailable: Unavailable?
    /// Partners left out of the tonnes index because their trade has no quantity.
    public var partnersWithoutTonnes: Int
    /// The largest partners by value (at most ``topPartnerCount``), largest first, each with
    /// its share of the importer's value (0…1); on equal values the partner that comes first
    /// in the table's country order.
    public var topPartners: [TradePartnerShare]
    /// How many partners ``topPartners`` lists.
    public static let topPartnerCount = 3

    /// The largest partner by value.
    public var topPartner: CountryCode? { topPartners.first?.country }
    /// The largest partner's share of the value (0…1).
    public var topPartnerValueShare: Double? { topPartners.first?.valueShare }
    /// Value shipped by re-exporting hubs (Comtrade RX), included in `valueUSD`.
    public var reexportValueUSD: Double
}

/// A partner of an importer in ``TradeConcentration/topPartners``.
public struct TradePartnerShare: Hashable, Codable, Sendable {
    public var country: CountryCode
    /// The partner's share of the importer's imports by value (0…1); `nil` when the total is 0.
    public var valueShare: Double?

    public init(country: CountryCode, valueShare: Double?) {
        self.country = country
        self.valueShare = valueShare
    }
}

/// Rows sorted by importer, then product code (product level) or mineral and stage.
public struct TradeConcentrationResult: Hashable, Codable, Sendable {
    public var year: Int
    public var guidelines: MergerGuidelines
    public var byProduct: [TradeConcentration]
    public var byMineral: [TradeConcentration]
}

/// Per-chunk rows written by the threads of ``TradeConcentrationPass/run(on:)``, each slot by one.
private final class ChunkResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(byProduct: [TradeConcentration], byMineral: [TradeConcentration])]

    init(count: Int) {
        slots = Array(repeating: ([], []), count: count)
    }

    func set(_ index: Int, _ rows: (byProduct: [TradeConcentration], byMineral: [TradeConcentration])) {
        lock.lock()
        slots[index] = rows
        lock.unlock()
    }

    var all: [(byProduct: [TradeConcentration], byMineral: [TradeConcentration])] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
