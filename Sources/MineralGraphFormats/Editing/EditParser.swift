import MineralGraphCore

/// Reads one edit of the edit language (docs/editing.md):
///
/// ```text
/// SELECTOR.FIELD=VALUE        node[cod-mines].notes=Revised to 175,000 t
/// SELECTOR.FIELD*=FACTOR      nodes[country=COD,kind=mine].output[cobalt]*=0.5
/// SELECTOR.FIELD+=AMOUNT      flow[cod-mines->chn-refiners:cobalt].contained_tonnes+=-5000
/// add node {YAML mapping}     add node {id: mar-refinery, kind: processor, country: MAR}
/// add flow {YAML mapping}     add flow {from: cod-mines, to: mar-refinery, mineral: cobalt}
/// remove SELECTOR             remove flows[from.country=IDN,mineral=nickel]
/// rename node[OLD] NEW        rename node[fin-kokkola] fin-umicore-kokkola
/// ```
///
/// Selectors are `node[ID]`, `nodes[FILTERS]`, `flow[FROM->TO]`, `flow[FROM->TO:MINERAL]` and
/// `flows[FILTERS]`, with an optional `?` after them. Values are read as the field's type when
/// the edit is parsed, so an unknown country, mineral or kind, or a number that is not one, is
/// reported at its column before anything is applied.
public struct EditParser: Sendable {
    public init() {}

    /// Parses one edit. Columns in errors and in the result count Unicode scalars from 1.
    public func parse(_ text: String) throws(EditSyntaxError) -> ParsedEdit {
        var cursor = EditCursor(text)
        cursor.skipSpaces()
        let start = cursor.column
        guard !cursor.atEnd else { throw EditSyntaxError("empty edit", column: start) }
        if cursor.takeKeyword("add") {
            return try parseAdd(&cursor, text: text, start: start)
        }
        if cursor.takeKeyword("remove") {
            cursor.skipSpaces()
            let selectorColumn = cursor.column
            let target = try parseSelector(&cursor)
            try expectEnd(&cursor, after: "the selector")
            let edit: GraphEdit = switch target {
            case .nodes(let selector): .removeNodes(selector)
            case .flows(let selector): .removeFlows(selector)
            }
            return ParsedEdit(edit: edit, text: text, selectorColumn: selectorColumn, fieldColumn: selectorColumn, valueColumn: selectorColumn)
        }
        if cursor.takeKeyword("rename") {
            cursor.skipSpaces()
            let selectorColumn = cursor.column
            guard case .nodes(let selector) = try parseSelector(&cursor), selector.isSingle, !selector.allowsEmpty,
                case .id(let ids) = selector.conditions[0]
            else {
                throw EditSyntaxError("rename takes one node: rename node[OLD_ID] NEW_ID", column: selectorColumn)
            }
            cursor.skipSpaces()
            let valueColumn = cursor.column
            guard !cursor.atEnd else { throw EditSyntaxError("expected the new id after the selector", column: valueColumn) }
            let newID = try cursor.restValue()
            if newID.text.isEmpty { throw EditSyntaxError("the new id cannot be empty", column: valueColumn) }
            return ParsedEdit(edit: .renameNode(ids[0], to: newID.text), text: text,
                              selectorColumn: selectorColumn, fieldColumn: selectorColumn, valueColumn: valueColumn)
        }
        let target = try parseSelector(&cursor)
        guard cursor.take(".") else {
            throw EditSyntaxError("expected '.' and a field after the selector, e.g. \(target.example)", column: cursor.column)
        }
        let fieldColumn = cursor.column
        let edit: GraphEdit
        let valueColumn: Int
        switch target {
        case .nodes(let selector):
            let field = try parseNodeField(&cursor)
            let (change, column) = try parseChange(&cursor, field: FieldType(field), name: field.description, fieldColumn: fieldColumn)
            edit = .changeNodes(selector, field, change)
            valueColumn = column
        case .flows(let selector):
            let field = try parseFlowField(&cursor)
            let (change, column) = try parseChange(&cursor, field: FieldType(field), name: field.description, fieldColumn: fieldColumn)
            edit = .changeFlows(selector, field, change)
            valueColumn = column
        }
        return ParsedEdit(edit: edit, text: text, selectorColumn: start, fieldColumn: fieldColumn, valueColumn: valueColumn)
    }

