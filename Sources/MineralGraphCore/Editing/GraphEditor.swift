/// Applies ``GraphEdit``s to a ``SupplyGraph``: the meaning of every edit is defined here.
///
/// Edits apply in order, each to the result of the ones before. They change exactly what they
/// name: halving a mine's output does not change the flows leaving it (validation then warns
/// about the mass balance). Rules that hold for every edit:
/// - A selector that matches nothing is an error, unless it ends in `?`; `node[ID]` and
///   `flow[A->B]` must match exactly one element.
/// - `*=` and `+=` change quantities that are there; a missing quantity is unknown, not zero,
///   so it stays missing and the edit's report says so.
/// - Required fields (`id`, `kind`, `country`, `from`, `to`, `mineral`) cannot be removed.
/// - Removing a node removes the flows that start or end at it.
///
/// The result is not validated here; the file layer validates the edited graph and refuses
/// edits that add errors.
public struct GraphEditor: Sendable {
    public init() {}

    /// The graph after every edit, or the first edit's error.
    /// - Complexity: O(*e* × (*n* + *m*)) for *e* edits on *n* nodes and *m* flows.
    public func apply(_ edits: [GraphEdit], to graph: SupplyGraph) throws(GraphEditError) -> GraphEditResult {
        var state = GraphEditResult(original: graph)
        for (index, edit) in edits.enumerated() {
            try apply(edit, index: index, to: &state)
        }
        return state
    }

    /// Applies one edit, numbered `index` in messages, and appends its report. When it throws,
    /// `state` may be partly edited: apply to a copy if the state must survive a failure.
    public func apply(_ edit: GraphEdit, index: Int, to state: inout GraphEditResult) throws(GraphEditError) {
        var context = Context(index: index)
        switch edit {
        case .changeNodes(let selector, let field, let change):
            let selected = try context.selectNodes(selector, in: state.graph)
            var missing: [String] = []
            for i in selected {
                try context.change(&state.graph.nodes[i], field, change, optional: selector.allowsEmpty, missing: &missing)
            }
            context.report.elementCount = selected.count
            context.noteMissing(field.description, missing, of: selected.count, "node")
        case .changeFlows(let selector, let field, let change):
            let selected = try context.selectFlows(selector, in: state.graph)
            var missing: [String] = []
            for i in selected {
                try context.change(&state.graph.flows[i], field, change, missing: &missing)
            }
            context.report.elementCount = selected.count
            context.noteMissing(field.description, missing, of: selected.count, "flow")
        case .addNode(let node):
            if state.graph.node(id: node.id) != nil {
                throw context.error("node '\(node.id)' already exists", .value,
                                    notes: ["give the new node another id, or change the existing one with node[\(node.id)].FIELD=VALUE"])
            }
            state.graph.nodes.append(node)
            state.nodeOrigins.append(nil)
            context.report.elementCount = 1
        case .addFlow(let flow):
            state.graph.flows.append(flow)
            state.flowOrigins.append(nil)
            context.report.elementCount = 1
        case .removeNodes(let selector):
            let selected = try context.selectNodes(selector, in: state.graph)
            context.removeNodes(selected, from: &state)
        case .removeFlows(let selector):
            let selected = Set(try context.selectFlows(selector, in: state.graph))
            state.graph.flows = state.graph.flows.indices.filter { !selected.contains($0) }.map { state.graph.flows[$0] }
            state.flowOrigins = state.flowOrigins.indices.filter { !selected.contains($0) }.map { state.flowOrigins[$0] }
            context.report.elementCount = selected.count
        case .renameNode(let old, let new):
            try context.rename(old, to: new, in: &state.graph)
        }
        state.reports.append(context.report)
    }
}

/// The work of one edit: its number for messages and its report.
private struct Context {
    let index: Int
    var report = GraphEditResult.Report()

    func error(_ message: String, _ part: GraphEditError.Part, notes: [String] = []) -> GraphEditError {
        GraphEditError(editIndex: index, message, part: part, notes: notes)
    }

