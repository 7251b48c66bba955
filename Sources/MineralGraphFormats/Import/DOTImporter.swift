import MineralGraphCore

/// Reads a DOT file with graph data (as ``DOTDataWriter`` writes it, or edited by hand) into a
/// graph: `mineral-graph import dot`.
///
/// Nodes are node statements, with their id as the node id; flows are edges, in file order;
/// graph attributes hold the graph's fields, sources and "other countries" rows. Attribute
/// names and meanings are those of ``GraphAttributeTables`` (docs/export.md); the derived ones
/// (`label`, `stage`, `country_name`, `development_group`, `least_developed`, `group_scheme`) are
/// ignored. The graph's and nodes' `name` may be spelled `graph_name` and `node_name` (as
/// ``DOTDataWriter`` writes them, for pydot) or `name` (as it wrote them before 0.2.0). Unknown attributes, values of the wrong type, nodes declared twice and repeated
/// attributes are errors, each with `file:line:column`; the document's source map points
/// validation findings at the DOT text.
public struct DOTImporter: Sendable {
    public init() {}

    /// Reads the file at `path` (`-` for standard input).
    public func read(contentsOf path: String) throws(DiagnosticError) -> GraphDocument {
        let (text, file) = try GraphFileReader.text(contentsOf: path)
        return try read(text: text, file: file)
    }

    /// Reads DOT text; `file` names it in diagnostics. Text beyond
    /// ``InputLimits/maximumDocumentBytes`` or with a line beyond
    /// ``InputLimits/maximumLineBytes`` is refused with a located error.
    public func read(text: String, file: String) throws(DiagnosticError) -> GraphDocument {
        if let problem = InputLimits.tooLarge(text.utf8.count, limit: InputLimits.maximumDocumentBytes, file: file, what: "DOT files") {
            throw DiagnosticError(diagnostics: [problem], text: nil)
        }
        if let problem = InputLimits.longLine(in: text, file: file, yamlBreaks: false) {
            throw DiagnosticError(diagnostics: [problem], text: text)
        }
        let dot: DOTFile
        do {
            dot = try DOTParser.parse(text)
        } catch {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .dotSyntax, error.message, at: SourceLocation(file: file, line: error.at.line, column: error.at.column), notes: error.notes)],
                text: text)
        }
        var building = Building(file: file)
        let graph = building.graph(dot)
        if let graph, building.diagnostics.isEmpty {
            return GraphDocument(graph: graph, sourceMap: building.sourceMap, text: text)
        }
        throw DiagnosticError(diagnostics: building.diagnostics.inFileOrder(), text: text)
    }
}

/// One pass from parsed DOT statements to a graph, collecting diagnostics and positions.
private struct Building {
    let file: String
    var diagnostics: [Diagnostic] = []
    var sourceMap: SourceMap
    /// "Did you mean" searches left for this file.
    let hints = SuggestionBudget()

    init(file: String) {
        self.file = file
        sourceMap = SourceMap(file: file)
    }

    static let graphFields = [GraphKey.name, .year, .priceYear, .description, .countryScheme].map(\.rawValue)
    /// A node's attributes but its flattened outputs (`output_<mineral>_<field>`).
    static let nodeFields = GraphAttributeTables.nodeFieldsBeforeOutputs.filter { !GraphAttributeTables.derivedNodeNames.contains($0) }
        + GraphAttributeTables.nodeFieldsAfterOutputs

    /// The attributes with `spelling` (`graph_name`, `node_name`) read as `name`.
    static func renaming(_ attributes: [DOTAttribute], _ spelling: String) -> [DOTAttribute] {
        attributes.map { attribute in
            var attribute = attribute
            if attribute.name == spelling { attribute.name = GraphKey.name.rawValue }
            return attribute
        }
    }

