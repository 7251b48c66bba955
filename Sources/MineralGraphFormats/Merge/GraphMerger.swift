import Foundation
import MineralGraphCore

/// The result of ``GraphMerger/merge(_:)``: one graph and the header comment that says where it
/// came from.
public struct GraphMerge: Sendable {
    public var graph: SupplyGraph
    public var headerComment: [String]
}

/// Overlays graphs whose nodes share ids: production outputs from one file, trade flows from
/// another (the importers name country-stage nodes `<iso3>-<stage>`, so their graphs meet).
///
/// Rules:
/// - The graphs must describe one year, and agree on the price year and country scheme where
///   both state one.
/// - Nodes are joined by id. A node in several files keeps everything: the kind and country must
///   agree; outputs are joined by mineral and year, and an output's figures (tonnes, contained
///   tonnes, value) come from whichever file states them, equal figures being fine; two
///   different figures, or contained tonnes on two bases, are a conflict. Capacity, other inputs
///   and water use are figures too. The first file's name is kept; sources and notes of both
///   files are kept.
/// - Flows of every file are kept; a flow that is in two files (same from, to, mineral, product
///   and type) must have the same figures there, and is kept once.
/// - Sources are joined by id (a source in two files must be the same); "other countries"
///   entries by mineral, stage and year, with figures as for outputs.
///
/// Conflicts are errors at the file, line and column of each side (from each document's
/// ``SourceMap``); nothing is merged then. Node order: the first file's, then new nodes of each
/// later file; outputs, flows, sources and residuals likewise.
public struct GraphMerger: Sendable {
    /// The merged graph's name; by default the files' graph names joined with " + ".
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }

    public func merge(_ documents: [GraphDocument]) throws(DiagnosticError) -> GraphMerge {
        var state = MergeState(documents: documents)
        let graph = state.run(name: name)
        if !state.diagnostics.isEmpty {
            var texts: [String: String] = [:]
            for document in documents { texts[document.sourceMap.file] = document.text }
            throw DiagnosticError(diagnostics: state.diagnostics, text: nil, texts: texts)
        }
        return GraphMerge(graph: graph, headerComment: state.headerComment(for: graph))
    }
}

/// Where an element of the merged graph came from: a document and the element's location there.
private struct Origin {
    var document: Int
    var location: GraphLocation
}

private struct MergeState {
    let documents: [GraphDocument]
    var diagnostics: [Diagnostic] = []
    /// Nodes that are in more than one file.
    var sharedNodes = 0

    init(documents: [GraphDocument]) {
        self.documents = documents
    }

    func file(_ document: Int) -> String { documents[document].sourceMap.file }

    func location(_ origin: Origin) -> SourceLocation {
        documents[origin.document].sourceMap.location(of: origin.location)
    }

    /// Reports that `what` is `first` at one place and `second` at another: an error at the
    /// first place with a note at the second.
    mutating func conflict(_ what: String, _ first: String, at a: Origin, _ second: String, at b: Origin, notes: [String] = []) {
        let (here, there) = (location(a), location(b))
        let advice = [Diagnostic.Note("\(what): \(second) here", at: there)] + notes.map { Diagnostic.Note($0) }
            + ["the files disagree: correct one of them, or leave one out of the merge"]
        diagnostics.append(Diagnostic(.error, .mergeConflict, "\(what): \(first) here, \(second) in \(there)", at: here, notes: advice))
    }

    // MARK: Figures

    /// A figure from several files: the first one stated is kept; a different one is a conflict.
    mutating func figure<T: Equatable>(
        _ current: inout T?, _ origin: inout Origin?, _ new: T?, _ newOrigin: Origin, what: @autoclosure () -> String,
        describe: (T) -> String
    ) {
        guard let new else { return }
        guard let kept = current, let keptOrigin = origin else {
            current = new
            origin = newOrigin
            return
        }
        if kept != new { conflict(what(), describe(kept), at: keptOrigin, describe(new), at: newOrigin) }
    }

    static func number(_ value: Double) -> String { NumberFormatting.plain(value) }

    /// A measured output or residual: its figures and where each came from.
    struct Measured {
        var tonnes: Double?, containedTonnes: Double?, valueUSD: Double?, basis: QuantityBasis?
        var tonnesAt: Origin?, containedAt: Origin?, valueAt: Origin?, basisAt: Origin?
    }