    // MARK: add

    private func parseAdd(_ cursor: inout EditCursor, text: String, start: Int) throws(EditSyntaxError) -> ParsedEdit {
        cursor.skipSpaces()
        let kindColumn = cursor.column
        let what = cursor.word()
        guard what == "node" || what == "flow" else {
            throw EditSyntaxError("expected 'add node {...}' or 'add flow {...}'", column: kindColumn)
        }
        cursor.skipSpaces()
        let payloadColumn = cursor.column
        let payload = cursor.rest()
        guard payload.hasPrefix("{") else {
            throw EditSyntaxError("expected the new \(what) as a mapping in braces: add \(what) {\(what == "node" ? "id: ..., kind: ..., country: ..." : "from: ..., to: ..., mineral: ...")}",
                                  column: payloadColumn)
        }
        let edit: GraphEdit
        do {
            edit = what == "node"
                ? .addNode(try GraphFileReader().readNode(yaml: payload, file: "edit"))
                : .addFlow(try GraphFileReader().readFlow(yaml: payload, file: "edit"))
        } catch {
            let first = error.diagnostics.first
            // The payload is one line; YAML reports a missing closing brace at the line after it.
            let column = first?.location.map { $0.line == 1 ? payloadColumn + max($0.column - 1, 0) : payloadColumn + payload.unicodeScalars.count }
                ?? payloadColumn
            throw EditSyntaxError(first?.message ?? "cannot read the \(what)", column: column,
                                  notes: (first?.notes.map(\.description) ?? []) + error.diagnostics.dropFirst().map(\.message))
        }
        return ParsedEdit(edit: edit, text: text, selectorColumn: start, fieldColumn: kindColumn, valueColumn: payloadColumn)
    }

    // MARK: Selectors

    private enum Target {
        case nodes(NodeSelector)
        case flows(FlowSelector)

        var example: String {
            switch self {
            case .nodes(let selector): "\(selector).notes=..."
            case .flows(let selector): "\(selector).contained_tonnes*=0.5"
            }
        }
    }

    private static let selectorHelp = "selectors: node[ID], nodes[FILTERS], flow[FROM->TO], flow[FROM->TO:MINERAL], flows[FILTERS]"
    static let nodeFilterKeys = ["id", "country", "kind", "mineral", "fate", "stage"]
    private static let flowFilterKeys = ["from", "to", "mineral", "type", "product"]
        + nodeFilterKeys.filter { $0 != "id" }.flatMap { ["from." + $0, "to." + $0] }