    mutating func graph(_ dot: DOTFile) -> SupplyGraph? {
        var graphAttributes: [DOTAttribute] = []
        var nodeStatements: [(String, DOTPosition, [DOTAttribute])] = []
        var edgeStatements: [(String, DOTPosition, String, DOTPosition, [DOTAttribute])] = []
        for statement in dot.statements {
            switch statement {
            case .graphAttributes(let attributes, _): graphAttributes += Self.renaming(attributes, DOTDataWriter.graphNameAttribute)
            case .node(let id, let at, let attributes): nodeStatements.append((id, at, Self.renaming(attributes, DOTDataWriter.nodeNameAttribute)))
            case .edge(let from, let fromAt, let to, let toAt, let attributes): edgeStatements.append((from, fromAt, to, toAt, attributes))
            }
        }
        sourceMap.record(.graph(field: nil), line: dot.start.line, column: dot.start.column)

        // Graph fields, sources and "other countries" rows.
        let g = fields(graphAttributes, what: "the graph", known: Self.graphFields, derived: GraphAttributeTables.derivedGraphNames,
                       grouped: [GraphAttributeTables.sourcePrefix: GraphAttributeTables.sourceFields,
                                 GraphAttributeTables.otherCountriesPrefix: GraphAttributeTables.otherCountriesFields])
        for (name, attribute) in g.plain { sourceMap.record(.graph(field: name), line: attribute.valueAt.line, column: attribute.valueAt.column) }
        let name = g[.name].map(\.value) ?? dot.name
        if name == nil { error(.missingKey, "the graph needs a name: add graph [name=\"...\"]", at: dot.start) }
        let year = g[.year].flatMap { integer($0) }
        if g[.year] == nil { error(.missingKey, "the graph needs a year: add graph [year=\"...\"]", at: dot.start) }
        let sources = (g.groups[GraphAttributeTables.sourcePrefix] ?? []).enumerated().compactMap { index, group in source(group, index: index) }
        let others = (g.groups[GraphAttributeTables.otherCountriesPrefix] ?? []).enumerated().compactMap { index, group in otherCountries(group, index: index) }

        // Nodes.
        var nodes: [Node] = []
        var declared: [String: DOTPosition] = [:]
        for (id, at, attributes) in nodeStatements {
            if let first = declared[id] {
                error(.duplicateNode, "node '\(id)' is declared again", at: at, first: first,
                      "first declared here; give all its attributes there")
                continue
            }
            declared[id] = at
            if let year, let node = node(id, at: at, attributes, index: nodes.count, graphYear: year) { nodes.append(node) }
        }

        // Flows.
        var flows: [Flow] = []
        for (from, fromAt, to, toAt, attributes) in edgeStatements {
            if let flow = flow(from: from, fromAt: fromAt, to: to, toAt: toAt, attributes, index: flows.count) { flows.append(flow) }
        }
        guard let name, let year else { return nil }
        return SupplyGraph(
            name: name, year: year, priceYear: g[.priceYear].flatMap { integer($0) },
            description: g[.description]?.value, countryScheme: g[.countryScheme]?.value,
            sources: sources, nodes: nodes, flows: flows, otherCountries: others)
    }

    // MARK: Elements

    mutating func source(_ group: [String: DOTAttribute], index: Int) -> SourceReference? {
        record(group, { .source(index: index, field: $0) })
        let group = Keyed<SourceKey>(group)
        guard let id = require(group, .id, index: index), let title = require(group, .title, index: index) else { return nil }
        return SourceReference(
            id: id.value, title: title.value, publisher: group[.publisher]?.value, url: group[.url]?.value,
            year: group[.year].flatMap { integer($0) }, notes: group[.notes]?.value)
    }