    // MARK: Selection

    func selectNodes(_ selector: NodeSelector, in graph: SupplyGraph) throws(GraphEditError) -> [Int] {
        let selected = graph.nodes.indices.filter { selector.matches(graph.nodes[$0]) }
        if selector.isSingle, selected.count > 1 {
            throw error("\(selector) matches \(selected.count) nodes: the id is not unique", .selector,
                        notes: ["run `mineral-graph validate` to find the duplicate"])
        }
        if selected.isEmpty, !selector.allowsEmpty {
            var notes: [String] = []
            if selector.isSingle, selector.conditions.count == 1, case .id(let ids) = selector.conditions[0], let id = ids.first {
                let hints = ClosestMatches.best(for: id, among: graph.nodes.map(\.id))
                if !hints.isEmpty { notes.append("did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?") }
                notes.append("add '?' after the selector (\(selector.description)?) to skip a node that may be missing")
                throw error("no node has id '\(id)'", .selector, notes: notes)
            }
            notes.append("add '?' after the selector to let it match nothing")
            throw error("\(selector) matches no node", .selector, notes: notes)
        }
        return selected
    }

    func selectFlows(_ selector: FlowSelector, in graph: SupplyGraph) throws(GraphEditError) -> [Int] {
        var nodes: [String: Node] = [:]
        for node in graph.nodes where nodes[node.id] == nil { nodes[node.id] = node }
        let selected = graph.flows.indices.filter { selector.matches(graph.flows[$0], nodes: nodes) }
        func spelling(_ flow: Flow) -> String { "\(flow.from)->\(flow.to):\(flow.mineral)" }
        if selector.isSingle, selected.count > 1 {
            let list = selected.prefix(5).map { spelling(graph.flows[$0]) }.joined(separator: ", ")
            throw error("\(selector) matches \(selected.count) flows (\(list))", .selector,
                        notes: ["name the mineral (flow[FROM->TO:MINERAL]), or select them all with flows[from=...,to=...]"])
        }
        if selected.isEmpty, !selector.allowsEmpty {
            var notes: [String] = []
            if selector.isSingle, case .from(.id(let from)) = selector.conditions.first, let from = from.first {
                let leaving = graph.flows.filter { $0.from == from }.map(spelling)
                if graph.node(id: from) == nil {
                    let hints = ClosestMatches.best(for: from, among: graph.nodes.map(\.id))
                    notes.append("no node has id '\(from)'" + (hints.isEmpty ? "" : "; did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?"))
                } else if leaving.isEmpty {
                    notes.append("no flow leaves '\(from)'")
                } else {
                    notes.append("flows leaving '\(from)': " + leaving.prefix(6).joined(separator: ", ") + (leaving.count > 6 ? ", ..." : ""))
                }
            }
            notes.append("add '?' after the selector to let it match nothing")
            throw error("\(selector) matches no flow", .selector, notes: notes)
        }
        return selected
    }

    // MARK: Node fields