    private func parseSelector(_ cursor: inout EditCursor) throws(EditSyntaxError) -> Target {
        let column = cursor.column
        let name = cursor.word()
        guard ["node", "nodes", "flow", "flows"].contains(name) else {
            let what = name.isEmpty ? "'\(cursor.peekText)'" : "'\(name)'"
            let verbs = ["add", "remove", "rename"].contains(name) ? ["\(name) is followed by a space"] : []
            throw EditSyntaxError("expected a selector or add, remove, rename; found \(what)", column: column,
                                  notes: verbs + [Self.selectorHelp])
        }
        guard cursor.take("[") else {
            throw EditSyntaxError("expected '[' after '\(name)'", column: cursor.column, notes: [Self.selectorHelp])
        }
        let target: Target
        switch name {
        case "node":
            let id = try cursor.value(stops: "]")
            try expect(&cursor, "]", "after the node id")
            target = .nodes(.id(id.text))
        case "flow":
            let from = try cursor.value(stops: "]", stopAtArrow: true)
            guard cursor.take("->") else {
                throw EditSyntaxError("expected '->' between the two node ids: flow[FROM->TO]", column: cursor.column)
            }
            let to = try cursor.value(stops: ":]")
            var mineral: MineralID?
            if cursor.take(":") {
                let value = try cursor.value(stops: "]")
                mineral = try Self.mineral(value)
            }
            try expect(&cursor, "]", "after flow[FROM->TO:MINERAL")
            target = .flows(.between(from.text, to.text, mineral: mineral))
        default:
            var nodeConditions: [NodeCondition] = []
            var flowConditions: [FlowCondition] = []
            cursor.skipSpaces()
            if !cursor.take("]") {
                repeat {
                    cursor.skipSpaces()
                    let keyColumn = cursor.column
                    let key = cursor.word(extra: ".")
                    let keys = name == "nodes" ? Self.nodeFilterKeys : Self.flowFilterKeys
                    guard keys.contains(key) || (name == "flows" && (key == "from.id" || key == "to.id")) else {
                        throw EditSyntaxError(
                            key.isEmpty ? "expected a filter such as country=COD" : "unknown \(name == "nodes" ? "node" : "flow") filter '\(key)'",
                            column: keyColumn, notes: Self.hint(key, keys) + ["filters: " + keys.joined(separator: ", ")])
                    }
                    cursor.skipSpaces()
                    let negated = cursor.take("!=")
                    guard negated || cursor.take("=") else {
                        throw EditSyntaxError("expected '=' or '!=' after '\(key)'", column: cursor.column)
                    }
                    var values: [EditCursor.Value] = []
                    repeat { values.append(try cursor.value(stops: ",|]")) } while cursor.take("|")
                    if name == "nodes" {
                        let condition = try Self.nodeCondition(key, values)
                        nodeConditions.append(negated ? .not(condition) : condition)
                    } else {
                        flowConditions.append(try Self.flowCondition(key, values, negated: negated))
                    }
                    cursor.skipSpaces()
                } while cursor.take(",")
                try expect(&cursor, "]", "or ',' after a filter")
            }
            target = name == "nodes" ? .nodes(NodeSelector(conditions: nodeConditions)) : .flows(FlowSelector(conditions: flowConditions))
        }
        guard cursor.take("?") else { return target }
        switch target {
        case .nodes(var selector):
            selector.allowsEmpty = true
            return .nodes(selector)
        case .flows(var selector):
            selector.allowsEmpty = true
            return .flows(selector)
        }
    }

    static func nodeCondition(_ key: String, _ values: [EditCursor.Value]) throws(EditSyntaxError) -> NodeCondition {
        switch key {
        case "id": return .id(values.map(\.text))
        case "country": return .country(try values.map { (value) throws(EditSyntaxError) in try country(value) })
        case "kind": return .kind(try values.map { (value) throws(EditSyntaxError) in try kindFilter(value) })
        case "mineral": return .mineral(try values.map { (value) throws(EditSyntaxError) in try mineral(value) })
        case "fate": return .fate(try values.map { (value) throws(EditSyntaxError) in try fate(value) })
        default: return .stage(try values.map { (value) throws(EditSyntaxError) in try stage(value) })
        }
    }

    /// A flow filter; a negated node filter is negated inside `from`/`to`.
    private static func flowCondition(_ key: String, _ values: [EditCursor.Value], negated: Bool) throws(EditSyntaxError) -> FlowCondition {
        func end(_ condition: NodeCondition) -> NodeCondition { negated ? .not(condition) : condition }
        let condition: FlowCondition
        switch key {
        case "from", "from.id": return .from(end(.id(values.map(\.text))))
        case "to", "to.id": return .to(end(.id(values.map(\.text))))
        case "mineral": condition = .mineral(try values.map { (value) throws(EditSyntaxError) in try mineral(value) })
        case "product": condition = .product(values.map(\.text))
        case "type": condition = .type(try values.map { (value) throws(EditSyntaxError) in try flowType(value) })
        default:
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            let node = end(try nodeCondition(parts[1], values))
            return parts[0] == "from" ? .from(node) : .to(node)
        }
        return negated ? .not(condition) : condition
    }