    mutating func otherCountries(_ group: [String: DOTAttribute], index: Int) -> OtherCountries? {
        record(group, { .otherCountries(index: index, field: $0) })
        let group = Keyed<OtherCountriesKey>(group)
        guard let mineral = require(group, .mineral, index: index), let stageAttribute = require(group, .stage, index: index)
        else { return nil }
        guard let stage = Stage(rawValue: stageAttribute.value) else {
            error(.unknownStage, "unknown stage '\(stageAttribute.value)'", at: stageAttribute.valueAt,
                  notes: ["stages: " + Stage.allCases.map(\.rawValue).joined(separator: ", ")])
            return nil
        }
        return OtherCountries(
            mineral: Self.mineral(mineral.value), stage: stage, year: group[.year].flatMap { integer($0) },
            tonnes: group[.tonnes].flatMap { number($0) }, containedTonnes: group[.containedTonnes].flatMap { number($0) },
            basis: group[.basis].flatMap { basis($0, mineral: Self.mineral(mineral.value)) },
            source: group[.source]?.value, notes: group[.notes]?.value)
    }

    mutating func node(_ id: String, at: DOTPosition, _ attributes: [DOTAttribute], index: Int, graphYear: Int) -> Node? {
        sourceMap.record(.node(index: index, field: nil), line: at.line, column: at.column)
        sourceMap.record(.node(index, .id), line: at.line, column: at.column)
        var outputAttributes: [DOTAttribute] = []
        let known = attributes.filter { attribute in
            guard OutputAttributeName(attribute.name) != nil else { return true }
            outputAttributes.append(attribute)
            return false
        }
        let f = Keyed<NodeKey>(fields(known, what: "node '\(id)'", known: Self.nodeFields, derived: GraphAttributeTables.derivedNodeNames, grouped: [:]).plain)
        let repeated = Self.repeated(outputAttributes)
        for attribute in repeated { error(.duplicateAttribute, "attribute '\(attribute.name)' is given twice", at: attribute.nameAt) }
        for (name, attribute) in f.all {
            let location = WaterKey.allCases.first { GraphAttributeTables.waterAttributeName($0) == name }
                .map { GraphLocation.node(index, water: $0) } ?? .node(index: index, field: name)
            sourceMap.record(location, line: attribute.valueAt.line, column: attribute.valueAt.column)
        }
        var fate: WasteFate?
        if let fateAttribute = f[.fate] {
            fate = WasteFate(rawValue: fateAttribute.value)
            if fate == nil {
                error(.unknownFate, "unknown waste fate '\(fateAttribute.value)'", at: fateAttribute.valueAt,
                      notes: ["fates: " + WasteFate.allCases.map(\.rawValue).joined(separator: ", ")])
            }
        }
        var kind: NodeKind?
        if let kindAttribute = f[.kind] {
            kind = NodeKind(keyword: kindAttribute.value, fate: fate)
            if kind == nil && kindAttribute.value == "waste" && f[.fate] == nil {
                error(.missingFate, "waste destination '\(id)' needs a fate", at: kindAttribute.valueAt,
                      notes: ["add fate=\"...\" with one of: " + WasteFate.allCases.map(\.rawValue).joined(separator: ", ")])
            } else if kind == nil && !NodeKind.keywords.contains(kindAttribute.value) {
                error(.unknownKind, "unknown node kind '\(kindAttribute.value)'", at: kindAttribute.valueAt,
                      notes: hints.suggestions { ClosestMatches.best(for: kindAttribute.value, among: NodeKind.keywords, limit: 1) }
                          .map { "did you mean '\($0)'?" }
                          + ["kinds: " + NodeKind.keywords.joined(separator: ", ")])
            }
            if let kind, kind.fate == nil, let fateAttribute = f[.fate] {
                error(.fateWithoutWaste, "only waste destinations have a fate", at: fateAttribute.nameAt,
                      notes: ["use kind=\"waste\" or remove 'fate'"])
            }
        } else {
            error(.missingKey, "node '\(id)' needs a kind", at: at)
        }
        if f[.country] == nil { error(.missingKey, "node '\(id)' needs a country", at: at) }
        let outputs = self.outputs(list: f[.outputs], outputAttributes, node: index, nodeAt: at, graphYear: graphYear)
        var water = WaterUse()
        for key in WaterKey.allCases {
            water[keyPath: key.keyPath] = f.all[GraphAttributeTables.waterAttributeName(key)].flatMap { number($0) }
        }
        guard let kind, let country = f[.country]?.value else { return nil }
        return Node(
            id: id, name: f[.name]?.value, kind: kind, country: CountryTable.resolve(country)?.code ?? CountryCode(country),
            outputs: outputs, capacityTonnes: f[.capacityTonnes].flatMap { number($0) }, water: water.isEmpty ? nil : water,
            otherInputsUSD: f[.otherInputsUSD].flatMap { number($0) }, source: f[.source]?.value, notes: f[.notes]?.value)
    }

