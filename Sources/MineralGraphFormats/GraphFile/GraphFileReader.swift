import Foundation
import MineralGraphCore

/// Reads the `mineral-graph/1` YAML format (docs/graph-format.md) into a ``GraphDocument``.
///
/// Every problem found is reported, each with `file:line:column`: YAML syntax errors, unknown
/// or duplicate keys, missing required fields, values of the wrong type, unknown kinds and
/// fates. Unknown countries and minerals load as written; `GraphValidator` reports them with
/// the closest matches. Countries given as alpha-2 codes or names are stored as alpha-3 codes
/// and minerals given by alias as their ids, so the canonical writer normalises them.
public struct GraphFileReader: Sendable {
    /// The value of the optional `format:` key this reader understands.
    public static let formatVersion = "mineral-graph/1"
    /// Largest graph text read by default, in bytes (``InputLimits/maximumDocumentBytes``).
    public static let maximumBytes = InputLimits.maximumDocumentBytes
    /// Largest number of YAML values (scalars, mappings, lists) in one file.
    public static let maximumYAMLNodes = InputLimits.maximumYAMLValues

    /// Largest graph text this reader reads, in bytes; larger text is a `file-too-large` error.
    public var maximumBytes: Int

    /// When the reader decodes on a second thread (``DecodingPipeline``); `nil`: never.
    var pipeline = DecodingPipeline.Use.automatic
    /// Whether the reader tries ``BlockYAMLComposer`` before libyaml (tests compare both).
    var triesBlockComposer = true
    /// The size of a `flows` list from which the block composer reads it in two parts side by
    /// side; `nil`: never (tests compare both).
    var twoPartsFrom = Decoding.twoPartsFrom

    public init(maximumBytes: Int = GraphFileReader.maximumBytes) {
        self.maximumBytes = maximumBytes
    }

    /// Reads the file at `path` (`-` for standard input).
    public func read(contentsOf path: String) throws(DiagnosticError) -> GraphDocument {
        let (text, file) = try Self.text(contentsOf: path, limit: maximumBytes)
        return try read(text: text, file: file)
    }

    /// The text of the file at `path` (`-` for standard input) and its name in diagnostics.
    static func text(
        contentsOf path: String, limit: Int = InputLimits.maximumDocumentBytes
    ) throws(DiagnosticError) -> (text: String, file: String) {
        do {
            return (try TextFile.read(path, limit: limit), path == "-" ? "<stdin>" : path)
        } catch {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .unreadable, "\(path): \(error)", at: nil)], text: nil)
        }
    }

    /// Reads graph text; `file` names it in diagnostics.
    public func read(text: String, file: String) throws(DiagnosticError) -> GraphDocument {
        // A byte-order mark is not part of the text (TextFile.read drops it too); left in, it
        // would hide the header comment and shift the carets of line 1.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var decoder = Decoding(file: file)
        decoder.maximumBytes = maximumBytes
        decoder.pipeline = pipeline
        decoder.triesBlockComposer = triesBlockComposer
        decoder.twoPartsFrom = twoPartsFrom
        let root = try decoder.composeGraph(text)
        // No document, or an empty one (`---` alone), holds no graph.
        guard let root, !decoder.isNull(root) else {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .emptyFile, "the file holds no graph: it is empty or has only comments",
                                         at: SourceLocation(file: file, line: 1, column: 1))],
                text: text)
        }
        let graph = decoder.graph(root)
        let errors = decoder.sortedDiagnostics
        if let graph, errors.isEmpty {
            return GraphDocument(graph: graph, headerComment: Self.headerComment(of: text), sourceMap: decoder.sourceMap, text: text)
        }
        throw DiagnosticError(diagnostics: errors, text: text)
    }

    /// The comment block at the top of `text`: `#` lines and the blank lines between them.
    static func headerComment(of text: String) -> [String] {
        var lines: [String] = []
        // Line by line ("\r\n" is one Character in Swift), stopping at the first line that is
        // neither a comment nor blank, however long the file.
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex { $0 == "\n" || $0 == "\r\n" } ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.hasPrefix("#") {
                lines.append(String(trimmed))
            } else if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
                lines.append("")
            } else {
                break
            }
        }
        while lines.last == "" { lines.removeLast() }
        while lines.first == "" { lines.removeFirst() }
        return lines
    }
}

/// One pass over a composed YAML tree, collecting diagnostics and source positions.
struct Decoding {
    let file: String
    var diagnostics: [Diagnostic] = []
    var sourceMap: SourceMap
    /// "Did you mean" searches left for this file.
    let hints = SuggestionBudget()
    /// Countries and minerals resolved so far, by spelling.
    private var countries: [String: CountryCode] = [:]
    private var minerals: [String: MineralID] = [:]
    /// Nodes and flows decoded while composing (``composeGraph(_:)``), by item index; `nil`
    /// when the file's `nodes` or `flows` is not a list that was streamed.
    private var streamedNodes: [MineralGraphCore.Node]?
    private var streamedFlows: [Flow]?
    /// Largest text read, bytes.
    var maximumBytes = InputLimits.maximumDocumentBytes
    /// When ``composeGraph(_:)`` decodes on a second thread; `nil`: never.
    var pipeline: DecodingPipeline.Use? = .automatic
    /// Whether ``composeGraph(_:)`` tries ``BlockYAMLComposer`` before libyaml.
    var triesBlockComposer = true
    /// The size of a `flows` list from which ``composeGraph(_:)`` reads it in two parts side by
    /// side (``composeInTwoParts(_:cut:streaming:composer:)``); `nil`: never.
    var twoPartsFrom = Decoding.twoPartsFrom