    // MARK: Fields

    private static let nodeFieldNames = NodeField.singleFields.map(\.description) + [NodeKey.water.rawValue, NodeField.outputWord]

    private func parseNodeField(_ cursor: inout EditCursor) throws(EditSyntaxError) -> NodeField {
        let column = cursor.column
        let name = cursor.word()
        if let field = NodeField.singleFields.first(where: { $0.description == name }) { return field }
        switch name {
        case NodeKey.water.rawValue:
            guard cursor.take(".") else { return .water(nil) }
            let subColumn = cursor.column
            let sub = cursor.word()
            guard let field = NodeField.WaterField(rawValue: sub) else {
                let keys = NodeField.WaterField.allCases.map(\.rawValue)
                throw EditSyntaxError("unknown water field '\(sub)'", column: subColumn,
                                      notes: Self.hint(sub, keys) + ["water fields: " + keys.joined(separator: ", ")])
            }
            return .water(field)
        case NodeField.outputWord, NodeKey.outputs.rawValue:
            if name == NodeKey.outputs.rawValue {
                throw EditSyntaxError("unknown node field 'outputs'", column: column,
                                      notes: ["outputs are selected with output (every output) or output[MINERAL]"])
            }
            var mineral: MineralID?
            if cursor.take("[") {
                mineral = try Self.mineral(try cursor.value(stops: "]"))
                try expect(&cursor, "]", "after the mineral")
            }
            guard cursor.take(".") else { return .output(mineral, nil) }
            let subColumn = cursor.column
            let sub = cursor.word()
            guard let field = NodeField.OutputField(rawValue: sub) else {
                let keys = NodeField.OutputField.allCases.map(\.rawValue)
                throw EditSyntaxError("unknown output field '\(sub)'", column: subColumn,
                                      notes: Self.hint(sub, keys) + ["output fields: " + keys.joined(separator: ", ")])
            }
            return .output(mineral, field)
        case NodeKey.id.rawValue:
            throw EditSyntaxError("a node's id is changed with rename, which also updates its flows", column: column,
                                  notes: ["rename node[OLD_ID] NEW_ID"])
        default:
            throw EditSyntaxError(name.isEmpty ? "expected a field after '.'" : "unknown node field '\(name)'", column: column,
                                  notes: Self.hint(name, Self.nodeFieldNames) + ["node fields: " + Self.nodeFieldNames.joined(separator: ", ")])
        }
    }

    private func parseFlowField(_ cursor: inout EditCursor) throws(EditSyntaxError) -> FlowField {
        let column = cursor.column
        let name = cursor.word()
        guard let field = FlowField(rawValue: name) else {
            let names = FlowField.allCases.map(\.rawValue)
            throw EditSyntaxError(name.isEmpty ? "expected a field after '.'" : "unknown flow field '\(name)'", column: column,
                                  notes: Self.hint(name, names) + ["flow fields: " + names.joined(separator: ", ")])
        }
        return field
    }

    // MARK: Changes and values

    /// What a field holds, for reading its value.
    private enum FieldType {
        case text(required: Bool)
        case number(scalable: Bool, single: Bool)
        case country, mineral, kind, fate, flowType
        /// `water`: can only be removed.
        case removable
        /// `output` and `quantity`: can only be scaled.
        case scaleOnly

        init(_ field: NodeField) {
            switch field {
            case .name, .source, .notes, .output(_, .product?): self = .text(required: false)
            case .kind: self = .kind
            case .fate: self = .fate
            case .country: self = .country
            case .capacityTonnes, .otherInputsUSD, .water(.some), .output(_, .some): self = .number(scalable: true, single: true)
            case .water(nil): self = .removable
            case .output(_, nil): self = .scaleOnly
            }
        }