    /// The outputs in the order of the `outputs` list (`cobalt,copper@2022`), or of their first
    /// attribute when there is no list; every `output_*` attribute must belong to one.
    mutating func outputs(list: DOTAttribute?, _ attributes: [DOTAttribute], node: Int, nodeAt: DOTPosition, graphYear: Int) -> [Output] {
        var entries: [(mineral: String, year: Int?, at: DOTPosition)] = []
        if let list {
            for entry in list.value.split(separator: ",", omittingEmptySubsequences: false) {
                let text = entry.trimmingCharacters(in: .whitespaces)
                let parts = text.split(separator: "@", omittingEmptySubsequences: false)
                let year = parts.count == 2 ? Int(parts[1]) : nil
                guard !parts[0].isEmpty, parts.count == 1 || (parts.count == 2 && year != nil) else {
                    error(.badOutputs, "'\(text)' in 'outputs' is not a mineral or mineral@year", at: list.valueAt,
                          notes: ["write outputs=\"cobalt,copper@2022\""])
                    return []
                }
                entries.append((String(parts[0]), year, list.valueAt))
            }
        } else {
            for attribute in attributes {
                let parsed = OutputAttributeName(attribute.name)!
                if !entries.contains(where: { $0.mineral == parsed.mineral && $0.year == parsed.year }) {
                    entries.append((parsed.mineral, parsed.year, attribute.nameAt))
                }
            }
        }
        var used = Set<String>()
        var outputs: [Output] = []
        for (index, entry) in entries.enumerated() {
            sourceMap.record(.output(node: node, index: index, field: nil), line: entry.at.line, column: entry.at.column)
            var values = Keyed<OutputKey>([:])
            // The list may name the mineral by an alias ("co"); its attributes by the alias or the id.
            let spellings = Set([MineralID(entry.mineral), Self.mineral(entry.mineral)])
            for field in GraphAttributeTables.outputFields {
                let names = spellings.map { GraphAttributeTables.outputAttributeName(mineral: $0, year: entry.year, graphYear: graphYear, field: field) }
                if let attribute = attributes.first(where: { names.contains($0.name) }) {
                    values.all[field] = attribute
                    used.insert(attribute.name)
                    sourceMap.record(.output(node: node, index: index, field: field), line: attribute.valueAt.line, column: attribute.valueAt.column)
                }
            }
            outputs.append(Output(
                mineral: Self.mineral(entry.mineral), year: entry.year, product: values[.product]?.value,
                tonnes: values[.tonnes].flatMap { number($0) }, containedTonnes: values[.containedTonnes].flatMap { number($0) },
                basis: values[.basis].flatMap { basis($0, mineral: Self.mineral(entry.mineral)) },
                valueUSD: values[.valueUSD].flatMap { number($0) }))
        }
        for attribute in attributes where !used.contains(attribute.name) {
            error(.unlistedOutput, "'\(attribute.name)' belongs to no output in 'outputs'", at: attribute.nameAt,
                  notes: ["add its mineral (with @year for another year than the graph's) to outputs=\"...\""])
        }
        return outputs
    }

