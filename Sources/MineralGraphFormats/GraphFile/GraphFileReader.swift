import Foundation
import MineralGraphCore
import Yams

/// Reads the `mineral-graph/1` YAML format (docs/graph-format.md) into a ``GraphDocument``.
///
/// Every problem found is reported, each with `file:line:column`: YAML syntax errors, unknown
/// or duplicate keys, missing required fields, values of the wrong type, unknown kinds and
/// fates. Unknown countries and minerals load as written; ``GraphValidator`` reports them with
/// the closest matches. Countries given as alpha-2 codes or names are stored as alpha-3 codes
/// and minerals given by alias as their ids, so the canonical writer normalises them.
public struct GraphFileReader: Sendable {
    /// The value of the optional `format:` key this reader understands.
    public static let formatVersion = "mineral-graph/1"
    /// Largest graph text read, in bytes (64 MiB: about 500 000 flows in canonical form).
    public static let maximumBytes = 64 << 20
    /// Largest number of YAML nodes (scalars, mappings, lists) in one file.
    public static let maximumYAMLNodes = 10_000_000

    public init() {}

    /// Reads the file at `path` (`-` for standard input).
    public func read(contentsOf path: String) throws(GraphFileError) -> GraphDocument {
        let (text, file) = try Self.text(contentsOf: path)
        return try read(text: text, file: file)
    }

    /// The text of the file at `path` (`-` for standard input) and its name in diagnostics.
    static func text(contentsOf path: String) throws(GraphFileError) -> (text: String, file: String) {
        do {
            return (try TextFile.read(path), path == "-" ? "<stdin>" : path)
        } catch {
            throw GraphFileError(
                diagnostics: [Diagnostic(.error, "unreadable", "\(path): \(error)", at: nil)], text: nil)
        }
    }

    /// Reads graph text; `file` names it in diagnostics.
    public func read(text: String, file: String) throws(GraphFileError) -> GraphDocument {
        // A byte-order mark is not part of the text (TextFile.read drops it too); left in, it
        // would hide the header comment and shift the carets of line 1.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let size = text.utf8.count
        if size > Self.maximumBytes {
            throw GraphFileError(
                diagnostics: [Diagnostic(
                    .error, "file-too-large",
                    "the file is \(size >> 20) MiB; graph files may be at most \(Self.maximumBytes >> 20) MiB",
                    at: SourceLocation(file: file, line: 1, column: 1),
                    notes: ["split the graph by mineral or year, or import trade data with `mineral-graph import`"])],
                text: nil)
        }
        var decoder = Decoding(file: file, text: text)
        let root = try decoder.compose(text, kind: "graph files")
        // No document, or an empty one (`---` alone), holds no graph.
        guard let root, !decoder.isNull(root) else {
            throw GraphFileError(
                diagnostics: [Diagnostic(.error, "empty-file", "the file holds no graph: it is empty or has only comments",
                                         at: SourceLocation(file: file, line: 1, column: 1))],
                text: text)
        }
        let graph = decoder.graph(root)
        let errors = decoder.sortedDiagnostics
        if let graph, errors.isEmpty {
            return GraphDocument(graph: graph, headerComment: Self.headerComment(of: text), sourceMap: decoder.sourceMap, text: text)
        }
        throw GraphFileError(diagnostics: errors, text: text)
    }