        init(_ field: FlowField) {
            switch field {
            case .from, .to: self = .text(required: true)
            case .product, .source, .notes: self = .text(required: false)
            case .mineral: self = .mineral
            case .type: self = .flowType
            case .tonnes, .containedTonnes, .valueUSD: self = .number(scalable: true, single: true)
            case .quantity: self = .scaleOnly
            }
        }
    }

    private func parseChange(
        _ cursor: inout EditCursor, field: FieldType, name: String, fieldColumn: Int
    ) throws(EditSyntaxError) -> (FieldChange, Int) {
        cursor.skipSpaces()
        let opColumn = cursor.column
        enum Operator { case set, scale, increase }
        let op: Operator
        if cursor.take("*=") { op = .scale } else if cursor.take("+=") { op = .increase } else if cursor.take("=") { op = .set } else {
            throw EditSyntaxError("expected '=', '*=' or '+=' after '\(name)'", column: opColumn,
                                  notes: cursor.peekText.isEmpty ? [] : ["found '\(cursor.peekText)'"])
        }
        cursor.skipSpaces()
        let valueColumn = cursor.column
        guard !cursor.atEnd else {
            throw EditSyntaxError("expected a value after the operator", column: valueColumn,
                                  notes: op == .set ? ["\(name)=null removes the field"] : [])
        }
        let value = try cursor.restValue()
        switch op {
        case .scale, .increase:
            switch field {
            case .number: break
            case .scaleOnly where op == .scale: break
            case .scaleOnly:
                throw EditSyntaxError("'\(name)' stands for several quantities and can only be scaled (*=)", column: opColumn)
            default:
                throw EditSyntaxError("only quantities can be \(op == .scale ? "scaled" : "added to"); '\(name)' is not one", column: opColumn)
            }
            let number = try Self.number(value, name)
            return (op == .scale ? .scale(by: number) : .increase(by: number), valueColumn)
        case .set:
            if !value.quoted, value.text == "null" || value.text == "~" { return (.set(.null), valueColumn) }
            switch field {
            case .text: return (.set(.text(value.text)), valueColumn)
            case .number: return (.set(.number(try Self.number(value, name))), valueColumn)
            case .country: return (.set(.country(try Self.country(value))), valueColumn)
            case .mineral: return (.set(.mineral(try Self.mineral(value))), valueColumn)
            case .kind:
                let kind = try Self.kindFilter(value)
                let parts = kind.split(separator: "/").map(String.init)
                return (.set(.kind(parts[0], fate: parts.count > 1 ? WasteFate(rawValue: parts[1]) : nil)), valueColumn)
            case .fate: return (.set(.fate(try Self.fate(value))), valueColumn)
            case .flowType: return (.set(.flowType(try Self.flowType(value))), valueColumn)
            case .removable:
                throw EditSyntaxError("'\(name)' can only be removed (\(name)=null); set one figure with \(name).FIELD", column: valueColumn,
                                      notes: ["water fields: " + NodeField.WaterField.allCases.map(\.rawValue).joined(separator: ", ")])
            case .scaleOnly:
                throw EditSyntaxError("'\(name)' stands for several quantities and can only be scaled (*=)", column: fieldColumn,
                                      notes: name == "quantity" ? ["set one of them: tonnes, contained_tonnes, value_usd"]
                                          : ["set one of them: \(name).tonnes, \(name).contained_tonnes, \(name).value_usd"])
            }
        }
    }

    private static func number(_ value: EditCursor.Value, _ name: String) throws(EditSyntaxError) -> Double {
        if value.quoted {
            throw EditSyntaxError("expected a number for '\(name)', found text in quotes", column: value.column, notes: ["remove the quotes"])
        }
        guard let number = Decoding.parseNumber(value.text) else {
            throw EditSyntaxError("expected a number for '\(name)', found '\(value.text)'", column: value.column,
                                  notes: value.text.contains(",") ? ["write numbers without thousands separators: 170000 or 170_000"] : [])
        }
        guard number.isFinite else { throw EditSyntaxError("expected a finite number for '\(name)'", column: value.column) }
        return number
    }

