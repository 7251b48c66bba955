import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphRendering

/// Why a map cannot be drawn.
enum MineralMapError: Error, CustomStringConvertible {
    case noMarket(mineral: MineralID, stage: Stage, years: [Int])
    case unavailable(String)

    var description: String {
        switch self {
        case .noMarket(let mineral, let stage, let years) where years.isEmpty:
            "the graph has no \(mineral.rawValue) supply at the \(stage.rawValue) stage"
        case .noMarket(let mineral, let stage, let years):
            "the graph has no \(mineral.rawValue) supply at the \(stage.rawValue) stage in that year (it has "
                + years.map(String.init).joined(separator: ", ") + ")"
        case .unavailable(let reason): reason
        }
    }
}

/// The world map of `mineral` at `stage` as SVG text, in one call (for `map` and for
/// embedding in HTML reports): country shares from the concentration pass
/// (`StageConcentrationPass`, METHODS §1: the same shares the report gives, the "other
/// countries" residual included in the total), the largest `flows` cross-border flows of the
/// mineral out of the stage as arrows, ids prefixed with `idPrefix`.
///
/// - Parameters:
///   - graph: the graph whose outputs give the shares and whose flows give the arrows.
///   - mineral: the mineral mapped.
///   - stage: the supply-chain stage whose market is mapped.
///   - year: the market's year; `nil` takes the latest year the graph has for it.
///   - flows: how many of the largest cross-border flows to draw (0: none); drawn only when the
///     market's year is the graph's year, as the flows are of that year.
///   - idPrefix: put before every `id` in the SVG, so that several maps can share one HTML page.
/// - Throws: `MineralMapError` when the graph has no market of `mineral` at `stage` (in `year`)
///   or no quantities in it.
func mineralMapSVG(
    _ graph: SupplyGraph, mineral: MineralID, stage: Stage, year: Int? = nil, flows: Int = 0, idPrefix: String = ""
) throws -> String {
    let markets = StageConcentrationPass(stages: [stage]).run(on: graph).markets.filter { $0.mineral == mineral && $0.stage == stage }
    guard let market = year.map({ year in markets.first { $0.year == year } }) ?? markets.max(by: { $0.year < $1.year }) else {
        throw MineralMapError.noMarket(mineral: mineral, stage: stage, years: markets.map(\.year))
    }
    if market.totalTonnes <= 0 {
        throw MineralMapError.unavailable("no \(mineral.rawValue) quantities at the \(stage.rawValue) stage in \(market.year): nothing to map")
    }
    let suppliers = market.suppliers.compactMap { supplier in
        supplier.share.map { ChoroplethMap.Supplier(country: supplier.country, tonnes: supplier.tonnes, share: $0) }
    }
    let residual = market.residualTonnes.map { $0 / market.totalTonnes }
    let name = MineralCatalog.info(mineral)?.name ?? mineral.rawValue
    let title = "\(name), \(stage.rawValue) \(market.year): share of supply by country"
    let arrows = flows > 0 && market.year == graph.year ? largestFlows(graph, mineral: mineral, stage: stage, count: flows) : []
    return ChoroplethMap(title: title, basis: market.basis, suppliers: suppliers, residualShare: residual, flows: arrows,
                         idPrefix: idPrefix).svg()
}

/// The `count` largest flows of `mineral` out of `stage` between two different countries,
/// summed per pair of countries (contained tonnes where given, else gross), largest first.
func largestFlows(_ graph: SupplyGraph, mineral: MineralID, stage: Stage, count: Int) -> [ChoroplethMap.FlowArrow] {
    let nodes = Dictionary(graph.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var totals: [[CountryCode]: Double] = [:]
    for flow in graph.flows where flow.mineral == mineral && flow.type != .waste {
        guard let from = nodes[flow.from], let to = nodes[flow.to], from.stage == stage,
              from.country != to.country, let tonnes = flow.containedTonnes ?? flow.tonnes, tonnes > 0
        else { continue }
        totals[[from.country, to.country], default: 0] += tonnes
    }
    return totals.map { ChoroplethMap.FlowArrow(from: $0.key[0], to: $0.key[1], tonnes: $0.value) }
        .sorted { ($0.tonnes, $1.from, $1.to) > ($1.tonnes, $0.from, $0.to) }
        .prefix(count).map { $0 }
}