    mutating func change(
        _ node: inout Node, _ field: NodeField, _ change: FieldChange, optional: Bool, missing: inout [String]
    ) throws(GraphEditError) {
        var absent = false
        switch field {
        case .name: node.name = try text(change, field, required: false)
        case .source: node.source = try text(change, field, required: false)
        case .notes: node.notes = try text(change, field, required: false)
        case .country:
            guard case .set(let value) = change else { throw notNumeric(field) }
            guard case .country(let code) = value else { throw required(field, value) }
            node.country = code
        case .kind:
            guard case .set(let value) = change else { throw notNumeric(field) }
            guard case .kind(let keyword, let fate) = value else { throw required(field, value) }
            node.kind = try kind(keyword, fate: fate, for: node)
        case .fate:
            guard case .set(let value) = change else { throw notNumeric(field) }
            switch value {
            case .fate(let fate):
                guard node.kind.fate != nil else {
                    throw error("node '\(node.id)' is a \(node.kind.keyword); only waste destinations have a fate", .field,
                                notes: ["make it one with kind=waste/\(fate.rawValue)"])
                }
                node.kind = .wasteDestination(fate)
            case .null:
                if node.kind.fate != nil {
                    throw error("waste destination '\(node.id)' needs a fate", .value,
                                notes: ["fates: " + WasteFate.allCases.map(\.rawValue).joined(separator: ", ")])
                }
            default: throw wrongType(field, value)
            }
        case .capacityTonnes: try quantity(&node.capacityTonnes, change, field, absent: &absent)
        case .otherInputsUSD: try quantity(&node.otherInputsUSD, change, field, absent: &absent)
        case .water(nil):
            guard change == .set(.null) else {
                throw error("'water' can only be removed (water=null); change one figure with water.FIELD", .field,
                            notes: ["water fields: " + NodeField.WaterField.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            node.water = nil
        case .water(let waterField?):
            var water = node.water ?? WaterUse()
            try quantity(&water[keyPath: waterField.keyPath], change, field, absent: &absent)
            node.water = water.isEmpty ? nil : water
        case .output(let mineral, let outputField):
            try changeOutputs(&node, mineral, outputField, change, field, optional: optional, absent: &absent)
        }
        if absent { missing.append(node.id) }
    }

    func kind(_ keyword: String, fate: WasteFate?, for node: Node) throws(GraphEditError) -> NodeKind {
        switch keyword {
        case "mine": return .mine
        case "processor": return .processor
        case "manufacturer": return .manufacturer
        case "consumer": return .consumer
        case "waste":
            if let fate = fate ?? node.kind.fate { return .wasteDestination(fate) }
            throw error("node '\(node.id)' becomes a waste destination and needs a fate", .value,
                        notes: ["give it with the kind: kind=waste/landfill (fates: "
                                + WasteFate.allCases.map(\.rawValue).joined(separator: ", ") + ")"])
        default:
            throw error("unknown node kind '\(keyword)'", .value, notes: ["kinds: " + NodeKind.keywords.joined(separator: ", ")])
        }
    }

    func changeOutputs(
        _ node: inout Node, _ mineral: MineralID?, _ outputField: NodeField.OutputField?, _ change: FieldChange,
        _ field: NodeField, optional: Bool, absent: inout Bool
    ) throws(GraphEditError) {
        let indices = node.outputs.indices.filter { mineral == nil || node.outputs[$0].mineral == mineral }
        if let mineral, indices.isEmpty, !optional {
            let listed = node.outputs.map(\.mineral.rawValue)
            throw error("node '\(node.id)' has no \(mineral) output", .field,
                        notes: [listed.isEmpty ? "it has no outputs" : "its outputs: " + listed.joined(separator: ", "),
                                "add '?' after the selector to skip nodes without one"])
        }
        for i in indices {
            switch outputField {
            case .product?: node.outputs[i].product = try text(change, field, required: false)
            case .tonnes?:
                try quantity(&node.outputs[i].tonnes, change, field, absent: &absent)
                Self.restate(&node.outputs[i].uncertainty, \.tonnes, after: change)
            case .containedTonnes?:
                try quantity(&node.outputs[i].containedTonnes, change, field, absent: &absent)
                Self.restate(&node.outputs[i].uncertainty, \.containedTonnes, after: change)
            case .valueUSD?:
                try quantity(&node.outputs[i].valueUSD, change, field, absent: &absent)
                Self.restate(&node.outputs[i].uncertainty, \.valueUSD, after: change)
            case nil:
                guard case .scale(let factor) = change else {
                    throw error("'\(field)' stands for every quantity of an output and can only be scaled (*=)", .field,
                                notes: ["set or add to one of them: \(field).tonnes, \(field).contained_tonnes, \(field).value_usd"])
                }
                node.outputs[i].tonnes = node.outputs[i].tonnes.map { $0 * factor }
                node.outputs[i].containedTonnes = node.outputs[i].containedTonnes.map { $0 * factor }
                node.outputs[i].valueUSD = node.outputs[i].valueUSD.map { $0 * factor }
                for figure in Self.figures { Self.restate(&node.outputs[i].uncertainty, figure, after: change) }
            }
        }
    }

    // MARK: Flow fields

    mutating func change(_ flow: inout Flow, _ field: FlowField, _ change: FieldChange, missing: inout [String]) throws(GraphEditError) {
        var absent = false
        switch field {
        case .from: flow.from = try text(change, field, required: true)!
        case .to: flow.to = try text(change, field, required: true)!
        case .mineral:
            guard case .set(let value) = change else { throw notNumeric(field) }
            guard case .mineral(let mineral) = value else { throw required(field, value) }
            flow.mineral = mineral
        case .product: flow.product = try text(change, field, required: false)
        case .source: flow.source = try text(change, field, required: false)
        case .notes: flow.notes = try text(change, field, required: false)
        case .tonnes:
            try quantity(&flow.tonnes, change, field, absent: &absent)
            Self.restate(&flow.uncertainty, \.tonnes, after: change)
        case .containedTonnes:
            try quantity(&flow.containedTonnes, change, field, absent: &absent)
            Self.restate(&flow.uncertainty, \.containedTonnes, after: change)
        case .valueUSD:
            try quantity(&flow.valueUSD, change, field, absent: &absent)
            Self.restate(&flow.uncertainty, \.valueUSD, after: change)
        case .type:
            guard case .set(let value) = change else { throw notNumeric(field) }
            switch value {
            case .flowType(let type): flow.type = type
            case .null: flow.type = .product
            default: throw wrongType(field, value)
            }
        case .quantity:
            guard case .scale(let factor) = change else {
                throw error("'quantity' stands for tonnes, contained_tonnes and value_usd and can only be scaled (*=)", .field,
                            notes: ["set or add to one of them: tonnes, contained_tonnes, value_usd"])
            }
            flow.tonnes = flow.tonnes.map { $0 * factor }
            flow.containedTonnes = flow.containedTonnes.map { $0 * factor }
            flow.valueUSD = flow.valueUSD.map { $0 * factor }
            for figure in Self.figures { Self.restate(&flow.uncertainty, figure, after: change) }
        }
        if absent { missing.append("\(flow.from)->\(flow.to):\(flow.mineral)") }
    }

    // MARK: Values

    func text(_ change: FieldChange, _ field: some CustomStringConvertible, required isRequired: Bool) throws(GraphEditError) -> String? {
        guard case .set(let value) = change else { throw notNumeric(field) }
        switch value {
        case .text(let text):
            if isRequired && text.isEmpty { throw error("'\(field)' cannot be empty", .value) }
            return text
        case .null:
            if isRequired { throw required(field, value) }
            return nil
        default: throw wrongType(field, value)
        }
    }

    func quantity(_ target: inout Double?, _ change: FieldChange, _ field: some CustomStringConvertible, absent: inout Bool) throws(GraphEditError) {
        switch change {
        case .set(.number(let value)): target = value
        case .set(.null): target = nil
        case .set(let value): throw wrongType(field, value)
        case .scale(let factor):
            guard factor.isFinite else { throw error("the factor must be a finite number", .value) }
            if let value = target { target = value * factor } else { absent = true }
        case .increase(let amount):
            guard amount.isFinite else { throw error("the amount must be a finite number", .value) }
            if let value = target { target = value + amount } else { absent = true }
        }
    }

    static var figures: [WritableKeyPath<FigureUncertainties, FigureUncertainty?>] { [\.tonnes, \.containedTonnes, \.valueUSD] }

    /// A figure's uncertainty statement after an edit of the figure: a new value (`=`) states
    /// none; scaling (`*=`) scales a range and adding (`+=`) moves it (relative statements and
    /// estimate marks stay).
    static func restate(
        _ statements: inout FigureUncertainties?, _ figure: WritableKeyPath<FigureUncertainties, FigureUncertainty?>,
        after change: FieldChange
    ) {
        guard var updated = statements, let statement = updated[keyPath: figure] else { return }
        switch change {
        case .set: updated[keyPath: figure] = nil
        case .scale(let factor): updated[keyPath: figure] = statement.scaled(by: factor)
        case .increase(let amount): updated[keyPath: figure] = statement.shifted(by: amount)
        }
        statements = updated.nonEmpty
    }

    func notNumeric(_ field: some CustomStringConvertible) -> GraphEditError {
        error("'\(field)' is not a quantity: it can be set (=) but not scaled or added to", .field)
    }

    func required(_ field: some CustomStringConvertible, _ value: EditValue) -> GraphEditError {
        if value == .null { return error("'\(field)' is required and cannot be removed", .value) }
        return wrongType(field, value)
    }

    func wrongType(_ field: some CustomStringConvertible, _ value: EditValue) -> GraphEditError {
        error("\(value) is not a value for '\(field)'", .value)
    }

    mutating func noteMissing(_ field: String, _ missing: [String], of total: Int, _ what: String) {
        guard !missing.isEmpty else { return }
        let names = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", ..." : "")
        report.notes.append("'\(field)' is missing on \(missing.count) of \(total) \(what)\(total == 1 ? "" : "s") (\(names)); left missing")
    }

    // MARK: Removing and renaming

    mutating func removeNodes(_ selected: [Int], from state: inout GraphEditResult) {
        let removed = Set(selected)
        let ids = Set(selected.map { state.graph.nodes[$0].id })
        let keptFlows = state.graph.flows.indices.filter { !ids.contains(state.graph.flows[$0].from) && !ids.contains(state.graph.flows[$0].to) }
        let droppedFlows = state.graph.flows.count - keptFlows.count
        if !selected.isEmpty {
            let names = selected.map { "'\(state.graph.nodes[$0].id)'" }
            let dropped = state.graph.flows.filter { ids.contains($0.from) || ids.contains($0.to) }
                .map { "\($0.from)->\($0.to):\($0.mineral)" }
            let what = selected.count == 1 ? "node \(names[0])" : "\(selected.count) nodes (\(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", ..." : ""))"
            if droppedFlows == 0 {
                report.notes.append("removed \(what); no flow started or ended there")
            } else {
                let list = dropped.prefix(5).joined(separator: ", ") + (dropped.count > 5 ? ", ..." : "")
                report.notes.append("removed \(what) and the \(droppedFlows) flow\(droppedFlows == 1 ? "" : "s") that started or ended there: \(list)")
            }
        }
        state.graph.flows = keptFlows.map { state.graph.flows[$0] }
        state.flowOrigins = keptFlows.map { state.flowOrigins[$0] }
        let keptNodes = state.graph.nodes.indices.filter { !removed.contains($0) }
        state.graph.nodes = keptNodes.map { state.graph.nodes[$0] }
        state.nodeOrigins = keptNodes.map { state.nodeOrigins[$0] }
        report.elementCount = selected.count
    }

    mutating func rename(_ old: String, to new: String, in graph: inout SupplyGraph) throws(GraphEditError) {
        let indices = try selectNodes(.id(old), in: graph)
        guard !new.trimmingSpaces().isEmpty else { throw error("the new id cannot be empty", .value) }
        if new == old { return }
        if graph.node(id: new) != nil {
            throw error("node '\(new)' already exists", .value, notes: ["remove it first, or choose another id"])
        }
        for i in indices { graph.nodes[i].id = new }
        var flows = 0
        for i in graph.flows.indices {
            var touched = false
            if graph.flows[i].from == old { graph.flows[i].from = new; touched = true }
            if graph.flows[i].to == old { graph.flows[i].to = new; touched = true }
            if touched { flows += 1 }
        }
        report.elementCount = 1
        report.notes.append("renamed node '\(old)' to '\(new)' and updated \(flows) flow\(flows == 1 ? "" : "s")")
    }
}