    /// Anchors and aliases (`&a`, `*a`) are refused: graph files have no use for them, and
    /// nested aliases can expand exponentially ("billion laughs"). The composer resolves an
    /// alias to the anchored node, which keeps the anchor's earlier position; since anchors
    /// precede their aliases, a value positioned before its own key (or before the previous
    /// list item) is an alias. The walk stops there, and is bounded by ``maximumYAMLNodes``
    /// besides, so that no input makes reading hang.
    static func structuralProblem(in root: Yams.Node?, file: String, kind: String = "graph files") -> Diagnostic? {
        guard let root else { return nil }
        func position(_ node: Yams.Node) -> (Int, Int) { (node.mark?.line ?? 0, node.mark?.column ?? 0) }
        func at(_ node: Yams.Node) -> SourceLocation {
            SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        func alias(_ container: Yams.Node) -> Diagnostic {
            Diagnostic(
                .error, "yaml-alias", "YAML anchors and aliases (&name, *name) are not allowed in \(kind)",
                at: at(container), notes: ["write the values out in full"])
        }
        var stack = [root]
        var visited = 0
        while let node = stack.popLast() {
            visited += 1
            if visited > maximumYAMLNodes {
                return Diagnostic(.error, "too-many-values", "the file has more than \(maximumYAMLNodes) YAML values",
                                  at: SourceLocation(file: file, line: 1, column: 1))
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if position(key) < position(node) || position(value) <= position(key) { return alias(key) }
                    stack.append(value)
                }
            case .sequence(let sequence):
                var previous: Yams.Node?
                for item in sequence {
                    if let previous, position(item) <= position(previous) { return alias(previous) }
                    if position(item) < position(node) { return alias(node) }
                    previous = item
                    stack.append(item)
                }
            case .alias:
                return alias(node)
            case .scalar:
                break
            }
        }
        return nil
    }

    /// The comment block at the top of `text`: `#` lines and the blank lines between them.
    static func headerComment(of text: String) -> [String] {
        var lines: [String] = []
        // "\r\n" is one Character in Swift, so split on it as well as on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
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
    /// The text's lines, to tell flow collections from block ones.
    private let lines: [[Unicode.Scalar]]

    init(file: String, text: String) {
        self.file = file
        self.sourceMap = SourceMap(file: file)
        self.lines = Self.scalarLines(text)
    }

    /// Composes `text` into a YAML tree, refusing anchors and aliases (see
    /// ``GraphFileReader/structuralProblem(in:file:kind:)``); `kind` names the files in messages
    /// ("graph files"). `nil` when the text holds no document.
    func compose(_ text: String, kind: String) throws(GraphFileError) -> Yams.Node? {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw GraphFileError(diagnostics: [diagnostic(forYAMLError: error, text: text)], text: text)
        }
        if let problem = GraphFileReader.structuralProblem(in: root, file: file, kind: kind) {
            throw GraphFileError(diagnostics: [problem], text: text)
        }
        return root
    }

    /// The diagnostics collected so far, in file order.
    var sortedDiagnostics: [Diagnostic] {
        diagnostics.inFileOrder()
    }

    // MARK: Graph

    mutating func graph(_ root: Yams.Node) -> SupplyGraph? {
        record(.graph(field: nil), root)
        let keys = ["format", "name", "year", "price_year", "description", "country_scheme", "units", "sources", "nodes", "flows", "other_countries"]
        guard let fields = fields(of: root, what: "the graph", allowed: keys, required: ["name", "year"]) else { return nil }
        for (key, value) in fields { record(.graph(field: key), value, key: fields.keyNode(key)) }
        if let format = fields["format"].flatMap({ string($0, "format") }), format != GraphFileReader.formatVersion {
            error("unsupported-format", "unsupported format '\(format)'", at: fields["format"]!,
                  notes: ["this version of mineral-graph reads '\(GraphFileReader.formatVersion)'"])
        }
        if let units = fields["units"] { checkUnits(units) }
        let name = fields["name"].flatMap { required($0, "name") }
        let year = fields["year"].flatMap { isNull($0) ? missing($0, "year") : integer($0, "year") }
        let priceYear = fields["price_year"].flatMap { integer($0, "price_year") }
        let description = fields["description"].flatMap { string($0, "description") }
        let scheme = fields["country_scheme"].flatMap { string($0, "country_scheme") }
        let sources = list(fields["sources"], "sources") { decoding, item, i in decoding.source(item, index: i) }
        let nodes = list(fields["nodes"], "nodes") { decoding, item, i in decoding.node(item, index: i) }
        let flows = list(fields["flows"], "flows") { decoding, item, i in decoding.flow(item, index: i) }
        let others = list(fields["other_countries"], "other_countries") { decoding, item, i in decoding.otherCountries(item, index: i) }
        guard let name, let year else { return nil }
        return SupplyGraph(
            name: name, year: year, priceYear: priceYear, description: description,
            countryScheme: scheme, sources: sources, nodes: nodes, flows: flows, otherCountries: others)
    }