    /// Joins the figures of `new` (at `origin`, an element location whose fields are the YAML
    /// keys) into `kept`; contained tonnes on two bases are a conflict even when both are given.
    mutating func join(
        _ kept: inout Measured, tonnes: Double?, containedTonnes: Double?, valueUSD: Double?, basis: QuantityBasis?, mineral: MineralID,
        at origin: (OutputKey) -> Origin, what: String
    ) {
        figure(&kept.tonnes, &kept.tonnesAt, tonnes, origin(.tonnes), what: "\(what): gross tonnes", describe: Self.number)
        figure(&kept.valueUSD, &kept.valueAt, valueUSD, origin(.valueUSD), what: "\(what): value (USD)", describe: Self.number)
        guard let containedTonnes else { return }
        let reference = MineralCatalog.info(mineral)?.referenceBasis
        let newBasis = basis ?? reference
        if kept.containedTonnes != nil, let keptAt = kept.containedAt {
            let keptBasis = kept.basis ?? reference
            if keptBasis != newBasis {
                let label = { (basis: QuantityBasis?) in basis.map { $0.unitLabel(for: mineral) } ?? "its reference basis" }
                conflict("\(what): contained tonnes on two bases", "\(Self.number(kept.containedTonnes!)) \(label(keptBasis))", at: kept.basisAt ?? keptAt,
                         "\(Self.number(containedTonnes)) \(label(newBasis))", at: origin(basis == nil ? .containedTonnes : .basis),
                         notes: ["figures of two bases are never added (METHODS §0.1): state both on one basis"])
                return
            }
            figure(&kept.containedTonnes, &kept.containedAt, containedTonnes, origin(.containedTonnes),
                   what: "\(what): contained tonnes (\(newBasis.map { $0.unitLabel(for: mineral) } ?? "t"))", describe: Self.number)
        } else {
            kept.containedTonnes = containedTonnes
            kept.containedAt = origin(.containedTonnes)
            kept.basis = basis
            kept.basisAt = basis == nil ? nil : origin(.basis)
        }
    }

    // MARK: Merge

    mutating func run(name: String?) -> SupplyGraph {
        precondition(!documents.isEmpty, "merge needs a graph")
        let first = documents[0].graph
        var graph = SupplyGraph(name: first.name, year: first.year)
        graphFields(into: &graph)
        var names: [String] = []
        for document in documents where !names.contains(document.graph.name) { names.append(document.graph.name) }
        graph.name = name ?? names.joined(separator: " + ")
        let described = documents.filter { $0.graph.description != nil }
        if !described.isEmpty {
            graph.description = described.map { "\(Self.fileName($0.sourceMap.file)): \($0.graph.description!)" }.joined(separator: "\n\n")
        }
        graph.sources = sources()
        graph.nodes = nodes()
        graph.flows = flows()
        graph.otherCountries = otherCountries()
        return graph
    }

    /// Year, price year and country scheme: one value for all files.
    mutating func graphFields(into graph: inout SupplyGraph) {
        var year: Int? = nil, priceYear: Int? = nil, scheme: String? = nil
        var yearAt: Origin? = nil, priceYearAt: Origin? = nil, schemeAt: Origin? = nil
        for (index, document) in documents.enumerated() {
            let at = { (key: GraphKey) in Origin(document: index, location: .graph(key)) }
            figure(&year, &yearAt, document.graph.year, at(.year), what: "the graph year", describe: String.init)
            figure(&priceYear, &priceYearAt, document.graph.priceYear, at(.priceYear), what: "the price year", describe: String.init)
            figure(&scheme, &schemeAt, document.graph.countryScheme, at(.countryScheme), what: "the country scheme", describe: { $0 })
        }
        graph.year = year ?? graph.year
        graph.priceYear = priceYear
        graph.countryScheme = scheme
    }