    /// 1 MiB of `flows`, on a machine with more than one core.
    static let twoPartsFrom: Int? = ProcessInfo.processInfo.activeProcessorCount > 1 ? 1 << 20 : nil

    init(file: String) {
        self.file = file
        self.sourceMap = SourceMap(file: file)
    }

    /// Composes `text` into a YAML tree (``YAMLComposer``: no aliases, no repeated keys,
    /// bounded nesting) after checking its size and line lengths against ``InputLimits``;
    /// `kind` names the files in messages ("graph files"). `nil` when the text holds no document.
    func compose(_ text: String, kind: String) throws(DiagnosticError) -> YAMLNode? {
        try checkLimits(text, kind: kind)
        return try YAMLComposer(file: file, kind: kind).compose(text)
    }

    /// Refuses text larger than ``InputLimits/maximumDocumentBytes`` or with a line longer
    /// than ``InputLimits/maximumLineBytes``, before parsing it.
    func checkLimits(_ text: String, kind: String) throws(DiagnosticError) {
        if let problem = InputLimits.tooLarge(
            text.utf8.count, limit: maximumBytes, file: file, what: kind,
            notes: kind == "graph files" ? ["split the graph by mineral or year, or import trade data with `mineral-graph import`"] : [])
        {
            throw DiagnosticError(diagnostics: [problem], text: nil)
        }
        if let problem = InputLimits.longLine(in: text, file: file, yamlBreaks: true) {
            throw DiagnosticError(diagnostics: [problem], text: text)
        }
    }

    /// ``compose(_:kind:)`` for a graph file, decoding each node and flow as soon as the
    /// composer has it (``YAMLComposer/compose(_:streaming:handler:)``), so that the YAML
    /// values of a large file's elements are never all in memory; ``graph(_:)`` takes the
    /// decoded elements instead of reading those lists again.
    ///
    /// The plain block YAML graph files are written in is read without libyaml
    /// (``BlockYAMLComposer``); text outside it, errors included, is read again from the start
    /// by libyaml with everything decoded so far dropped. A `flows` list of ``twoPartsFrom``
    /// bytes or more is cut in two, and the part from the cut on is composed and decoded on
    /// another thread while this one reads the rest (``BlockYAMLComposer/Cut``); a part with
    /// anything to report makes the text be read again in one pass. Text of ``pipeline``'s
    /// `minimumBytes` or more (opt-in) is instead decoded on a second thread
    /// (``DecodingPipeline``) while the composer goes on. Every way gives the same results in
    /// the same order.
    mutating func composeGraph(_ text: String) throws(DiagnosticError) -> YAMLNode? {
        try checkLimits(text, kind: "graph files")
        let composer = YAMLComposer(file: file, kind: "graph files")
        let streaming: Set<String> = [GraphKey.nodes.rawValue, GraphKey.flows.rawValue]
        if triesBlockComposer {
            let unread = self
            let pipelined = pipeline.map { text.utf8.count >= $0.minimumBytes } ?? false
            if !pipelined, let minimumBytes = twoPartsFrom,
               let cut = BlockYAMLComposer.Cut(text, list: GraphKey.flows.rawValue, minimumBytes: minimumBytes) {
                if let root = composeInTwoParts(text, cut: cut, streaming: streaming, composer: composer) { return root }
                self = unread
            }
            let fast = try streamItems(of: text, fallible: true) { handler in
                BlockYAMLComposer.compose(
                    text, streaming: streaming, maximumDepth: composer.maximumDepth, maximumValues: composer.maximumValues, handler: handler)
            }
            if let fast { return fast }
            self = unread
        }
        return try streamItems(of: text, fallible: false) { handler throws(DiagnosticError) in
            try composer.compose(text, streaming: streaming, handler: handler)
        }
    }