    mutating func flow(from: String, fromAt: DOTPosition, to: String, toAt: DOTPosition, _ attributes: [DOTAttribute], index: Int) -> Flow? {
        sourceMap.record(.flow(index: index, field: nil), line: fromAt.line, column: fromAt.column)
        sourceMap.record(.flow(index, .from), line: fromAt.line, column: fromAt.column)
        sourceMap.record(.flow(index, .to), line: toAt.line, column: toAt.column)
        let f = Keyed<FlowKey>(fields(attributes, what: "the flow \(from) -> \(to)", known: GraphAttributeTables.flowFields, derived: [], grouped: [:]).plain)
        for (name, attribute) in f.all { sourceMap.record(.flow(index: index, field: name), line: attribute.valueAt.line, column: attribute.valueAt.column) }
        var type = FlowType.product
        if let typeAttribute = f[.type] {
            guard let parsed = FlowType(rawValue: typeAttribute.value) else {
                error(.unknownFlowType, "unknown flow type '\(typeAttribute.value)'", at: typeAttribute.valueAt,
                      notes: ["types: " + FlowType.allCases.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
            type = parsed
        }
        guard let mineral = f[.mineral] else {
            error(.missingKey, "the flow \(from) -> \(to) needs a mineral", at: fromAt)
            return nil
        }
        return Flow(
            from: from, to: to, mineral: Self.mineral(mineral.value), product: f[.product]?.value,
            tonnes: f[.tonnes].flatMap { number($0) }, containedTonnes: f[.containedTonnes].flatMap { number($0) },
            basis: f[.basis].flatMap { basis($0, mineral: Self.mineral(mineral.value)) },
            valueUSD: f[.valueUSD].flatMap { number($0) }, type: type, source: f[.source]?.value, notes: f[.notes]?.value)
    }

    /// A `basis` attribute (`element`, `gross`, `Li2O` …); an unknown one is an error at its value.
    mutating func basis(_ attribute: DOTAttribute, mineral: MineralID) -> QuantityBasis? {
        if let basis = QuantityBasis.parse(attribute.value, mineral: mineral) { return basis }
        error(.unknownBasis, "unknown quantity basis '\(attribute.value)'", at: attribute.valueAt,
              notes: ["bases: " + (["element", "gross"] + Compound.all.map(\.code)).joined(separator: ", ")])
        return nil
    }

    // MARK: Attributes

    /// Attributes by name, looked up by a graph-file key.
    struct Keyed<Key: GraphFileKey> {
        var all: [String: DOTAttribute]
        init(_ all: [String: DOTAttribute]) { self.all = all }
        subscript(key: Key) -> DOTAttribute? { all[key.rawValue] }
    }

    struct Fields {
        var plain: [String: DOTAttribute] = [:]

        /// A graph attribute by its key.
        subscript(key: GraphKey) -> DOTAttribute? { plain[key.rawValue] }
        /// Numbered groups by prefix (`source_` → [[field: attribute]]), in number order.
        var groups: [String: [[String: DOTAttribute]]] = [:]
    }

    /// Sorts `attributes` into known fields and numbered groups (`source_2_title`); unknown
    /// and repeated attributes are errors, derived ones are skipped.
    mutating func fields(_ attributes: [DOTAttribute], what: String, known: [String], derived: Set<String>, grouped: [String: [String]]) -> Fields {
        var result = Fields()
        var numbered: [String: [Int: [String: DOTAttribute]]] = [:]
        var seen: [String: DOTAttribute] = [:]
        for attribute in attributes {
            if let first = seen[attribute.name] {
                error(.duplicateAttribute, "attribute '\(attribute.name)' is given twice", at: attribute.nameAt, first: first.nameAt,
                      "first given here")
                continue
            }
            seen[attribute.name] = attribute
            if derived.contains(attribute.name) { continue }
            if known.contains(attribute.name) {
                result.plain[attribute.name] = attribute
                continue
            }
            if let (prefix, number, field) = Self.numbered(attribute.name, prefixes: grouped) {
                numbered[prefix, default: [:]][number, default: [:]][field] = attribute
                continue
            }
            let candidates = known + grouped.flatMap { prefix, fields in fields.map { prefix + "1_" + $0 } }
            let hint = hints.suggestions { ClosestMatches.best(for: attribute.name, among: candidates, limit: 1) }
            error(.unknownAttribute, "unknown attribute '\(attribute.name)' for \(what)", at: attribute.nameAt,
                  notes: hint.map { "did you mean '\($0)'?" } + ["attributes are listed in docs/export.md"])
        }
        for (prefix, groups) in numbered {
            result.groups[prefix] = groups.keys.sorted().map { groups[$0]! }
        }
        return result
    }

    /// `source_12_title` → ("source_", 12, "title") when the field is one of the prefix's.
    static func numbered(_ name: String, prefixes: [String: [String]]) -> (String, Int, String)? {
        for (prefix, fields) in prefixes where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let underscore = rest.firstIndex(of: "_"), let number = Int(rest[..<underscore]), number >= 1,
                rest[..<underscore].allSatisfy(\.isASCII)
            else { continue }
            let field = String(rest[rest.index(after: underscore)...])
            if fields.contains(field) { return (prefix, number, field) }
        }
        return nil
    }

    static func repeated(_ attributes: [DOTAttribute]) -> [DOTAttribute] {
        var seen = Set<String>()
        return attributes.filter { !seen.insert($0.name).inserted }
    }

    mutating func record(_ group: [String: DOTAttribute], _ location: (String?) -> GraphLocation) {
        if let first = group.values.min(by: { ($0.nameAt.line, $0.nameAt.column) < ($1.nameAt.line, $1.nameAt.column) }) {
            sourceMap.record(location(nil), line: first.nameAt.line, column: first.nameAt.column)
        }
        for (field, attribute) in group { sourceMap.record(location(field), line: attribute.valueAt.line, column: attribute.valueAt.column) }
    }

    /// A required attribute of a numbered group (`source_1_id`).
    mutating func require<Key: GraphFileKey>(_ group: Keyed<Key>, _ field: Key, index: Int) -> DOTAttribute? {
        if let attribute = group[field] { return attribute }
        let prefix = Key.self == SourceKey.self ? GraphAttributeTables.sourcePrefix : GraphAttributeTables.otherCountriesPrefix
        let at = group.all.values.map(\.nameAt).min { ($0.line, $0.column) < ($1.line, $1.column) } ?? DOTPosition(line: 1, column: 1)
        error(.missingKey, "\(prefix)\(index + 1) needs '\(prefix)\(index + 1)_\(field.rawValue)'", at: at)
        return nil
    }

    static func mineral(_ text: String) -> MineralID {
        MineralCatalog.resolve(text)?.id ?? MineralID(text)
    }

    // MARK: Values

    mutating func number(_ attribute: DOTAttribute) -> Double? {
        if let value = Decoding.parseNumber(attribute.value) { return value }
        error(.expectedNumber, "expected a number for '\(attribute.name)', found '\(attribute.value)'", at: attribute.valueAt,
              notes: attribute.value.contains(",") ? ["write numbers without thousands separators: 170000"] : [])
        return nil
    }

    mutating func integer(_ attribute: DOTAttribute) -> Int? {
        guard let value = number(attribute) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            error(.expectedInteger, "expected a whole number for '\(attribute.name)', found '\(attribute.value)'", at: attribute.valueAt)
            return nil
        }
        return Int(value)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at position: DOTPosition, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, code, message, at: location(position), notes: notes))
    }

    /// An error at `position` about something given first at `first`, with a note there.
    mutating func error(_ code: DiagnosticCode, _ message: String, at position: DOTPosition, first: DOTPosition, _ note: String) {
        diagnostics.append(Diagnostic(.error, code, message, at: location(position), notes: [Diagnostic.Note(note, at: location(first))]))
    }

    func location(_ position: DOTPosition) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }
}
