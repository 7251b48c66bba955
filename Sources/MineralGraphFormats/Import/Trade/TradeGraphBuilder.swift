import Foundation
import MineralGraphCore

/// Turns an imported trade table into a graph: one node per country and stage, one flow per
/// exporter, importer and HS code of a mapped product.
///
/// - A product of stage `s` (from the ``HSProductMap``) leaves the exporter's node at `s` and
///   reaches the importer's node at the stage that uses it: ores and concentrates (mining) go to
///   processing, refined products (processing) to manufacturing, manufactured goods to use;
///   the map's `to_stage` says otherwise for intermediates (nickel matte, alumina: processing to
///   processing) and goods used by industry (cells, carbide tips: manufacturing to use).
///   Waste products (e-waste, scrap) leave the exporter's use stage, where they are discarded,
///   and reach the importer's waste stage, as waste flows.
/// - Node ids are `iso3-stage` (`chn-processing`); kinds follow the stage (mine, processor,
///   manufacturer, consumer, waste). Trade statistics do not say what happens to imported waste:
///   waste nodes get the fate `recycling` (HS 8549 and metal scrap are traded for recovery), a
///   stated assumption in the node's notes.
/// - A node lists each mineral it ships as an output without a figure: trade data give no
///   production, and the concentration passes say so instead of reading a zero.
/// - Flows carry gross product tonnes (none when the source had no quantity), contained tonnes
///   where the map gives the product's contained share (marked `grade: true`: the graph's
///   `grade` default applies, METHODS §11.1), and USD. Re-exports are flagged in their notes.
///   A Comtrade flow both sides report carries the two sides' figures as its range
///   (``TradeImport/mirrors``). Unmapped products are not in the graph (the summary lists them).
public struct TradeGraphBuilder: Sendable {
    public var graphName: String?
    /// The map used for the import, cited as a source with its contained-share sources.
    public var productMap: HSProductMap
    /// The product-map file given on the command line, if any.
    public var productMapFile: String?
    /// The command that imported the file, for the header comment.
    public var command: String

    public init(graphName: String? = nil, productMap: HSProductMap, productMapFile: String? = nil, command: String) {
        self.graphName = graphName
        self.productMap = productMap
        self.productMapFile = productMapFile
        self.command = command
    }

    /// The stage whose node receives a product of `stage`.
    public static func receivingStage(of stage: Stage) -> Stage {
        switch stage {
        case .mining: .processing
        case .processing: .manufacturing
        case .manufacturing, .use: .use
        case .waste: .waste
        }
    }

    /// The stage whose node ships a product of `stage`.
    public static func shippingStage(of stage: Stage) -> Stage {
        stage == .waste ? .use : stage
    }