    mutating func sources() -> [SourceReference] {
        var merged: [SourceReference] = []
        var origins: [String: Origin] = [:]
        for (index, document) in documents.enumerated() {
            for (i, source) in document.graph.sources.enumerated() {
                let at = Origin(document: index, location: .source(index: i, field: nil))
                guard let keptAt = origins[source.id] else {
                    origins[source.id] = at
                    merged.append(source)
                    continue
                }
                let kept = merged.first { $0.id == source.id }!
                if kept != source {
                    let field = Self.firstDifference(kept, source)
                    conflict("source '\(source.id)' differs (\(field))", "one description", at: Origin(document: keptAt.document, location: .source(index: Self.sourceIndex(keptAt), field: field)),
                             "another", at: Origin(document: index, location: .source(index: i, field: field)),
                             notes: ["nodes and flows cite sources by id: give one of them another id"])
                }
            }
        }
        return merged
    }

    static func sourceIndex(_ origin: Origin) -> Int {
        if case .source(let index, _) = origin.location { return index }
        return 0
    }

    static func firstDifference(_ a: SourceReference, _ b: SourceReference) -> String {
        if a.title != b.title { return "title" }
        if a.publisher != b.publisher { return "publisher" }
        if a.url != b.url { return "url" }
        if a.year != b.year { return "year" }
        return "notes"
    }

    mutating func nodes() -> [Node] {
        var merged: [Node] = []
        var indexByID: [String: Int] = [:]
        /// Per merged node: where it was first defined, its kind and country; per output key, the figures.
        var firstAt: [Origin] = []
        var outputs: [[(key: OutputIdentity, output: Output, figures: Measured)]] = []
        var capacityAt: [Origin?] = [], otherInputsAt: [Origin?] = [], waterAt: [Origin?] = []
        var inFiles: [Set<Int>] = []
        for (index, document) in documents.enumerated() {
            let graphYear = document.graph.year
            for (i, node) in document.graph.nodes.enumerated() {
                let at = { (key: NodeKey?) in Origin(document: index, location: .node(index: i, field: key?.rawValue)) }
                guard let m = indexByID[node.id] else {
                    indexByID[node.id] = merged.count
                    var copy = node
                    copy.outputs = []
                    merged.append(copy)
                    firstAt.append(at(nil))
                    capacityAt.append(node.capacityTonnes == nil ? nil : at(.capacityTonnes))
                    otherInputsAt.append(node.otherInputsUSD == nil ? nil : at(.otherInputsUSD))
                    waterAt.append(node.water == nil ? nil : at(.water))
                    outputs.append([])
                    inFiles.append([index])
                    joinOutputs(node, document: index, nodeIndex: i, graphYear: graphYear, into: &outputs[outputs.count - 1])
                    continue
                }
                inFiles[m].insert(index)
                let keptAt = firstAt[m]
                let kept = merged[m]
                if kept.kind.keyword != node.kind.keyword {
                    conflict("node '\(node.id)' kind", kept.kind.keyword, at: Origin(document: keptAt.document, location: keptAt.location.withField("kind")),
                             node.kind.keyword, at: at(.kind))
                } else if case .wasteDestination(let keptFate) = kept.kind, case .wasteDestination(let fate) = node.kind, keptFate != fate {
                    conflict("node '\(node.id)' fate", keptFate.rawValue, at: Origin(document: keptAt.document, location: keptAt.location.withField("fate")),
                             fate.rawValue, at: at(.fate))
                }
                if kept.country != node.country {
                    conflict("node '\(node.id)' country", kept.country.rawValue, at: Origin(document: keptAt.document, location: keptAt.location.withField("country")),
                             node.country.rawValue, at: at(.country), notes: ["node ids name one place: \(node.id) cannot be in two countries"])
                }
                figure(&merged[m].capacityTonnes, &capacityAt[m], node.capacityTonnes, at(.capacityTonnes),
                       what: "node '\(node.id)' capacity (t)", describe: Self.number)
                figure(&merged[m].otherInputsUSD, &otherInputsAt[m], node.otherInputsUSD, at(.otherInputsUSD),
                       what: "node '\(node.id)' other inputs (USD)", describe: Self.number)
                figure(&merged[m].water, &waterAt[m], node.water, at(.water), what: "node '\(node.id)' water use", describe: Self.describeWater)
                merged[m].name = merged[m].name ?? node.name
                merged[m].source = Self.joined(merged[m].source, node.source, separator: "; ")
                merged[m].notes = Self.joined(merged[m].notes, node.notes, separator: " ")
                joinOutputs(node, document: index, nodeIndex: i, graphYear: graphYear, into: &outputs[m])
            }
        }
        sharedNodes = inFiles.filter { $0.count > 1 }.count
        for m in merged.indices { merged[m].outputs = outputs[m].map(\.output) }
        return merged
    }

