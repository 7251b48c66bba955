import MineralGraphCore

/// Reads what-if scenario files (docs/whatif.md, "Scenario files") into a ``ScenarioDocument``.
///
/// ```yaml
/// scenario: drc-cobalt-halves
/// title: What if DRC cobalt mine output halves?
/// shocks:
///   - cut: {country: COD, kind: mine}
///     mineral: cobalt
///     fraction: 0.5
///   - ban: Indonesia
///     mineral: nickel
///     to: [CHN]
///     mode: divert_domestic
///   - add_capacity: mar-refinery
///     tonnes: 5000
/// spare:
///   - nodes: {country: AUS, stage: mining}
///     fraction: 0.2
/// ```
///
/// The reader shares the graph reader's YAML handling: every problem is reported with
/// `file:line:column` (YAML syntax, anchors and aliases, unknown keys with the closest match,
/// missing keys, wrong types), and so are the scenario's own: a fraction outside 0…1, negative
/// tonnes, unknown countries (names and aliases resolve as in graph files), minerals, stages,
/// kinds and ban modes, each with suggestions. Node filters are those of edit selectors
/// (`country`, `kind`, `stage`, `mineral`, `fate`, `id`), spelled as YAML keys.
public struct ScenarioFileReader: Sendable {
    /// The value of the optional `format:` key this reader understands.
    public static let formatVersion = "mineral-graph-scenario/1"

    public init() {}

    /// Reads the file at `path` (`-` for standard input).
    public func read(contentsOf path: String) throws(DiagnosticError) -> ScenarioDocument {
        let (text, file) = try GraphFileReader.text(contentsOf: path)
        return try read(text: text, file: file)
    }

    /// Reads scenario text; `file` names it in diagnostics.
    public func read(text: String, file: String) throws(DiagnosticError) -> ScenarioDocument {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var decoding = ScenarioDecoding(yaml: Decoding(file: file), sourceMap: ScenarioSourceMap(file: file))
        let root = try decoding.yaml.compose(text, kind: "scenario files")
        guard let root, !decoding.yaml.isNull(root) else {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .emptyFile, "the file holds no scenario: it is empty or has only comments",
                                         at: SourceLocation(file: file, line: 1, column: 1))],
                text: text)
        }
        let scenario = decoding.scenario(root)
        if let scenario, decoding.yaml.diagnostics.isEmpty {
            return ScenarioDocument(scenario: scenario, sourceMap: decoding.sourceMap, text: text)
        }
        throw DiagnosticError(diagnostics: decoding.yaml.sortedDiagnostics, text: text)
    }
}

/// One pass over a composed scenario, collecting diagnostics (with the graph reader's
/// ``Decoding``) and positions.
struct ScenarioDecoding {
    var yaml: Decoding
    var sourceMap: ScenarioSourceMap

    static let verbs = ["cut", "ban", "add_capacity"]
    /// The keys beside each verb, and which of them are required.
    static let parameters = ["cut": ["mineral", "fraction"], "ban": ["mineral", "stage", "to", "mode"], "add_capacity": ["mineral", "tonnes"]]
    static let requiredParameters = ["cut": ["fraction"], "ban": [], "add_capacity": ["tonnes"]]
    static let spareAmounts = ["fraction", "tonnes", "capacity"]

    mutating func record(_ location: ScenarioLocation, _ node: YAMLNode) {
        sourceMap.record(location, yaml.location(node))
    }

    // MARK: Scenario

    mutating func scenario(_ root: YAMLNode) -> Scenario? {
        record(.scenario(field: nil), root)
        if case .mapping(let mapping) = root, mapping["scenario"] == nil, mapping["nodes"] != nil || mapping["flows"] != nil {
            yaml.error(.graphNotScenario, "this is a graph file, not a scenario", at: root,
                       notes: ["scenario files start with 'scenario: ID' and list 'shocks:' (docs/whatif.md)"])
            return nil
        }
        let keys = ["format", "scenario", "title", "description", "sources", "shocks", "spare"]
        guard let f = yaml.fields(of: root, what: "the scenario", allowed: keys, required: ["scenario", "shocks"]) else { return nil }
        for (key, value) in f { record(.scenario(field: key), value) }
        if let format = f["format"].flatMap({ yaml.string($0, "format") }), format != ScenarioFileReader.formatVersion {
            yaml.error(.unsupportedFormat, "unsupported format '\(format)'", at: f["format"]!,
                       notes: ["this version of mineral-graph reads '\(ScenarioFileReader.formatVersion)'"])
        }
        let id = f["scenario"].flatMap { yaml.isNull($0) ? yaml.missing($0, "scenario") : yaml.required($0, "scenario") }
        let title = f["title"].flatMap { yaml.string($0, "title") }
        let description = f["description"].flatMap { yaml.string($0, "description") }
        let sources = yaml.list(f["sources"], "sources") { decoding, item, i in decoding.source(item, index: i) }
        var shocks: [Shock] = []
        if let node = f["shocks"] {
            shocks = list(node, "shocks") { decoding, item, i in decoding.shock(item, index: i) }
            var empty = yaml.isNull(node)
            if case .sequence(let items) = node { empty = items.isEmpty }
            if empty {
                yaml.error(.noShocks, "the scenario has no shocks", at: node, notes: ["list at least one: cut, ban or add_capacity"])
            }
        }
        let spare = list(f["spare"], "spare") { decoding, item, i in decoding.spare(item, index: i) }
        guard let id else { return nil }
        return Scenario(id: id, title: title, description: description, sources: sources, shocks: shocks, spareCapacity: spare)
    }