    public func build(_ imported: TradeImport) -> (graph: SupplyGraph, headerComment: [String]) {
        let table = imported.table
        let summary = imported.summary
        let datasetID = summary.source == .baci ? "cepii-baci" : "un-comtrade"
        struct NodeKey: Hashable, Comparable {
            let country: CountryCode, stage: Stage
            static func < (a: NodeKey, b: NodeKey) -> Bool { (a.country, a.stage) < (b.country, b.stage) }
            var id: String { "\(country.rawValue.lowercased())-\(stage.rawValue)" }
        }
        var shipped: [NodeKey: Set<MineralID>] = [:]
        var received = Set<NodeKey>()
        // Node ids, each made once; flows are ordered by their nodes' and products' ranks
        // below, which compare as the ids and HS codes do.
        var nodeIndex: [NodeKey: Int32] = [:]
        var nodeIDs: [String] = []
        let node = { (key: NodeKey) -> Int32 in
            if let index = nodeIndex[key] { return index }
            nodeIDs.append(key.id)
            nodeIndex[key] = Int32(nodeIDs.count - 1)
            return Int32(nodeIDs.count - 1)
        }
        var flows: [Flow] = []
        var order: [FlowOrder] = []
        let labels = table.products.map { product in "HS \(product.code)" + (product.name.map { " \($0)" } ?? "") }
        var flowsWithoutTonnes = 0
        var mirrored = 0
        var mappedCodes = Set<String>()
        // The stage each product is received at (the map's to_stage, else the usual one).
        let receiving = table.products.map { product in
            product.stage.map { stage in productMap.entry(for: product.code, revision: summary.revision)?.receivingStage ?? Self.receivingStage(of: stage) }
        }
        for entry in table.entries {
            let product = table.products[Int(entry.product)]
            guard let mineral = product.mineral, let stage = product.stage, let toStage = receiving[Int(entry.product)] else { continue }
            mappedCodes.insert(product.code)
            let from = NodeKey(country: table.countries[Int(entry.exporter)], stage: Self.shippingStage(of: stage))
            let to = NodeKey(country: table.countries[Int(entry.importer)], stage: toStage)
            let fromIndex = node(from), toIndex = node(to)
            shipped[from, default: []].insert(mineral)
            received.insert(to)
            if entry.tonnes == nil { flowsWithoutTonnes += 1 }
            let contained = entry.tonnes.flatMap { tonnes in product.containedShare.map { Self.rounded(tonnes * $0) } }
            var notes: [String] = []
            if entry.isReexport {
                notes.append("Re-export (Comtrade RX): shipped from \(from.country), the hub; the goods' origin is elsewhere (METHODS §1.5).")
            }
            if entry.tonnes == nil { notes.append("No quantity in the source (NA or blank).") }
            let key = TradeMirrorKey(
                exporter: table.countries[Int(entry.exporter)], importer: table.countries[Int(entry.importer)], product: product.code,
                year: table.year)
            var uncertainty: FigureUncertainties?
            // Contained tonnes come from the gross through the map's contained share: a grade.
            if contained != nil { uncertainty = FigureUncertainties(containedTonnes: .grade) }
            if !entry.isReexport, let mirror = imported.mirrors[key] {
                uncertainty = Self.mirrorRange(entry, mirror, containedShare: product.containedShare, contained: uncertainty?.containedTonnes)
                let other = summary.side == .exporter ? "importer (CIF)" : "exporter (FOB)"
                notes.append(
                    "Also reported by the \(other), line \(mirror.line): USD \(NumberFormatting.plain(Self.rounded(mirror.valueUSD)))"
                        + (mirror.tonnes.map { ", \(NumberFormatting.plain(Self.rounded($0))) t" } ?? "")
                        + "; the range spans both sides (METHODS §11.1).")
                mirrored += 1
            }
            order.append(FlowOrder(
                from: fromIndex, to: toIndex, product: Int32(entry.product), isReexport: entry.isReexport, index: Int32(flows.count)))
            flows.append(Flow(
                from: nodeIDs[Int(fromIndex)], to: nodeIDs[Int(toIndex)], mineral: mineral, product: labels[Int(entry.product)],
                tonnes: entry.tonnes, containedTonnes: contained, valueUSD: Self.rounded(entry.valueUSD),
                type: stage == .waste ? .waste : .product, source: datasetID,
                notes: notes.isEmpty ? nil : notes.joined(separator: " "), uncertainty: uncertainty))
        }
        // Flows in the order of (from id, to id, HS code, re-export last), ties in table order.
        let nodeRank = Self.ranks(nodeIDs), productRank = Self.ranks(table.products.map(\.code))
        for k in order.indices {
            order[k].from = nodeRank[Int(order[k].from)]
            order[k].to = nodeRank[Int(order[k].to)]
            order[k].product = productRank[Int(order[k].product)]
        }
        order.sort()
        flows = order.map { flows[Int($0.index)] }
        let keys = Set(shipped.keys).union(received).sorted()
        let nodes = keys.map { key -> Node in
            let name = CountryTable.country(key.country)?.name ?? key.country.rawValue
            let kind: NodeKind = switch key.stage {
            case .mining: .mine
            case .processing: .processor
            case .manufacturing: .manufacturer
            case .use: .consumer
            case .waste: .wasteDestination(.recycling)
            }
            var notes: [String] = []
            if let note = summary.countryNotes[key.country] { notes.append(note + ".") }
            if key.stage == .waste {
                notes.append("Fate assumed: recycling. Trade statistics do not record what happens to imported waste; HS 8549 and metal scrap are traded for recovery.")
            }
            return Node(
                id: key.id, name: "\(name) (\(key.stage.rawValue))", kind: kind, country: key.country,
                outputs: (shipped[key] ?? []).sorted().map { Output(mineral: $0) },
                source: datasetID, notes: notes.isEmpty ? nil : notes.joined(separator: " "))
        }
        let minerals = Set(flows.map(\.mineral)).sorted().map(\.rawValue)
        let name = graphName ?? {
            let stem = URL(fileURLWithPath: summary.file).deletingPathExtension().lastPathComponent
            return summary.file == "<stdin>" || stem.isEmpty ? "\(summary.source.rawValue)-\(summary.year)" : stem
        }()
        let graph = SupplyGraph(
            name: name, year: table.year,
            description: "Bilateral trade in \(minerals.joined(separator: ", ")) in \(table.year) from \(datasetTitle(summary)): "
                + "one node per country and stage, one flow per exporter, importer and HS code (gross product tonnes where reported, USD). "
                + "Trade data give no production: node outputs have no figures.",
            sources: [datasetSource(summary, id: datasetID, flowsWithoutTonnes: flowsWithoutTonnes), mapSource(codes: mappedCodes, revision: summary.revision)],
            nodes: nodes, flows: flows)
        var header = ["# Imported by `mineral-graph \(command)` from \(fileName(summary.file))."]
        header.append("# Flows: the exporter's node at the product's stage → the importer's node at the stage that uses it")
        header.append("# (ores → processing, refined → manufacturing, manufactured → use; the product map sends")
        header.append("# intermediates such as matte and alumina to processing); waste products go from the")
        header.append("# exporter's use stage to the importer's waste stage (fate recycling assumed).")
        if mirrored > 0 {
            let read = summary.side == .exporter ? "exporter's" : "importer's"
            header.append("# \(mirrored) flow\(mirrored == 1 ? " is" : "s are") reported by both sides: each keeps the \(read) figures as its value")
            header.append("# and the two sides' figures as its range (value and weight; METHODS §11.1).")
        }
        header += summary.lines(limit: 10).map { "# " + $0 }
        return (graph.replacingControlCharacters(), header)
    }