    struct OutputIdentity: Hashable {
        let mineral: MineralID
        let year: Int
    }

    /// Joins the outputs of `node` (of document `document`) into the merged node's outputs.
    mutating func joinOutputs(
        _ node: Node, document: Int, nodeIndex: Int, graphYear: Int, into outputs: inout [(key: OutputIdentity, output: Output, figures: Measured)]
    ) {
        for (o, output) in node.outputs.enumerated() {
            let key = OutputIdentity(mineral: output.mineral, year: output.year ?? graphYear)
            let at = { (key: OutputKey) in Origin(document: document, location: .output(node: nodeIndex, index: o, key)) }
            let what = "output \(output.mineral) \(key.year) of node '\(node.id)'"
            if let k = outputs.firstIndex(where: { $0.key == key }) {
                join(&outputs[k].figures, tonnes: output.tonnes, containedTonnes: output.containedTonnes, valueUSD: output.valueUSD,
                     basis: output.basis, mineral: output.mineral, at: at, what: what)
                outputs[k].output.product = outputs[k].output.product ?? output.product
            } else {
                var figures = Measured()
                join(&figures, tonnes: output.tonnes, containedTonnes: output.containedTonnes, valueUSD: output.valueUSD,
                     basis: output.basis, mineral: output.mineral, at: at, what: what)
                outputs.append((key, output, figures))
            }
            let k = outputs.firstIndex(where: { $0.key == key })!
            let figures = outputs[k].figures
            outputs[k].output.tonnes = figures.tonnes
            outputs[k].output.containedTonnes = figures.containedTonnes
            outputs[k].output.basis = figures.containedTonnes == nil ? (outputs[k].output.basis ?? output.basis) : figures.basis
            outputs[k].output.valueUSD = figures.valueUSD
        }
    }

    mutating func flows() -> [Flow] {
        struct FlowKey: Hashable {
            let from: String, to: String, mineral: MineralID, product: String?, type: FlowType
        }
        var merged: [Flow] = []
        /// The first flow of each key and where it is, per document that has it.
        var firstOfKey: [FlowKey: (flow: Flow, at: Origin)] = [:]
        for (index, document) in documents.enumerated() {
            var seenHere = Set<FlowKey>()
            for (i, flow) in document.graph.flows.enumerated() {
                let key = FlowKey(from: flow.from, to: flow.to, mineral: flow.mineral, product: flow.product, type: flow.type)
                let at = Origin(document: index, location: .flow(index: i, field: nil))
                defer { seenHere.insert(key) }
                // Flows of one file are that file's business (two contracts on one route).
                guard !seenHere.contains(key), let (kept, keptAt) = firstOfKey[key], keptAt.document != index else {
                    if firstOfKey[key] == nil { firstOfKey[key] = (flow, at) }
                    merged.append(flow)
                    continue
                }
                if Self.figures(kept) != Self.figures(flow) {
                    conflict("flow \(flow.from) → \(flow.to) (\(flow.mineral)\(flow.product.map { ", \($0)" } ?? ""))",
                             Self.describeFigures(kept), at: keptAt, Self.describeFigures(flow), at: at,
                             notes: ["the same flow from two files would be counted twice"])
                }
            }
        }
        return merged
    }

    static func figures(_ flow: Flow) -> [Double?] {
        [flow.tonnes, flow.containedTonnes, flow.valueUSD]
    }

    static func describeFigures(_ flow: Flow) -> String {
        var parts: [String] = []
        if let tonnes = flow.tonnes { parts.append("\(number(tonnes)) t") }
        if let contained = flow.containedTonnes { parts.append("\(number(contained)) \(flow.containedBasis.unitLabel(for: flow.mineral))") }
        if let value = flow.valueUSD { parts.append("USD \(number(value))") }
        return parts.isEmpty ? "no figures" : parts.joined(separator: ", ")
    }