    mutating func checkUnits(_ node: Yams.Node) {
        let expected = ["mass": SupplyGraph.massUnit, "value": SupplyGraph.valueUnit, "water": SupplyGraph.waterUnit]
        guard let fields = fields(of: node, what: "units", allowed: ["mass", "value", "water"], required: []) else { return }
        for (key, value) in fields {
            guard let unit = string(value, "units.\(key)") else { continue }
            if unit != expected[key]! {
                error("unsupported-unit", "\(key) unit '\(unit)' is not supported", at: value,
                      notes: ["graph files use \(expected[key]!) for \(key); convert the figures (importers do this for you)"])
            }
        }
    }

    // MARK: Elements

    mutating func source(_ node: Yams.Node, index: Int) -> SourceReference? {
        record(.source(index: index, field: nil), node)
        guard let f = fields(of: node, what: "a source", allowed: ["id", "title", "publisher", "url", "year", "notes"], required: ["id", "title"]) else { return nil }
        for (key, value) in f { record(.source(index: index, field: key), value, key: f.keyNode(key)) }
        guard let id = f["id"].flatMap({ required($0, "id") }), let title = f["title"].flatMap({ required($0, "title") }) else { return nil }
        return SourceReference(
            id: id, title: title, publisher: f["publisher"].flatMap { string($0, "publisher") },
            url: f["url"].flatMap { string($0, "url") }, year: f["year"].flatMap { integer($0, "year") },
            notes: f["notes"].flatMap { string($0, "notes") })
    }

    mutating func node(_ node: Yams.Node, index: Int) -> MineralGraphCore.Node? {
        record(.node(index: index, field: nil), node)
        let keys = ["id", "name", "kind", "fate", "country", "outputs", "capacity_tonnes", "water", "other_inputs_usd", "source", "notes"]
        guard let f = fields(of: node, what: "a node", allowed: keys, required: ["id", "kind", "country"]) else { return nil }
        for (key, value) in f { record(.node(index: index, field: key), value, key: f.keyNode(key)) }
        let id = f["id"].flatMap { required($0, "id") }
        let kind = f["kind"].flatMap { nodeKind($0, fate: f["fate"]) }
        if let fate = f["fate"], let kind, kind.fate == nil {
            error("fate-without-waste", "only waste destinations have a fate", at: fate, notes: ["use 'kind: waste' or remove 'fate'"])
        }
        let country = f["country"].flatMap { required($0, "country") }.map { text in
            CountryTable.resolve(text)?.code ?? CountryCode(text)
        }
        let outputs = list(f["outputs"], "outputs") { decoding, item, i in decoding.output(item, node: index, index: i) }
        let water = f["water"].flatMap { waterUse($0, node: index) }
        guard let id, let kind, let country else { return nil }
        return MineralGraphCore.Node(
            id: id, name: f["name"].flatMap { string($0, "name") }, kind: kind, country: country,
            outputs: outputs, capacityTonnes: f["capacity_tonnes"].flatMap { number($0, "capacity_tonnes") },
            water: water, otherInputsUSD: f["other_inputs_usd"].flatMap { number($0, "other_inputs_usd") },
            source: f["source"].flatMap { string($0, "source") }, notes: f["notes"].flatMap { string($0, "notes") })
    }