    /// Where a flow goes in the graph: its nodes' and product's ranks, then where it stood.
    private struct FlowOrder: Comparable {
        var from: Int32, to: Int32, product: Int32
        var isReexport: Bool
        var index: Int32

        static func < (a: FlowOrder, b: FlowOrder) -> Bool {
            (a.from, a.to, a.product, a.isReexport ? 1 : 0, a.index) < (b.from, b.to, b.product, b.isReexport ? 1 : 0, b.index)
        }
    }

    /// Each string's rank among the distinct strings in sorted order (equal strings share one).
    private static func ranks(_ strings: [String]) -> [Int32] {
        let sorted = Set(strings).sorted()
        let rank = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
        return strings.map { rank[$0]! }
    }

    private func fileName(_ file: String) -> String {
        file == "<stdin>" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent
    }

    private func datasetTitle(_ summary: TradeImportSummary) -> String {
        summary.source.title + (summary.release.map { " \($0)" } ?? "")
    }

    private func datasetSource(_ summary: TradeImportSummary, id: String, flowsWithoutTonnes: Int) -> SourceReference {
        var notes = "Read from \(fileName(summary.file)). "
        switch summary.source {
        case .baci:
            notes += "BACI reconciles exporter and importer reports; v is thousand USD (× 1,000 here), q metric tonnes. "
                + "Country codes are ISO 3166-1 numeric with BACI's exceptions (251 France incl. Monaco, 490 Taiwan, 579 Norway, 699 India, 757 Switzerland, 842 USA)."
        case .comtrade:
            if summary.side == .exporter {
                notes += "Exporter-reported rows (flowCode X and RX): partner is the country of last known destination; values FOB (primaryValue); "
            } else {
                notes += "Importer-reported rows (flowCode M): partner is the country of origin; values CIF (primaryValue); "
            }
            notes += "netWgt kg ÷ 1,000 (qty when its unit is kg). Partner World and aggregate areas are skipped."
        }
        if flowsWithoutTonnes > 0 {
            notes += " \(flowsWithoutTonnes) flows have no quantity in the source and carry value only."
        }
        return SourceReference(
            id: id, title: datasetTitle(summary),
            publisher: summary.source == .baci ? "CEPII" : "United Nations Statistics Division",
            url: summary.source == .baci ? "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37" : "https://comtradeplus.un.org",
            notes: notes)
    }