    /// ``Decoding/list(_:_:_:)`` for the scenario's own elements.
    mutating func list<T>(_ node: YAMLNode?, _ what: String, _ element: (inout ScenarioDecoding, YAMLNode, Int) -> T?) -> [T] {
        yaml.items(node, what).enumerated().compactMap { i, item in element(&self, item, i) }
    }

    // MARK: Shocks

    mutating func shock(_ node: YAMLNode, index: Int) -> Shock? {
        record(.shock(index: index, field: nil), node)
        guard case .mapping(let mapping) = node else {
            yaml.error(.expectedMapping, "expected a shock as a mapping such as 'cut: {country: COD}', found \(yaml.describe(node))", at: node)
            return nil
        }
        let verbKeys = mapping.keys.filter { if case .scalar(let key) = $0 { Self.verbs.contains(key.string) } else { false } }
        guard let verbKey = verbKeys.first, case .scalar(let verbScalar) = verbKey else {
            let before = yaml.diagnostics.count
            let every = Self.verbs + Self.verbs.flatMap { Self.parameters[$0]! }
            _ = yaml.fields(of: node, what: "a shock", allowed: every.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }, required: [])
            // An unknown key near a verb ("cutt") already says what is wrong.
            if !yaml.diagnostics[before...].contains(where: { $0.code == DiagnosticCode.unknownKey.rawValue }) {
                yaml.error(.missingVerb, "a shock needs one of: " + Self.verbs.joined(separator: ", "), at: node,
                           notes: ["for example '- cut: {country: COD, kind: mine}' with 'fraction: 0.5' below it"])
            }
            return nil
        }
        if verbKeys.count > 1 {
            let names = verbKeys.compactMap { if case .scalar(let key) = $0 { "'\(key.string)'" } else { nil } }
            yaml.error(.severalVerbs, "a shock has one verb; this one has " + names.joined(separator: " and "), at: verbKeys[1],
                       notes: ["write each shock as its own list item, starting with '- '"])
            return nil
        }
        let verb = verbScalar.string
        guard let f = yaml.fields(of: node, what: "a '\(verb)' shock", allowed: [verb] + Self.parameters[verb]!,
                                  required: Self.requiredParameters[verb]!)
        else { return nil }
        for (key, value) in f where key != verb { record(.shock(index: index, field: key), value) }
        let mineral = f["mineral"].flatMap { parse($0, "mineral", code: .unknownMineral, EditParser.mineral) }
        switch verb {
        case "cut":
            let nodes = selector(f[verb]!, verb) { .shock(index: index, field: $0) }
            let fraction = f["fraction"].flatMap { self.fraction($0, "fraction") }
            guard let nodes, let fraction else { return nil }
            return .cut(OutputCut(nodes: nodes, mineral: mineral, fraction: fraction))
        case "add_capacity":
            let nodes = selector(f[verb]!, verb) { .shock(index: index, field: $0) }
            let tonnes = f["tonnes"].flatMap { self.tonnes($0, "tonnes") }
            guard let nodes, let tonnes else { return nil }
            return .addCapacity(CapacityAddition(nodes: nodes, mineral: mineral, tonnes: tonnes))
        default:
            return exportBan(f, mineral: mineral, index: index)
        }
    }

    mutating func exportBan(_ f: Decoding.Fields<String>, mineral: MineralID?, index: Int) -> Shock? {
        let countryNode = f["ban"]!
        record(.shock(index: index, field: "ban"), countryNode)
        var country: CountryCode?
        if case .scalar = countryNode {
            country = parse(countryNode, "ban", code: .unknownCountry, EditParser.country)
        } else {
            yaml.error(.expectedText, "expected the exporting country for 'ban', found \(yaml.describe(countryNode))", at: countryNode,
                       notes: ["write 'ban: IDN' and give 'mineral:', 'stage:', 'to:' and 'mode:' beside it"])
        }
        let stage = f["stage"].flatMap { parse($0, "stage", code: .unknownStage, EditParser.stage) }
        var destinations: [CountryCode]?
        var destinationsValid = true
        if let to = f["to"], let items = scalars(to, "to") {
            var codes: [CountryCode] = []
            for (i, item) in items.enumerated() {
                record(.shock(index: index, field: "to.\(i)"), item)
                if let code = parse(item, "to", code: .unknownCountry, EditParser.country) { codes.append(code) } else { destinationsValid = false }
            }
            destinations = codes
        } else if f["to"] != nil {
            destinationsValid = false
        }
        var mode = BanMode.lost
        if let modeNode = f["mode"], let text = yaml.required(modeNode, "mode") {
            if let parsed = BanMode(rawValue: text) {
                mode = parsed
            } else {
                let names = BanMode.allCases.map(\.rawValue)
                yaml.error(.unknownMode, "unknown ban mode '\(text)'", at: modeNode,
                           notes: EditParser.hint(text, names) + ["modes: " + names.joined(separator: ", ")])
                return nil
            }
        }
        guard let country, destinationsValid, f["stage"] == nil || stage != nil, f["mineral"] == nil || mineral != nil else { return nil }
        return .exportBan(ExportBan(country: country, mineral: mineral, stage: stage, destinations: destinations, mode: mode))
    }

    // MARK: Spare capacity

    mutating func spare(_ node: YAMLNode, index: Int) -> SpareCapacity? {
        record(.spare(index: index, field: nil), node)
        guard let f = yaml.fields(of: node, what: "a spare-capacity entry", allowed: ["nodes", "mineral"] + Self.spareAmounts, required: ["nodes"])
        else { return nil }
        for (key, value) in f where key != "nodes" { record(.spare(index: index, field: key), value) }
        let nodes = f["nodes"].flatMap { selector($0, "nodes") { .spare(index: index, field: $0) } }
        let mineral = f["mineral"].flatMap { parse($0, "mineral", code: .unknownMineral, EditParser.mineral) }
        let given = Self.spareAmounts.filter { f[$0] != nil }
        if given.isEmpty {
            yaml.error(.missingAmount, "a spare-capacity entry needs one of: fraction, tonnes, capacity", at: node,
                       notes: ["fraction: 0.2 (of the node's output), tonnes: 600, or capacity: declared (capacity_tonnes − output)"])
            return nil
        }
        if given.count > 1 {
            yaml.error(.severalAmounts, "give one of fraction, tonnes and capacity, not " + given.map { "'\($0)'" }.joined(separator: " and "),
                       at: f.keyNode(given[1]) ?? node)
            return nil
        }
        var amount: SpareAmount?
        switch given[0] {
        case "fraction": amount = fraction(f["fraction"]!, "fraction").map(SpareAmount.fractionOfOutput)
        case "tonnes": amount = tonnes(f["tonnes"]!, "tonnes").map(SpareAmount.tonnes)
        default:
            let value = f["capacity"]!
            if let text = yaml.required(value, "capacity") {
                if text == "declared" {
                    amount = .declaredCapacity
                } else {
                    yaml.error(.unknownCapacity, "unknown capacity '\(text)'", at: value,
                               notes: ["'capacity: declared' uses each node's capacity_tonnes − output; for a fixed amount write 'tonnes:'"])
                }
            }
        }
        guard let nodes, let amount, f["mineral"] == nil || mineral != nil else { return nil }
        return SpareCapacity(nodes: nodes, mineral: mineral, amount: amount)
    }

    // MARK: Selectors

    /// Node conditions from a selector: a node id (`cod-mines`), a list of ids, or a mapping of
    /// edit-selector filters (`{country: [COD, ZMB], kind: mine}`; every filter must pass; `{}`
    /// selects every node). Positions are recorded under `field`, `field.KEY` and `field.KEY.I`.
    mutating func selector(_ node: YAMLNode, _ field: String, _ location: (String) -> ScenarioLocation) -> [NodeCondition]? {
        record(location(field), node)
        switch node {
        case .scalar, .sequence:
            guard let items = scalars(node, field) else { return nil }
            for (i, item) in items.enumerated() { record(location("\(field).id.\(i)"), item) }
            let ids = items.compactMap { yaml.required($0, field) }
            return ids.count == items.count ? [.id(ids)] : nil
        case .mapping:
            let keys = EditParser.nodeFilterKeys
            guard let f = yaml.fields(of: node, what: "a node selector", allowed: keys, required: []) else { return nil }
            var conditions: [NodeCondition] = []
            var valid = true
            // In the order of the filter keys, so that equal selectors compare equal.
            for key in keys {
                guard let value = f[key] else { continue }
                record(location("\(field).\(key)"), value)
                guard let items = scalars(value, key) else {
                    valid = false
                    continue
                }
                var values: [EditCursor.Value] = []
                for (i, item) in items.enumerated() {
                    record(location("\(field).\(key).\(i)"), item)
                    guard let text = yaml.required(item, key) else {
                        valid = false
                        continue
                    }
                    let value = EditCursor.Value(text: text, quoted: isQuoted(item), column: 1)
                    // One value at a time, so every bad value gets its own message.
                    let code: DiagnosticCode =
                        switch key {
                        case "country": .unknownCountry
                        case "kind": .unknownKind
                        case "mineral": .unknownMineral
                        case "fate": .unknownFate
                        case "stage": .unknownStage
                        default: .unknownKey  // ids are text: any value parses
                        }
                    if parse(item, key, code: code, { (value) throws(EditSyntaxError) in try EditParser.nodeCondition(key, [value]) }) != nil {
                        values.append(value)
                    } else {
                        valid = false
                    }
                }
                if valid, let condition = try? EditParser.nodeCondition(key, values) { conditions.append(condition) }
            }
            return valid ? conditions : nil
        }
    }

    /// A scalar as a one-item list, or a list of scalars; `nil` (with an error) otherwise.
    mutating func scalars(_ node: YAMLNode, _ key: String) -> [YAMLNode]? {
        switch node {
        case .scalar:
            if yaml.isNull(node) { return yaml.missing(node, key) }
            return [node]
        case .sequence(let items):
            if items.isEmpty {
                yaml.error(.missingValue, "'\(key)' has no value", at: node, notes: ["give at least one value"])
                return nil
            }
            var valid = true
            for item in items {
                guard case .scalar = item else {
                    yaml.error(.expectedText, "expected text in the list '\(key)', found \(yaml.describe(item))", at: item)
                    valid = false
                    continue
                }
            }
            return valid ? items.items : nil
        case .mapping:
            yaml.error(.expectedText, "expected a value or a list of values for '\(key)', found \(yaml.describe(node))", at: node)
            return nil
        }
    }

    // MARK: Values

    func isQuoted(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return !scalar.isPlain
    }

    /// A scalar read with one of the edit language's value parsers (countries, minerals,
    /// stages, filters), its error reported at the scalar.
    mutating func parse<T>(
        _ node: YAMLNode, _ key: String, code: DiagnosticCode, _ parser: (EditCursor.Value) throws(EditSyntaxError) -> T
    ) -> T? {
        guard let text = yaml.required(node, key) else { return nil }
        do {
            return try parser(EditCursor.Value(text: text, quoted: isQuoted(node), column: 1))
        } catch {
            yaml.error(code, error.message, at: node, notes: error.notes)
            return nil
        }
    }

    /// A share δ or ρ, 0…1.
    mutating func fraction(_ node: YAMLNode, _ key: String) -> Double? {
        guard let value = finite(node, key) else { return nil }
        guard (0...1).contains(value) else {
            let percent = value > 1 && value <= 100 ? ["write \(NumberFormatting.plain(value)) % as \(NumberFormatting.plain(value / 100))"] : []
            yaml.error(.fractionOutOfRange, "'\(key)' must be between 0 and 1, found \(NumberFormatting.plain(value))", at: node,
                       notes: percent + ["a fraction of the baseline: 0.5 halves it, 1 stops it"])
            return nil
        }
        return value
    }

    /// Tonnes per year, not negative.
    mutating func tonnes(_ node: YAMLNode, _ key: String) -> Double? {
        guard let value = finite(node, key) else { return nil }
        guard value >= 0 else {
            yaml.error(.negativeTonnes, "'\(key)' must not be negative, found \(NumberFormatting.plain(value))", at: node,
                       notes: key == "tonnes" ? ["to take supply away, use a 'cut' shock"] : [])
            return nil
        }
        return value
    }

    mutating func finite(_ node: YAMLNode, _ key: String) -> Double? {
        if yaml.isNull(node) { return yaml.missing(node, key) }
        guard let value = yaml.number(node, key) else { return nil }
        guard value.isFinite else {
            yaml.error(.expectedNumber, "expected a finite number for '\(key)', found \(NumberFormatting.plain(value))", at: node)
            return nil
        }
        return value
    }
}