    mutating func nodeKind(_ node: Yams.Node, fate fateNode: Yams.Node?) -> NodeKind? {
        guard let text = required(node, "kind") else { return nil }
        switch text {
        case "mine": return .mine
        case "processor": return .processor
        case "manufacturer": return .manufacturer
        case "consumer": return .consumer
        case "waste":
            guard let fateNode else {
                error("missing-fate", "waste destination needs a fate", at: node,
                      notes: ["add 'fate:' with one of: " + WasteFate.allCases.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
            guard let fateText = required(fateNode, "fate") else { return nil }
            guard let fate = WasteFate(rawValue: fateText) else {
                error("unknown-fate", "unknown waste fate '\(fateText)'", at: fateNode,
                      notes: ["fates: " + WasteFate.allCases.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
            return .wasteDestination(fate)
        default:
            let synonyms = ["refinery": "processor", "refiner": "processor", "smelter": "processor",
                            "converter": "processor", "recycler": "waste (fate: recycling)",
                            "landfill": "waste (fate: landfill)", "market": "consumer", "use": "consumer"]
            let hint = synonyms[text.lowercased()] ?? ClosestMatches.best(for: text, among: NodeKind.keywords, limit: 1).first
            error("unknown-kind", "unknown node kind '\(text)'", at: node,
                  notes: (hint.map { ["did you mean '\($0)'?"] } ?? []) + ["kinds: " + NodeKind.keywords.joined(separator: ", ")])
            return nil
        }
    }

    mutating func output(_ node: Yams.Node, node nodeIndex: Int, index: Int) -> Output? {
        record(.output(node: nodeIndex, index: index, field: nil), node)
        guard let f = fields(of: node, what: "an output", allowed: ["mineral", "year", "product", "tonnes", "contained_tonnes", "basis", "value_usd"], required: ["mineral"]) else { return nil }
        for (key, value) in f { record(.output(node: nodeIndex, index: index, field: key), value, key: f.keyNode(key)) }
        guard let mineral = f["mineral"].flatMap({ mineral($0) }) else { return nil }
        return Output(
            mineral: mineral, year: f["year"].flatMap { integer($0, "year") },
            product: f["product"].flatMap { string($0, "product") },
            tonnes: f["tonnes"].flatMap { number($0, "tonnes") },
            containedTonnes: f["contained_tonnes"].flatMap { number($0, "contained_tonnes") },
            basis: f["basis"].flatMap { basis($0, mineral: mineral) },
            valueUSD: f["value_usd"].flatMap { number($0, "value_usd") })
    }

    mutating func waterUse(_ node: Yams.Node, node index: Int) -> WaterUse? {
        let keys = ["withdrawal_m3_per_t", "consumption_m3_per_t", "brine_m3_per_t", "seawater_m3_per_t", "aware_cf", "baseline_water_stress"]
        guard let f = fields(of: node, what: "water", allowed: keys, required: []) else { return nil }
        for (key, value) in f { record(.node(index: index, field: "water." + key), value, key: f.keyNode(key)) }
        let water = WaterUse(
            withdrawalM3PerTonne: f["withdrawal_m3_per_t"].flatMap { number($0, "withdrawal_m3_per_t") },
            consumptionM3PerTonne: f["consumption_m3_per_t"].flatMap { number($0, "consumption_m3_per_t") },
            brineM3PerTonne: f["brine_m3_per_t"].flatMap { number($0, "brine_m3_per_t") },
            seawaterM3PerTonne: f["seawater_m3_per_t"].flatMap { number($0, "seawater_m3_per_t") },
            awareFactor: f["aware_cf"].flatMap { number($0, "aware_cf") },
            baselineWaterStress: f["baseline_water_stress"].flatMap { number($0, "baseline_water_stress") })
        return water.isEmpty ? nil : water
    }

    mutating func flow(_ node: Yams.Node, index: Int) -> Flow? {
        record(.flow(index: index, field: nil), node)
        let keys = ["from", "to", "mineral", "product", "tonnes", "contained_tonnes", "basis", "value_usd", "type", "source", "notes"]
        guard let f = fields(of: node, what: "a flow", allowed: keys, required: ["from", "to", "mineral"]) else { return nil }
        for (key, value) in f { record(.flow(index: index, field: key), value, key: f.keyNode(key)) }
        var type = FlowType.product
        if let typeNode = f["type"], let text = string(typeNode, "type") {
            if let parsed = FlowType(rawValue: text) {
                type = parsed
            } else {
                error("unknown-flow-type", "unknown flow type '\(text)'", at: typeNode,
                      notes: ["types: " + FlowType.allCases.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
        }
        guard let from = f["from"].flatMap({ required($0, "from") }), let to = f["to"].flatMap({ required($0, "to") }),
              let mineral = f["mineral"].flatMap({ mineral($0) })
        else { return nil }
        return Flow(
            from: from, to: to, mineral: mineral, product: f["product"].flatMap { string($0, "product") },
            tonnes: f["tonnes"].flatMap { number($0, "tonnes") },
            containedTonnes: f["contained_tonnes"].flatMap { number($0, "contained_tonnes") },
            basis: f["basis"].flatMap { basis($0, mineral: mineral) },
            valueUSD: f["value_usd"].flatMap { number($0, "value_usd") }, type: type,
            source: f["source"].flatMap { string($0, "source") }, notes: f["notes"].flatMap { string($0, "notes") })
    }

    mutating func otherCountries(_ node: Yams.Node, index: Int) -> OtherCountries? {
        record(.otherCountries(index: index, field: nil), node)
        let keys = ["mineral", "stage", "year", "tonnes", "contained_tonnes", "basis", "source", "notes"]
        guard let f = fields(of: node, what: "an 'other countries' entry", allowed: keys, required: ["mineral", "stage"]) else { return nil }
        for (key, value) in f { record(.otherCountries(index: index, field: key), value, key: f.keyNode(key)) }
        var stage: Stage?
        if let stageNode = f["stage"], let text = required(stageNode, "stage") {
            stage = Stage(rawValue: text)
            if stage == nil {
                error("unknown-stage", "unknown stage '\(text)'", at: stageNode,
                      notes: ["stages: " + Stage.allCases.map(\.rawValue).joined(separator: ", ")])
            }
        }
        guard let mineral = f["mineral"].flatMap({ mineral($0) }), let stage else { return nil }
        return OtherCountries(
            mineral: mineral, stage: stage, year: f["year"].flatMap { integer($0, "year") },
            tonnes: f["tonnes"].flatMap { number($0, "tonnes") },
            containedTonnes: f["contained_tonnes"].flatMap { number($0, "contained_tonnes") },
            basis: f["basis"].flatMap { basis($0, mineral: mineral) },
            source: f["source"].flatMap { string($0, "source") }, notes: f["notes"].flatMap { string($0, "notes") })
    }

    /// The basis of `contained_tonnes`: `element`, `gross`, the element's symbol or a compound
    /// (`Li2O`, `LCE`, `REO`); a basis the mineral has no factor or symbol for is an error.
    mutating func basis(_ node: Yams.Node, mineral: MineralID) -> QuantityBasis? {
        guard let text = required(node, "basis") else { return nil }
        if let basis = QuantityBasis.parse(text, mineral: mineral) {
            if case .compound(let compound) = basis, let element = compound.element,
               let info = MineralCatalog.info(mineral), info.element != element {
                error("basis-mineral", "basis '\(text)' is a compound of \(element), not of \(info.name.lowercased())", at: node,
                      notes: ["bases of \(info.name.lowercased()): " + info.bases.map(\.code).joined(separator: ", ")])
                return nil
            }
            return basis
        }
        let known = ["element", "gross"] + Compound.all.map(\.code)
        let hint = ClosestMatches.best(for: text, among: known, limit: 1).first
        error("unknown-basis", "unknown quantity basis '\(text)'", at: node,
              notes: (hint.map { ["did you mean '\($0)'?"] } ?? []) + ["bases: " + known.joined(separator: ", ")])
        return nil
    }

    mutating func mineral(_ node: Yams.Node) -> MineralID? {
        guard let text = required(node, "mineral") else { return nil }
        return MineralCatalog.resolve(text)?.id ?? MineralID(text)
    }

    // MARK: Structure

    /// The known keys of a mapping and their values (and key nodes, for source positions).
    struct Fields: Sequence {
        fileprivate(set) var values: [String: Yams.Node] = [:]
        fileprivate(set) var keys: [String: Yams.Node] = [:]

        subscript(key: String) -> Yams.Node? { values[key] }
        func keyNode(_ key: String) -> Yams.Node? { keys[key] }
        func makeIterator() -> Dictionary<String, Yams.Node>.Iterator { values.makeIterator() }
    }

    /// The keys of a mapping, after checking for unknown and missing keys.
    mutating func fields(of node: Yams.Node, what: String, allowed: [String], required: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error("expected-mapping", "expected \(what) as a mapping of keys to values, found \(describe(node))", at: node)
            return nil
        }
        var result = Fields()
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                error("bad-key", "keys must be plain words", at: keyNode)
                continue
            }
            if allowed.contains(key.string) {
                result.values[key.string] = value
                result.keys[key.string] = keyNode
            } else {
                let hints = ClosestMatches.best(for: key.string, among: allowed, limit: 1)
                error("unknown-key", "unknown key '\(key.string)' in \(what)", at: keyNode,
                      notes: hints.map { "did you mean '\($0)'?" } + ["keys: " + allowed.joined(separator: ", ")])
            }
        }
        for key in required where result[key] == nil {
            error("missing-key", "\(what) needs '\(key)'", at: node)
        }
        return result
    }

    mutating func list<T>(_ node: Yams.Node?, _ what: String, _ element: (inout Decoding, Yams.Node, Int) -> T?) -> [T] {
        items(node, what).enumerated().compactMap { i, item in element(&self, item, i) }
    }

    /// The items of a list; none for a missing or null value, and an error for anything else.
    mutating func items(_ node: Yams.Node?, _ what: String) -> [Yams.Node] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            error("expected-list", "expected '\(what)' to be a list (items start with '- '), found \(describe(node))", at: node)
            return []
        }
        return Array(sequence)
    }

    // MARK: Scalars

    func isNull(_ node: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    mutating func string(_ node: Yams.Node, _ key: String) -> String? {
        if isNull(node) { return nil }
        guard case .scalar(let scalar) = node else {
            error("expected-text", "expected text for '\(key)', found \(describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// A string that must be present and non-empty.
    mutating func required(_ node: Yams.Node, _ key: String) -> String? {
        guard let text = string(node, key) else {
            if case .scalar = node { error("missing-value", "'\(key)' has no value", at: node) }
            return nil
        }
        return text
    }

    mutating func missing<T>(_ node: Yams.Node, _ key: String) -> T? {
        error("missing-value", "'\(key)' has no value", at: node)
        return nil
    }

    mutating func number(_ node: Yams.Node, _ key: String) -> Double? {
        if isNull(node) { return nil }
        guard case .scalar(let scalar) = node else {
            error("expected-number", "expected a number for '\(key)', found \(describe(node))", at: node)
            return nil
        }
        if scalar.style == .plain || scalar.style == .any, let value = Self.parseNumber(scalar.string) {
            return value
        }
        var notes: [String] = []
        if scalar.style != .plain && scalar.style != .any && Self.parseNumber(scalar.string) != nil {
            notes.append("remove the quotes")
        } else if scalar.string.contains(",") {
            notes.append("write numbers without thousands separators: 170000 or 170_000")
        }
        error("expected-number", "expected a number for '\(key)', found '\(scalar.string)'", at: node, notes: notes)
        return nil
    }

    mutating func integer(_ node: Yams.Node, _ key: String) -> Int? {
        guard let value = number(node, key) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            error("expected-integer", "expected a whole number for '\(key)', found \(NumberFormatting.plain(value))", at: node)
            return nil
        }
        return Int(value)
    }

    /// Decimal numbers with optional `_` digit separators and exponent; `.nan`, `.inf`, `-.inf`.
    static func parseNumber(_ text: String) -> Double? {
        switch text {
        case ".nan", ".NaN", ".NAN": return .nan
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        default: break
        }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let first = cleaned.first, first.isNumber || first == "-" || first == "+" || first == ".",
              cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) })
        else { return nil }
        return Double(cleaned)
    }

    // MARK: Reporting

    func describe(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    mutating func record(_ location: GraphLocation, _ node: Yams.Node, key: Yams.Node? = nil) {
        guard let mark = node.mark else { return }
        let keyLocation = key?.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
        let value = SourceLocation(file: file, line: mark.line, column: mark.column)
        sourceMap.record(location, layout: ValueLayout(key: keyLocation, value: value, shape: shape(of: node)))
    }

    /// The YAML style a value is written in. Collections are told apart by their first
    /// character: Yams 6 gives a mapping the style of its end event, not of its start.
    func shape(of node: Yams.Node) -> ValueLayout.Shape {
        func starts(with character: Unicode.Scalar) -> Bool {
            guard let mark = node.mark, mark.line >= 1, mark.line <= lines.count, mark.column >= 1,
                mark.column <= lines[mark.line - 1].count
            else { return false }
            return lines[mark.line - 1][mark.column - 1] == character
        }
        return switch node {
        case .scalar(let scalar):
            switch scalar.style {
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal: .literal
            case .folded: .folded
            case .plain, .any: scalar.string.isEmpty ? .empty : .plain
            }
        case .mapping: starts(with: "{") ? .flowMapping : .blockMapping
        case .sequence: starts(with: "[") ? .flowSequence : .blockSequence
        case .alias: .plain
        }
    }

    func location(_ node: Yams.Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func error(_ code: String, _ message: String, at node: Yams.Node, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, code, message, at: location(node), notes: notes))
    }

    func diagnostic(forYAMLError error: Error, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var notes: [String] = []
            // libyaml's context already reads "while parsing a flow sequence"; it adds nothing
            // when it starts where the problem is.
            if let context, context.mark.line != mark.line || context.mark.column != mark.column {
                notes.append("\(context.text) starting at line \(context.mark.line), column \(context.mark.column)")
            }
            if Self.character(at: mark, in: text) == "\t" {
                notes.append("YAML does not allow tabs for indentation: indent with spaces")
            }
            return Diagnostic(.error, "yaml-syntax", "YAML syntax: \(problem)", at: at(mark), notes: notes)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; the mistake is the repeat, so point there.
            let first = context.mark
            let repeated = duplicates.count == 1 ? Self.repeatedKey(duplicates[0], after: first, in: text) : nil
            return Diagnostic(.error, "duplicate-key", "duplicate key " + duplicates.map { "'\($0)'" }.joined(separator: ", "),
                              at: repeated.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? at(first),
                              notes: (repeated == nil ? [] : ["first given at line \(first.line), column \(first.column)"])
                                  + ["each key may appear once in a mapping"])
        case .reader(let problem, let offset, _, _):
            return Diagnostic(.error, "unreadable", "cannot read the text: \(problem)" + (offset.map { " at byte \($0)" } ?? ""),
                              at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return Diagnostic(.error, "yaml", "\(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// The lines of `text` as Unicode scalars, numbered as libyaml numbers them.
    static func scalarLines(_ text: String) -> [[Unicode.Scalar]] {
        SourceLines.split(text)
    }

    static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        let lines = scalarLines(text)
        guard mark.line >= 1, mark.line <= lines.count, mark.column >= 1, mark.column <= lines[mark.line - 1].count else { return nil }
        return lines[mark.line - 1][mark.column - 1]
    }

    /// Where `key`, first given at `first` in a block mapping, is given again: the next line
    /// indented to the same column that starts with the key, before the mapping ends (a line
    /// indented less). `nil` when not found, e.g. in a flow mapping `{a: 1, a: 2}`.
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = scalarLines(text)
        let indent = first.column - 1
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { Array(($0 + ":").unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index]
            guard let start = line.firstIndex(where: { $0 != " " }), line[start] != "#" else { continue }
            if start < indent { return nil }
            if start == indent, spellings.contains(where: { line[start...].starts(with: $0) }) {
                return (index + 1, first.column)
            }
        }
        return nil
    }
}