    private func mapSource(codes: Set<String>, revision: HSRevision?) -> SourceReference {
        var notes = "HS codes to mineral and supplying stage, longest prefix wins, rows valid in "
            + (revision.map { "\($0) (the file's revision)" } ?? "any HS revision (the file does not state its revision)")
            + "; built-in \(HSProductMap.builtInName)"
            + (productMapFile.map { " overridden by \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "") + "."
        let entries = codes.sorted().compactMap { code in productMap.entry(for: code, revision: revision).map { (code, $0) } }
        let shares = entries.compactMap { code, entry -> String? in
            guard let share = entry.containedShare else { return nil }
            return "\(code): \(NumberFormatting.plain(share)) t per t (\(entry.containedShareSource ?? ""))"
        }
        if !shares.isEmpty { notes += " Contained shares: " + shares.joined(separator: "; ") + "." }
        // Products that carry more than their mineral, or whose code holds other goods too.
        var described: [String] = []
        var seen = Set<String>()
        for (code, entry) in entries where entry.note != nil && seen.insert(entry.code).inserted {
            let also = entry.alsoContains.isEmpty ? "" : " (also " + entry.alsoContains.map(\.rawValue).joined(separator: ", ") + ")"
            described.append("\(entry.code == code ? code : "\(code) by \(entry.code)")\(also): \(entry.note!)")
        }
        if !described.isEmpty { notes += " What the codes hold: " + described.joined(separator: "; ") + "." }
        return SourceReference(id: "hs-mineral-map", title: "mineral-graph HS product map", publisher: "mineral-graph", notes: notes)
    }

    /// The range of a flow both sides report: `[min, max]` of the two values, and of the two
    /// weights where both give one (contained tonnes at the product's contained share; where
    /// the sides' weights agree, contained tonnes keep `contained`, their grade mark); `nil`
    /// when nothing is stated.
    static func mirrorRange(
        _ entry: BilateralTradeEntry, _ mirror: TradeMirror, containedShare: Double?, contained: FigureUncertainty?
    ) -> FigureUncertainties? {
        func range(_ a: Double, _ b: Double) -> FigureUncertainty? { a == b ? nil : .range(low: min(a, b), high: max(a, b)) }
        var ranges = FigureUncertainties(containedTonnes: contained, valueUSD: range(rounded(entry.valueUSD), rounded(mirror.valueUSD)))
        if let tonnes = entry.tonnes, let other = mirror.tonnes {
            ranges.tonnes = range(tonnes, other)
            if let share = containedShare, let both = range(rounded(tonnes * share), rounded(other * share)) { ranges.containedTonnes = both }
        }
        return ranges.nonEmpty
    }

    /// Free of binary noise from unit conversions (1.234 × 1,000): rounded to a millionth.
    static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
}