    mutating func otherCountries() -> [OtherCountries] {
        struct Key: Hashable {
            let mineral: MineralID, stage: Stage, year: Int
        }
        var merged: [OtherCountries] = []
        var figures: [Measured] = []
        var indexByKey: [Key: Int] = [:]
        for (index, document) in documents.enumerated() {
            for (i, other) in document.graph.otherCountries.enumerated() {
                let key = Key(mineral: other.mineral, stage: other.stage, year: other.year ?? document.graph.year)
                // Its figures have the keys of an output's.
                let at = { (key: OutputKey) in Origin(document: index, location: .otherCountries(index: i, field: key.rawValue)) }
                let what = "other countries' \(other.mineral) \(other.stage.rawValue) \(key.year)"
                let m: Int
                if let existing = indexByKey[key] {
                    m = existing
                    merged[m].source = Self.joined(merged[m].source, other.source, separator: "; ")
                    merged[m].notes = Self.joined(merged[m].notes, other.notes, separator: " ")
                } else {
                    m = merged.count
                    indexByKey[key] = m
                    merged.append(other)
                    figures.append(Measured())
                }
                join(&figures[m], tonnes: other.tonnes, containedTonnes: other.containedTonnes, valueUSD: nil, basis: other.basis,
                     mineral: other.mineral, at: at, what: what)
                merged[m].tonnes = figures[m].tonnes
                merged[m].containedTonnes = figures[m].containedTonnes
                merged[m].basis = figures[m].containedTonnes == nil ? merged[m].basis : figures[m].basis
            }
        }
        return merged
    }

    // MARK: Text

    static func joined(_ a: String?, _ b: String?, separator: String) -> String? {
        guard let b, !b.isEmpty else { return a }
        guard let a, !a.isEmpty else { return b }
        let parts = a.components(separatedBy: separator)
        return parts.contains(b) || a == b ? a : a + separator + b
    }

    static func describeWater(_ water: WaterUse) -> String {
        let parts = [
            ("withdrawal", water.withdrawalM3PerTonne), ("consumption", water.consumptionM3PerTonne), ("brine", water.brineM3PerTonne),
            ("seawater", water.seawaterM3PerTonne), ("AWARE factor", water.awareFactor), ("baseline water stress", water.baselineWaterStress),
        ].compactMap { name, value in value.map { "\(name) \(number($0))" } }
        return parts.isEmpty ? "no figures" : parts.joined(separator: ", ")
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Says which files were merged and how, then repeats each file's own header comment.
    func headerComment(for graph: SupplyGraph) -> [String] {
        let names = documents.map { Self.fileName($0.sourceMap.file) }
        let list = names.count <= 2 ? names.joined(separator: " and ") : names.dropLast().joined(separator: ", ") + " and " + names.last!
        var lines = ["# Merged by `mineral-graph merge` from \(list)."]
        lines.append("# Nodes with one id are one node: outputs and attributes of every file, figures checked to agree;")
        lines.append("# flows of every file; sources and other countries joined.")
        lines.append("# " + documents.map { document in
            "\(Self.fileName(document.sourceMap.file)): \(document.graph.nodes.count) node\(document.graph.nodes.count == 1 ? "" : "s"), "
                + "\(document.graph.flows.count) flow\(document.graph.flows.count == 1 ? "" : "s")"
        }.joined(separator: "; ") + "; \(sharedNodes) node\(sharedNodes == 1 ? "" : "s") in more than one file.")
        for document in documents where !document.headerComment.isEmpty {
            lines.append("#")
            lines.append("# From \(Self.fileName(document.sourceMap.file)):")
            for line in document.headerComment {
                let text = line.hasPrefix("#") ? String(line.dropFirst()) : line
                lines.append("#  " + (text.hasPrefix(" ") ? String(text.dropFirst()) : text))
            }
        }
        return lines.map { $0.hasSuffix(" ") ? String($0.dropLast()) : $0 }
    }
}

extension GraphLocation {
    /// The same element with `field`.
    fileprivate func withField(_ field: String) -> GraphLocation {
        switch self {
        case .graph: .graph(field: field)
        case .source(let i, _): .source(index: i, field: field)
        case .node(let i, _): .node(index: i, field: field)
        case .output(let n, let i, _): .output(node: n, index: i, field: field)
        case .flow(let i, _): .flow(index: i, field: field)
        case .otherCountries(let i, _): .otherCountries(index: i, field: field)
        }
    }
}
