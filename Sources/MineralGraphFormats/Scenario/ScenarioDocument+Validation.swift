import MineralGraphCore

extension ScenarioDocument {
    /// `failure` (a shock or spare entry that does not fit the graph) as an error located at
    /// that entry in the scenario file.
    public func error(_ failure: ShockScenarioError) -> DiagnosticError {
        let location: ScenarioLocation = switch failure.part {
        case .shock: .shock(index: failure.index, field: nil)
        case .spare: .spare(index: failure.index, field: nil)
        }
        let diagnostic = Diagnostic(.error, .scenarioDoesNotFit, failure.description, at: sourceMap.location(of: location))
        return DiagnosticError(diagnostics: [diagnostic], text: text)
    }

    /// Warnings about running the scenario on `graph`, located in the scenario file: a selector
    /// that matches no node (with the filter values the graph lacks), a mineral none of the
    /// selected nodes outputs, a ban on a country the graph does not have or that stops no flow,
    /// a destination the graph does not have, and `capacity: declared` on nodes that declare no
    /// `capacity_tonnes`. A scenario with warnings still runs; its shocks simply do less.
    public func validate(against graph: SupplyGraph) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let budget = SuggestionBudget()
        let countries = Set(graph.nodes.map(\.country))
        let nodesByID = Dictionary(graph.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func warn(_ code: DiagnosticCode, _ message: String, at location: ScenarioLocation, notes: [String] = []) {
            warnings.append(Diagnostic(.warning, code, message, at: sourceMap.location(of: location), notes: notes))
        }
        func countryName(_ code: CountryCode) -> String {
            CountryTable.country(code).map { "\(code) (\($0.name))" } ?? code.rawValue
        }
        /// The nodes `conditions` selects; a warning when none.
        func selected(_ conditions: [NodeCondition], verb: String, at location: ScenarioLocation) -> [Node] {
            let nodes = graph.nodes.filter { node in conditions.allSatisfy { $0.matches(node) } }
            guard nodes.isEmpty else { return nodes }
            var notes: [String] = []
            for condition in conditions {
                switch condition {
                case .country(let codes):
                    notes += codes.filter { !countries.contains($0) }.map { "the graph has no node in \(countryName($0))" }
                case .id(let ids):
                    for id in ids where nodesByID[id] == nil {
                        let hints = budget.suggestions { ClosestMatches.best(for: id, among: graph.nodes.map(\.id), limit: 3) }
                        notes.append("the graph has no node '\(id)'" + (hints.isEmpty ? "" : "; closest: " + hints.joined(separator: ", ")))
                    }
                default: break
                }
            }
            let selector = NodeSelector(conditions: conditions)
            warn(.selectsNothing, "'\(verb)' selects no node of the graph: \(selector)", at: location, notes: notes)
            return nodes
        }
        func checkMineral(_ mineral: MineralID?, of nodes: [Node], at location: ScenarioLocation) {
            guard let mineral, !nodes.isEmpty, !nodes.contains(where: { $0.outputs(mineral) }) else { return }
            let outputs = Set(nodes.flatMap { $0.outputs.map(\.mineral.rawValue) }).sorted()
            let message = nodes.count == 1 ? "the selected node '\(nodes[0].id)' does not output \(mineral)"
                : "none of the \(nodes.count) selected nodes outputs \(mineral)"
            warn(.mineralNotOutput, message, at: location,
                 notes: [outputs.isEmpty ? "they list no outputs" : "their outputs: " + outputs.joined(separator: ", ")])
        }

        for (index, shock) in scenario.shocks.enumerated() {
            func at(_ field: String) -> ScenarioLocation { .shock(index: index, field: field) }
            switch shock {
            case .cut(let cut):
                checkMineral(cut.mineral, of: selected(cut.nodes, verb: "cut", at: at("cut")), at: at("mineral"))
            case .addCapacity(let addition):
                checkMineral(addition.mineral, of: selected(addition.nodes, verb: "add_capacity", at: at("add_capacity")), at: at("mineral"))
            case .exportBan(let ban):
                guard countries.contains(ban.country) else {
                    warn(.countryAbsent, "the graph has no node in \(countryName(ban.country))", at: at("ban"))
                    continue
                }
                for (i, destination) in (ban.destinations ?? []).enumerated() where !countries.contains(destination) {
                    warn(.countryAbsent, "the graph has no node in \(countryName(destination))", at: at("to.\(i)"))
                }
                let blocked = graph.flows.contains { flow in
                    guard let from = nodesByID[flow.from], let to = nodesByID[flow.to] else { return false }
                    return ban.blocks(mineral: flow.mineral, from: from.country, stage: from.stage, to: to.country)
                }
                if !blocked {
                    warn(.banStopsNothing, "the ban stops no flow of the graph", at: at("ban"),
                         notes: ["it applies to flows" + (ban.mineral.map { " of \($0)" } ?? "") + " leaving nodes in \(ban.country)"
                                 + (ban.stage.map { " at the \($0.rawValue) stage" } ?? "")
                                 + " for " + (ban.destinations.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "other countries")])
                }
            }
        }
        for (index, spare) in scenario.spareCapacity.enumerated() {
            let nodes = selected(spare.nodes, verb: "spare", at: .spare(index: index, field: "nodes"))
            checkMineral(spare.mineral, of: nodes, at: .spare(index: index, field: "mineral"))
            if spare.amount == .declaredCapacity, !nodes.isEmpty, !nodes.contains(where: { $0.capacityTonnes != nil }) {
                warn(.noDeclaredCapacity, "none of the selected nodes declares capacity_tonnes", at: .spare(index: index, field: "capacity"),
                     notes: ["give the nodes capacity_tonnes in the graph, or write 'fraction:' or 'tonnes:' here"])
            }
        }
        return warnings.inFileOrder()
    }
}