    static func country(_ value: EditCursor.Value) throws(EditSyntaxError) -> CountryCode {
        if let country = CountryTable.resolve(value.text) { return country.code }
        let hints = CountryTable.suggestions(for: value.text)
        throw EditSyntaxError("unknown country '\(value.text)'", column: value.column,
                              notes: hints.isEmpty ? ["use an ISO 3166-1 alpha-3 code such as COD or CHN"]
                                  : ["closest matches: " + hints.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")])
    }

    static func mineral(_ value: EditCursor.Value) throws(EditSyntaxError) -> MineralID {
        if let info = MineralCatalog.resolve(value.text) { return info.id }
        let hints = MineralCatalog.suggestions(for: value.text)
        throw EditSyntaxError("unknown mineral '\(value.text)'", column: value.column,
                              notes: hints.isEmpty ? ["known minerals: " + MineralCatalog.all.map(\.id.rawValue).joined(separator: ", ")]
                                  : ["did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?"])
    }

    /// A kind keyword, or `waste/FATE`.
    private static func kindFilter(_ value: EditCursor.Value) throws(EditSyntaxError) -> String {
        let fates = WasteFate.allCases.map { "waste/" + $0.rawValue }
        if NodeKind.keywords.contains(value.text) || fates.contains(value.text) { return value.text }
        throw EditSyntaxError("unknown node kind '\(value.text)'", column: value.column,
                              notes: hint(value.text, NodeKind.keywords + fates) + ["kinds: " + NodeKind.keywords.joined(separator: ", ") + "; waste/FATE for a waste destination's fate"])
    }

    private static func fate(_ value: EditCursor.Value) throws(EditSyntaxError) -> WasteFate {
        if let fate = WasteFate(rawValue: value.text) { return fate }
        let names = WasteFate.allCases.map(\.rawValue)
        throw EditSyntaxError("unknown waste fate '\(value.text)'", column: value.column, notes: hint(value.text, names) + ["fates: " + names.joined(separator: ", ")])
    }

    static func stage(_ value: EditCursor.Value) throws(EditSyntaxError) -> Stage {
        if let stage = Stage(rawValue: value.text) { return stage }
        let names = Stage.allCases.map(\.rawValue)
        throw EditSyntaxError("unknown stage '\(value.text)'", column: value.column, notes: hint(value.text, names) + ["stages: " + names.joined(separator: ", ")])
    }

    private static func flowType(_ value: EditCursor.Value) throws(EditSyntaxError) -> FlowType {
        if let type = FlowType(rawValue: value.text) { return type }
        let names = FlowType.allCases.map(\.rawValue)
        throw EditSyntaxError("unknown flow type '\(value.text)'", column: value.column, notes: hint(value.text, names) + ["types: " + names.joined(separator: ", ")])
    }

    static func hint(_ text: String, _ candidates: [String]) -> [String] {
        guard !text.isEmpty, let best = ClosestMatches.best(for: text, among: candidates, limit: 1).first else { return [] }
        return ["did you mean '\(best)'?"]
    }

    // MARK: Helpers

    private func expect(_ cursor: inout EditCursor, _ literal: String, _ context: String) throws(EditSyntaxError) {
        cursor.skipSpaces()
        guard cursor.take(literal) else {
            throw EditSyntaxError("expected '\(literal)' \(context)", column: cursor.column,
                                  notes: cursor.atEnd ? [] : ["found '\(cursor.peekText)'"])
        }
    }

    private func expectEnd(_ cursor: inout EditCursor, after what: String) throws(EditSyntaxError) {
        cursor.skipSpaces()
        guard cursor.atEnd else {
            let column = cursor.column
            throw EditSyntaxError("unexpected text after \(what): '\(cursor.rest())'", column: column)
        }
    }
}