    /// The block composer's reading of `text` with the second part of its `flows` list (`cut`)
    /// composed and decoded on another thread meanwhile: the same tree, elements and positions
    /// as one pass gives. `nil` (and this decoding to be dropped) when either part is outside
    /// the subset or a part has anything to report: the text is then read again in one pass,
    /// which gives every diagnostic in its order.
    private mutating func composeInTwoParts(
        _ text: String, cut: BlockYAMLComposer.Cut, streaming: Set<String>, composer: YAMLComposer
    ) -> YAMLNode? {
        final class SecondPart: @unchecked Sendable {
            var decoding: Decoding
            var composed: (items: [YAMLNode], values: Int)?
            init(_ decoding: Decoding) { self.decoding = decoding }
        }
        let second = SecondPart(Decoding(file: file))
        let done = DispatchSemaphore(value: 0)
        // A thread of its own, not one of a pool that readers running side by side could
        // fill while each waits for its second part.
        let thread = Thread {
            second.composed = BlockYAMLComposer.composeSecondPart(
                text, cut: cut, maximumDepth: composer.maximumDepth, maximumValues: composer.maximumValues
            ) { _, index, item in
                second.decoding.decodeStreamedFlow(item, index: cut.itemsBefore + index)
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let first = BlockYAMLComposer.composeFirstPart(
            text, cut: cut, streaming: streaming, maximumDepth: composer.maximumDepth, maximumValues: composer.maximumValues
        ) { list, index, item in
            if list == GraphKey.nodes.rawValue {
                decodeStreamedNode(item, index: index)
            } else {
                decodeStreamedFlow(item, index: index)
            }
        }
        done.wait()
        // Every item decoded without a word to say, the values within the limit one pass
        // checks (the list itself counted by both parts).
        guard let first, let rest = second.composed, diagnostics.isEmpty, second.decoding.diagnostics.isEmpty,
              streamedFlows?.count == cut.itemsBefore, second.decoding.streamedFlows?.count == rest.items.count,
              first.values + rest.values - 1 <= composer.maximumValues,
              case .mapping(var root) = first.root,
              let k = root.pairs.firstIndex(where: { $0.key.string == cut.key }), case .sequence(var list) = root.pairs[k].value,
              sourceMap.append(second.decoding.sourceMap)
        else { return nil }
        streamedFlows! += second.decoding.streamedFlows!
        list.items += rest.items
        root.pairs[k].value = .sequence(list)
        return .mapping(root)
    }

    /// Runs `compose`, decoding the items it hands over here or on a second thread. When
    /// `fallible`, `nil` from `compose` means it gave up: nothing decoded is kept.
    private mutating func streamItems(
        of text: String, fallible: Bool,
        _ compose: (YAMLComposer.ItemHandler) throws(DiagnosticError) -> YAMLNode?
    ) throws(DiagnosticError) -> YAMLNode? {
        guard let pipeline, text.utf8.count >= pipeline.minimumBytes else {
            return try compose { list, index, item in
                if list == GraphKey.nodes.rawValue {
                    decodeStreamedNode(item, index: index)
                } else {
                    decodeStreamedFlow(item, index: index)
                }
            }
        }
        let stage = DecodingPipeline(self, batchSize: pipeline.batchSize)
        let root: YAMLNode?
        do {
            root = try compose { list, index, item in stage.add(isNode: list == GraphKey.nodes.rawValue, index: index, item) }
        } catch {
            stage.cancel()
            throw error
        }
        if root == nil && fallible {
            stage.cancel()
        } else {
            self = stage.finish()
        }
        return root
    }

    /// Decodes the `index`-th item of a streamed `nodes` list.
    mutating func decodeStreamedNode(_ item: YAMLNode, index: Int) {
        // Appended in place: the lists have hundreds of thousands of items.
        let decoded = node(item, index: index)
        if streamedNodes == nil { streamedNodes = [] }
        if let decoded { streamedNodes!.append(decoded) }
    }

    /// Decodes the `index`-th item of a streamed `flows` list.
    mutating func decodeStreamedFlow(_ item: YAMLNode, index: Int) {
        let decoded = flow(item, index: index)
        if streamedFlows == nil { streamedFlows = [] }
        if let decoded { streamedFlows!.append(decoded) }
    }

    /// The diagnostics collected so far, in file order.
    var sortedDiagnostics: [Diagnostic] {
        diagnostics.inFileOrder()
    }

    // MARK: Graph

    mutating func graph(_ root: YAMLNode) -> SupplyGraph? {
        record(.graph(field: nil), root)
        guard let fields = fields(of: root, what: "the graph", required: [GraphKey.name, .year]) else { return nil }
        for (key, value) in fields { record(.graph(key), value, key: fields.keyNode(key)) }
        if let format = string(fields, .format), format != GraphFileReader.formatVersion {
            error(.unsupportedFormat, "unsupported format '\(format)'", at: fields[.format]!,
                  notes: ["this version of mineral-graph reads '\(GraphFileReader.formatVersion)'"])
        }
        if let units = fields[.units] { checkUnits(units) }
        let name = required(fields, .name)
        let year = fields[.year].flatMap { isNull($0) ? missing($0, GraphKey.year.rawValue) : integer($0, GraphKey.year.rawValue) }
        let priceYear = integer(fields, .priceYear)
        let description = string(fields, .description)
        let scheme = string(fields, .countryScheme)
        let sources = list(fields, .sources) { decoding, item, i in decoding.source(item, index: i) }
        let nodes = streamedNodes
            ?? list(fields, .nodes) { decoding, item, i in decoding.node(item, index: i) }
        let flows = streamedFlows
            ?? list(fields, .flows) { decoding, item, i in decoding.flow(item, index: i) }
        let others = list(fields, .otherCountries) { decoding, item, i in decoding.otherCountries(item, index: i) }
        let defaults = fields[.uncertainty].flatMap { uncertaintyDefaults($0) }
        guard let name, let year else { return nil }
        return SupplyGraph(
            name: name, year: year, priceYear: priceYear, description: description,
            countryScheme: scheme, sources: sources, nodes: nodes, flows: flows, otherCountries: others,
            uncertaintyDefaults: defaults)
    }

    mutating func checkUnits(_ node: YAMLNode) {
        let expected: [UnitsKey: String] = [.mass: SupplyGraph.massUnit, .value: SupplyGraph.valueUnit, .water: SupplyGraph.waterUnit]
        guard let fields = fields(of: node, what: GraphKey.units.rawValue, required: [UnitsKey]()) else { return }
        for (key, value) in fields {
            guard let unit = string(value, "\(GraphKey.units.rawValue).\(key.rawValue)") else { continue }
            if unit != expected[key]! {
                error(.unsupportedUnit, "\(key.rawValue) unit '\(unit)' is not supported", at: value,
                      notes: ["graph files use \(expected[key]!) for \(key.rawValue); convert the figures (importers do this for you)"])
            }
        }
    }

    // MARK: Elements

    mutating func source(_ node: YAMLNode, index: Int) -> SourceReference? {
        record(.source(index: index, field: nil), node)
        guard let f = fields(of: node, what: "a source", required: [SourceKey.id, .title]) else { return nil }
        for (key, value) in f { record(.source(index, key), value, key: f.keyNode(key)) }
        guard let id = required(f, .id), let title = required(f, .title) else { return nil }
        return SourceReference(
            id: id, title: title, publisher: string(f, .publisher), url: string(f, .url), year: integer(f, .year),
            notes: string(f, .notes))
    }

    mutating func node(_ node: YAMLNode, index: Int) -> MineralGraphCore.Node? {
        record(.node(index: index, field: nil), node)
        guard let f = fields(of: node, what: "a node", required: [NodeKey.id, .kind, .country]) else { return nil }
        for (key, value) in f { record(.node(index, key), value, key: f.keyNode(key)) }
        let id = required(f, .id)
        let kind = f[.kind].flatMap { nodeKind($0, fate: f[.fate]) }
        if let fate = f[.fate], let kind, kind.fate == nil {
            error(.fateWithoutWaste, "only waste destinations have a fate", at: fate, notes: ["use 'kind: waste' or remove 'fate'"])
        }
        let country = required(f, .country).map { self.country($0) }
        let outputs = list(f, .outputs) { decoding, item, i in decoding.output(item, node: index, index: i) }
        let water = f[.water].flatMap { waterUse($0, node: index) }
        guard let id, let kind, let country else { return nil }
        return MineralGraphCore.Node(
            id: id, name: string(f, .name), kind: kind, country: country,
            outputs: outputs, capacityTonnes: number(f, .capacityTonnes),
            water: water, otherInputsUSD: number(f, .otherInputsUSD),
            source: string(f, .source), notes: string(f, .notes))
    }

    mutating func nodeKind(_ node: YAMLNode, fate fateNode: YAMLNode?) -> NodeKind? {
        guard let text = required(node, NodeKey.kind.rawValue) else { return nil }
        switch text {
        case "mine": return .mine
        case "processor": return .processor
        case "manufacturer": return .manufacturer
        case "consumer": return .consumer
        case "waste":
            guard let fateNode else {
                error(.missingFate, "waste destination needs a fate", at: node,
                      notes: ["add 'fate:' with one of: " + WasteFate.allCases.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
            guard let fateText = required(fateNode, NodeKey.fate.rawValue) else { return nil }
            guard let fate = WasteFate(rawValue: fateText) else {
                error(.unknownFate, "unknown waste fate '\(fateText)'", at: fateNode,
                      notes: ["fates: " + WasteFate.allCases.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
            return .wasteDestination(fate)
        default:
            let synonyms = ["refinery": "processor", "refiner": "processor", "smelter": "processor",
                            "converter": "processor", "recycler": "waste (fate: recycling)",
                            "landfill": "waste (fate: landfill)", "market": "consumer", "use": "consumer"]
            let hint = synonyms[text.lowercased()] ?? hints.suggestions { ClosestMatches.best(for: text, among: NodeKind.keywords, limit: 1) }.first
            error(.unknownKind, "unknown node kind '\(text)'", at: node,
                  notes: (hint.map { ["did you mean '\($0)'?"] } ?? []) + ["kinds: " + NodeKind.keywords.joined(separator: ", ")])
            return nil
        }
    }

    mutating func output(_ node: YAMLNode, node nodeIndex: Int, index: Int) -> Output? {
        record(.output(node: nodeIndex, index: index, field: nil), node)
        guard let f = fields(of: node, what: "an output", required: [OutputKey.mineral]) else { return nil }
        for (key, value) in f { record(.output(node: nodeIndex, index: index, key), value, key: f.keyNode(key)) }
        guard let mineral = f[.mineral].flatMap({ mineral($0) }) else { return nil }
        let (tonnes, contained, value) = (figure(f, .tonnes), figure(f, .containedTonnes), figure(f, .valueUSD))
        return Output(
            mineral: mineral, year: integer(f, .year), product: string(f, .product), tonnes: tonnes.value,
            containedTonnes: contained.value, basis: f[.basis].flatMap { basis($0, mineral: mineral) },
            valueUSD: value.value,
            uncertainty: FigureUncertainties(tonnes: tonnes.statement, containedTonnes: contained.statement, valueUSD: value.statement).nonEmpty)
    }

    mutating func waterUse(_ node: YAMLNode, node index: Int) -> WaterUse? {
        guard let f = fields(of: node, what: NodeKey.water.rawValue, required: [WaterKey]()) else { return nil }
        for (key, value) in f { record(.node(index, water: key), value, key: f.keyNode(key)) }
        var water = WaterUse()
        for key in WaterKey.allCases { water[keyPath: key.keyPath] = number(f, key) }
        return water.isEmpty ? nil : water
    }

    mutating func flow(_ node: YAMLNode, index: Int) -> Flow? {
        record(.flow(index: index, field: nil), node)
        guard let f = fields(of: node, what: "a flow", required: [FlowKey.from, .to, .mineral]) else { return nil }
        for (key, value) in f { record(.flow(index, key), value, key: f.keyNode(key)) }
        var type = FlowType.product
        if let typeNode = f[.type], let text = string(typeNode, FlowKey.type.rawValue) {
            if let parsed = FlowType(rawValue: text) {
                type = parsed
            } else {
                error(.unknownFlowType, "unknown flow type '\(text)'", at: typeNode,
                      notes: ["types: " + FlowType.allCases.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
        }
        guard let from = required(f, .from), let to = required(f, .to), let mineral = f[.mineral].flatMap({ mineral($0) })
        else { return nil }
        let (tonnes, contained, value) = (figure(f, .tonnes), figure(f, .containedTonnes), figure(f, .valueUSD))
        return Flow(
            from: from, to: to, mineral: mineral, product: string(f, .product), tonnes: tonnes.value,
            containedTonnes: contained.value, basis: f[.basis].flatMap { basis($0, mineral: mineral) },
            valueUSD: value.value, type: type, source: string(f, .source), notes: string(f, .notes),
            uncertainty: FigureUncertainties(tonnes: tonnes.statement, containedTonnes: contained.statement, valueUSD: value.statement).nonEmpty)
    }

    mutating func otherCountries(_ node: YAMLNode, index: Int) -> OtherCountries? {
        record(.otherCountries(index: index, field: nil), node)
        guard let f = fields(of: node, what: "an 'other countries' entry", required: [OtherCountriesKey.mineral, .stage]) else { return nil }
        for (key, value) in f { record(.otherCountries(index, key), value, key: f.keyNode(key)) }
        var stage: Stage?
        if let stageNode = f[.stage], let text = required(stageNode, OtherCountriesKey.stage.rawValue) {
            stage = Stage(rawValue: text)
            if stage == nil {
                error(.unknownStage, "unknown stage '\(text)'", at: stageNode,
                      notes: ["stages: " + Stage.allCases.map(\.rawValue).joined(separator: ", ")])
            }
        }
        guard let mineral = f[.mineral].flatMap({ mineral($0) }), let stage else { return nil }
        let (tonnes, contained) = (figure(f, .tonnes), figure(f, .containedTonnes))
        return OtherCountries(
            mineral: mineral, stage: stage, year: integer(f, .year), tonnes: tonnes.value,
            containedTonnes: contained.value, basis: f[.basis].flatMap { basis($0, mineral: mineral) },
            source: string(f, .source), notes: string(f, .notes),
            uncertainty: FigureUncertainties(tonnes: tonnes.statement, containedTonnes: contained.statement).nonEmpty)
    }

    /// The basis of `contained_tonnes`: `element`, `gross`, the element's symbol or a compound
    /// (`Li2O`, `LCE`, `REO`); a basis the mineral has no factor or symbol for is an error.
    mutating func basis(_ node: YAMLNode, mineral: MineralID) -> QuantityBasis? {
        guard let text = required(node, OutputKey.basis.rawValue) else { return nil }
        if let basis = QuantityBasis.parse(text, mineral: mineral) {
            if case .compound(let compound) = basis, let element = compound.element,
               let info = MineralCatalog.info(mineral), info.element != element {
                error(.basisMineral, "basis '\(text)' is a compound of \(element), not of \(info.name.lowercased())", at: node,
                      notes: ["bases of \(info.name.lowercased()): " + info.bases.map(\.code).joined(separator: ", ")])
                return nil
            }
            return basis
        }
        let known = ["element", "gross"] + Compound.all.map(\.code)
        let hint = hints.suggestions { ClosestMatches.best(for: text, among: known, limit: 1) }.first
        error(.unknownBasis, "unknown quantity basis '\(text)'", at: node,
              notes: (hint.map { ["did you mean '\($0)'?"] } ?? []) + ["bases: " + known.joined(separator: ", ")])
        return nil
    }

    mutating func mineral(_ node: YAMLNode) -> MineralID? {
        guard let text = required(node, OutputKey.mineral.rawValue) else { return nil }
        if let known = minerals[text] { return known }
        let id = MineralCatalog.resolve(text)?.id ?? MineralID(text)
        minerals[text] = id
        return id
    }

    /// The alpha-3 code of a country given by code or name (as written when unknown),
    /// remembered per spelling: a large file names the same few countries again and again.
    mutating func country(_ text: String) -> CountryCode {
        if let known = countries[text] { return known }
        let code = CountryTable.resolve(text)?.code ?? CountryCode(text)
        countries[text] = code
        return code
    }

    // MARK: Structure

    /// The known keys of a mapping and their values (and key nodes, for source positions).
    /// A mapping has a dozen keys at most, so they are looked up by scanning.
    struct Fields<Key: Equatable>: Sequence {
        // The mapping's own pairs (shared, not copied) and the known key of each, `nil` for
        // an unknown or malformed one: a lookup compares keys without copying entries or
        // building arrays of nodes, which were a tenth of reading a large graph.
        private let pairs: [(key: YAMLNode, value: YAMLNode)]
        private var known: [Key?] = []

        init(_ mapping: YAMLNode.Mapping) {
            pairs = mapping.pairs
            known.reserveCapacity(pairs.count)
        }

        /// Adds the key of the next pair of the mapping.
        mutating func append(_ key: Key?) {
            known.append(key)
        }

        func contains(_ key: Key) -> Bool {
            known.contains(key)
        }
        subscript(key: Key) -> YAMLNode? {
            known.firstIndex(of: key).map { pairs[$0].value }
        }
        func keyNode(_ key: Key) -> YAMLNode? {
            known.firstIndex(of: key).map { pairs[$0].key }
        }
        func makeIterator() -> some IteratorProtocol<(key: Key, value: YAMLNode)> {
            zip(known, pairs).lazy.compactMap { key, pair in key.map { (key: $0, value: pair.value) } }.makeIterator()
        }
    }

    /// The keys of a mapping, after checking for unknown and missing keys.
    mutating func fields(of node: YAMLNode, what: String, allowed: [String], required: [String]) -> Fields<String>? {
        fields(of: node, what: what, allowed: { allowed }, required: required, name: { $0 }, known: { allowed.contains($0) ? $0 : nil })
    }

    /// The keys of a graph-file mapping, after checking for unknown (not in `Key`) and missing keys.
    mutating func fields<Key: GraphFileKey>(of node: YAMLNode, what: String, required: [Key]) -> Fields<Key>? {
        // The allowed names are only needed for messages: built per mapping, they were a fifth
        // of reading a large graph.
        fields(of: node, what: what, allowed: { Key.names }, required: required, name: { $0.rawValue }, known: Key.init(rawValue:))
    }

    private mutating func fields<Key>(
        of node: YAMLNode, what: String, allowed: () -> [String], required: [Key], name: (Key) -> String, known: (String) -> Key?
    ) -> Fields<Key>? {
        guard case .mapping(let mapping) = node else {
            error(.expectedMapping, "expected \(what) as a mapping of keys to values, found \(describe(node))", at: node)
            return nil
        }
        var result = Fields<Key>(mapping)
        for index in mapping.pairs.indices {
            let keyNode = mapping.pairs[index].key
            guard case .scalar(let key) = keyNode else {
                error(.badKey, "keys must be plain words", at: keyNode)
                result.append(nil)
                continue
            }
            let knownKey = known(key.string)
            result.append(knownKey)
            if knownKey == nil {
                let allowed = allowed()
                let closest = hints.suggestions { ClosestMatches.best(for: key.string, among: allowed, limit: 1) }
                error(.unknownKey, "unknown key '\(Self.excerpt(key.string))' in \(what)", at: keyNode,
                      notes: closest.map { "did you mean '\($0)'?" } + ["keys: " + allowed.joined(separator: ", ")])
            }
        }
        for key in required where !result.contains(key) {
            error(.missingKey, "\(what) needs '\(name(key))'", at: node)
        }
        return result
    }

    /// The list under `key`, each item decoded by `element`.
    mutating func list<Key: GraphFileKey, T>(_ fields: Fields<Key>, _ key: Key, _ element: (inout Decoding, YAMLNode, Int) -> T?) -> [T] {
        list(fields[key], key.rawValue, element)
    }

    /// The text under `key`, if any.
    mutating func string<Key: GraphFileKey>(_ fields: Fields<Key>, _ key: Key) -> String? {
        fields[key].flatMap { string($0, key.rawValue) }
    }

    /// The text under `key`, which must not be empty when the key is given.
    mutating func required<Key: GraphFileKey>(_ fields: Fields<Key>, _ key: Key) -> String? {
        fields[key].flatMap { required($0, key.rawValue) }
    }

    /// The number under `key`, if any.
    mutating func number<Key: GraphFileKey>(_ fields: Fields<Key>, _ key: Key) -> Double? {
        fields[key].flatMap { number($0, key.rawValue) }
    }

    /// The figure under `key` and its uncertainty statement: a number, or a mapping
    /// `{value: V, range: [L, H]}`, `{value: V, uncertainty: 10%}`, `{value: V, estimated: true}`
    /// (METHODS §11).
    mutating func figure<Key: GraphFileKey>(_ fields: Fields<Key>, _ key: Key) -> (value: Double?, statement: FigureUncertainty?) {
        guard let node = fields[key] else { return (nil, nil) }
        guard case .mapping = node else { return (number(node, key.rawValue), nil) }
        let what = "'\(key.rawValue)' with its uncertainty"
        guard let f = self.fields(of: node, what: what, required: [FigureKey.value]) else { return (nil, nil) }
        guard let value = number(f, .value) else { return (nil, nil) }
        let stated = ([FigureKey.range, .uncertainty] + FigureUncertainty.marks.map(\.key)).filter { f[$0] != nil }
        if stated.count > 1 {
            error(.badUncertainty, "'\(key.rawValue)' states its uncertainty twice (\(stated.map(\.rawValue).joined(separator: ", ")))",
                  at: f[stated[1]]!, notes: ["give one of range, uncertainty, estimated, rounded and grade"])
            return (value, nil)
        }
        if let rangeNode = f[.range] {
            let bounds = items(rangeNode, FigureKey.range.rawValue).compactMap { number($0, FigureKey.range.rawValue) }
            guard bounds.count == 2, bounds[0] <= value, value <= bounds[1] else {
                error(.badUncertainty, "the range of '\(key.rawValue)' must be [low, high] around its value \(NumberFormatting.plain(value))",
                      at: rangeNode, notes: ["for example range: [\(NumberFormatting.plain(value * 0.9)), \(NumberFormatting.plain(value * 1.1))]"])
                return (value, nil)
            }
            return (value, .range(low: bounds[0], high: bounds[1]))
        }
        if let relativeNode = f[.uncertainty] {
            return (value, fraction(relativeNode, "\(key.rawValue).\(FigureKey.uncertainty.rawValue)").map(FigureUncertainty.relative))
        }
        for (mark, statement) in FigureUncertainty.marks {
            guard let markNode = f[mark], let text = string(markNode, mark.rawValue) else { continue }
            switch text {
            case "true": return (value, statement)
            case "false": return (value, nil)
            default:
                error(.badUncertainty, "'\(mark.rawValue)' is true or false, found '\(text)'", at: markNode)
            }
        }
        return (value, nil)
    }

    /// A relative uncertainty: `10%`, `± 10 %` or a fraction such as `0.1`, from 0 up to 100 %.
    mutating func fraction(_ node: YAMLNode, _ key: String) -> Double? {
        guard let text = string(node, key) else { return nil }
        guard let fraction = FigureText.fraction(text), fraction >= 0, fraction <= 1 else {
            error(.badUncertainty, "expected an uncertainty such as 10% for '\(key)', found '\(text)'", at: node,
                  notes: ["a percentage from 0% to 100% (± and spaces allowed), or a fraction from 0 to 1"])
            return nil
        }
        return fraction
    }

    /// The graph's `uncertainty:` block (``UncertaintyDefaults``).
    mutating func uncertaintyDefaults(_ node: YAMLNode) -> UncertaintyDefaults? {
        guard let f = fields(of: node, what: GraphKey.uncertainty.rawValue, required: [UncertaintyDefaultsKey]()) else { return nil }
        var defaults = UncertaintyDefaults.standard
        for (key, value) in f {
            guard let fraction = fraction(value, "\(GraphKey.uncertainty.rawValue).\(key.rawValue)") else { continue }
            defaults[key] = fraction
        }
        return defaults
    }

    /// The whole number under `key`, if any.
    mutating func integer<Key: GraphFileKey>(_ fields: Fields<Key>, _ key: Key) -> Int? {
        fields[key].flatMap { integer($0, key.rawValue) }
    }

    mutating func list<T>(_ node: YAMLNode?, _ what: String, _ element: (inout Decoding, YAMLNode, Int) -> T?) -> [T] {
        items(node, what).enumerated().compactMap { i, item in element(&self, item, i) }
    }

    /// The items of a list; none for a missing or null value, and an error for anything else.
    mutating func items(_ node: YAMLNode?, _ what: String) -> [YAMLNode] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            error(.expectedList, "expected '\(what)' to be a list (items start with '- '), found \(describe(node))", at: node)
            return []
        }
        return sequence.items
    }

    // MARK: Scalars

    func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.isPlain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    mutating func string(_ node: YAMLNode, _ key: String) -> String? {
        if isNull(node) { return nil }
        guard case .scalar(let scalar) = node else {
            error(.expectedText, "expected text for '\(key)', found \(describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// A string that must be present and non-empty.
    mutating func required(_ node: YAMLNode, _ key: String) -> String? {
        guard let text = string(node, key) else {
            if case .scalar = node { error(.missingValue, "'\(key)' has no value", at: node) }
            return nil
        }
        return text
    }

    mutating func missing<T>(_ node: YAMLNode, _ key: String) -> T? {
        error(.missingValue, "'\(key)' has no value", at: node)
        return nil
    }

    mutating func number(_ node: YAMLNode, _ key: String) -> Double? {
        if isNull(node) { return nil }
        guard case .scalar(let scalar) = node else {
            error(.expectedNumber, "expected a number for '\(key)', found \(describe(node))", at: node)
            return nil
        }
        if scalar.isPlain, let value = Self.parseNumber(scalar.string) {
            return value
        }
        var notes: [String] = []
        if !scalar.isPlain && Self.parseNumber(scalar.string) != nil {
            notes.append("remove the quotes")
        } else if scalar.string.contains(",") {
            notes.append("write numbers without thousands separators: 170000 or 170_000")
        }
        error(.expectedNumber, "expected a number for '\(key)', found \(describe(node))", at: node, notes: notes)
        return nil
    }

    mutating func integer(_ node: YAMLNode, _ key: String) -> Int? {
        guard let value = number(node, key) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            error(.expectedInteger, "expected a whole number for '\(key)', found \(NumberFormatting.plain(value))", at: node)
            return nil
        }
        return Int(value)
    }

    /// Decimal numbers with optional `_` digit separators and exponent; `.nan`, `.inf`, `-.inf`.
    static func parseNumber(_ text: String) -> Double? {
        if let value = plainDecimal(text) { return value }
        switch text {
        case ".nan", ".NaN", ".NAN": return .nan
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        default: break
        }
        // Bytes, not Characters: this runs for every figure of a large file.
        let cleaned = text.utf8.contains(UInt8(ascii: "_")) ? text.filter { $0 != "_" } : text
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isSign(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") }
        guard let first = cleaned.utf8.first, isDigit(first) || isSign(first) || first == UInt8(ascii: "."),
              cleaned.utf8.allSatisfy({ isDigit($0) || isSign($0) || $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") })
        else { return nil }
        return Double(cleaned)
    }

    /// Powers of ten a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// The value of a plain decimal such as `129`, `-4.25` or `+0.5`; `nil` for anything else,
    /// which ``parseNumber(_:)`` reads as before. With at most 15 digits (before and after the
    /// point) it is computed without `strtod` and is the one `Double(text)` gives: the digits
    /// as a whole number and the power of ten are exact doubles, and one division rounds
    /// correctly, as `strtod` does; longer ones are `Double(text)`.
    static func plainDecimal(_ text: String) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0, integerDigits = 0
        var negative = false, point = false, first = true, long = false
        for byte in text.utf8 {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits > 15 {
                    long = true
                    continue
                }
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if point { fractionDigits += 1 } else { integerDigits += 1 }
            case UInt8(ascii: "."):
                if point || integerDigits == 0 { return nil }
                point = true
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: "+") where first:
                break
            default:
                return nil
            }
        }
        guard integerDigits > 0, !point || fractionDigits > 0 else { return nil }
        // Longer digit strings (shortest round-trip spellings have up to 17) are strtod's.
        if long { return Double(text) }
        var value = Double(mantissa)
        if fractionDigits > 0 { value /= exactPowersOfTen[fractionDigits] }
        return negative ? -value : value
    }

    // MARK: Reporting

    /// A value for a message: a scalar quoted (its first 60 characters), else its kind.
    func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): "'\(Self.excerpt(scalar.string))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// At most `limit` characters of `text`, with `…` where it is cut, for quoting in messages.
    static func excerpt(_ text: String, limit: Int = 60) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.prefix(limit))
        return String(out) + "…"
    }

    mutating func record(_ location: GraphLocation, _ node: YAMLNode, key: YAMLNode? = nil) {
        sourceMap.record(location, key: key.map { ($0.mark.line, $0.mark.column) }, value: (node.mark.line, node.mark.column), shape: shape(of: node))
    }

    /// The YAML style a value is written in.
    func shape(of node: YAMLNode) -> ValueLayout.Shape {
        switch node {
        case .scalar(let scalar):
            switch scalar.style {
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal: .literal
            case .folded: .folded
            case .plain: scalar.string.isEmpty ? .empty : .plain
            }
        case .mapping(let mapping): mapping.isFlow ? .flowMapping : .blockMapping
        case .sequence(let sequence): sequence.isFlow ? .flowSequence : .blockSequence
        }
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at node: YAMLNode, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, code, message, at: location(node), notes: notes))
    }
}
