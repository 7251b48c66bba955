/// Checks a graph for errors (it cannot be analysed as it stands) and warnings (it can,
/// but a figure looks wrong).
///
/// Errors: duplicate node or source ids, flows naming unknown nodes or looping on one node,
/// unknown countries and minerals, negative or non-finite quantities, contained tonnes above
/// gross tonnes (a share above 100 %), a node listing one mineral twice, a flow of a mineral
/// its source node does not output, control characters in text (C0 but tab and line feed, DEL,
/// C1). Warnings: mass balance (a node ships more contained
/// tonnes than it receives plus produces, beyond `massBalanceTolerance`), output above
/// capacity, flows with no quantity, waste sent to a node that is not a waste destination,
/// water factors outside their published range, a country used for a year it did not exist
/// in (a former country of ISO 3166-3 after its withdrawal, such as the USSR in 2023, or a
/// country before it began, such as South Sudan in 2005).
public struct GraphValidator: Sendable {
    /// Relative tolerance of the mass-balance check (0.01 = 1 %).
    public var massBalanceTolerance: Double

    /// Graphs of at least this many nodes and flows are checked on several threads.
    var parallelFrom = 10_000

    public init(massBalanceTolerance: Double = 0.01) {
        self.massBalanceTolerance = massBalanceTolerance
    }

    /// All findings, in the order of the graph's elements.
    ///
    /// The elements' own checks (which share the budget of "did you mean" hints), the mass
    /// balance and the text run side by side on large graphs; their findings are joined in
    /// that order, as one thread gives them.
    public func run(on graph: SupplyGraph) -> [ValidationIssue] {
        let check = { @Sendable (part: Int) -> [ValidationIssue] in
            var issues: [ValidationIssue] = []
            switch part {
            case 0:
                let hints = SuggestionBudget()
                checkGraph(graph, into: &issues)
                checkNodes(graph, hints: hints, into: &issues)
                checkOtherCountries(graph, hints: hints, into: &issues)
                checkFlows(graph, hints: hints, into: &issues)
            case 1: checkMassBalance(graph, into: &issues)
            default: checkText(graph, into: &issues)
            }
            return issues
        }
        let large = graph.flows.count + graph.nodes.count >= parallelFrom
        return (large ? Parallel.map(0..<3, check) : (0..<3).map(check)).flatMap { $0 }
    }

    // MARK: Graph and sources

    private func checkGraph(_ graph: SupplyGraph, into issues: inout [ValidationIssue]) {
        if graph.name.trimmingSpaces().isEmpty {
            issues.append(.init(.error, .emptyName, "the graph has an empty name", at: .graph(.name)))
        }
        if !(1900...2100).contains(graph.year) {
            issues.append(.init(.warning, .implausibleYear, "year \(graph.year) is outside 1900–2100", at: .graph(.year)))
        }
        if let scheme = graph.countryScheme, CountryGroupScheme.named(scheme) == nil {
            issues.append(.init(
                .error, .unknownCountryScheme, "unknown country scheme '\(scheme)'",
                at: .graph(.countryScheme),
                notes: ["known schemes: " + CountryGroupScheme.all.map(\.id).joined(separator: ", ")]))
        }
        var firstSource: [String: Int] = [:]
        for (i, source) in graph.sources.enumerated() {
            if let first = firstSource[source.id] {
                issues.append(.init(
                    .error, .duplicateSourceId, "duplicate source id '\(source.id)'",
                    at: .source(i, .id), notes: ["first defined as source #\(first + 1)"]))
            } else {
                firstSource[source.id] = i
            }
        }
    }

    // MARK: Nodes

    private func checkNodes(_ graph: SupplyGraph, hints: SuggestionBudget, into issues: inout [ValidationIssue]) {
        var inFlows = Set<String>()
        for flow in graph.flows {
            inFlows.insert(flow.from)
            inFlows.insert(flow.to)
        }
        var firstIndex: [String: Int] = [:]
        for (i, node) in graph.nodes.enumerated() {
            if node.id.trimmingSpaces().isEmpty {
                issues.append(.init(.error, .emptyId, "node has an empty id", at: .node(i, .id)))
            } else if let first = firstIndex[node.id] {
                issues.append(.init(
                    .error, .duplicateNodeId, "duplicate node id '\(node.id)'",
                    at: .node(i, .id),
                    notes: ["first defined as node #\(first + 1) (\(graph.nodes[first].displayName))"]))
            } else {
                firstIndex[node.id] = i
            }
            if let country = CountryTable.country(node.country) {
                checkPeriod(of: country, node: node, index: i, graph: graph, inFlows: inFlows.contains(node.id), into: &issues)
            } else {
                issues.append(unknownCountry(node.country, at: .node(i, .country), hints: hints))
            }
            struct OutputIdentity: Hashable { let mineral: MineralID; let year: Int }
            var seenOutputs = Set<OutputIdentity>()
            for (j, output) in node.outputs.enumerated() {
                let at = { (key: OutputKey) in GraphLocation.output(node: i, index: j, key) }
                if MineralCatalog.info(output.mineral) == nil {
                    issues.append(unknownMineral(output.mineral, at: at(.mineral), hints: hints))
                } else if !seenOutputs.insert(OutputIdentity(mineral: output.mineral, year: output.year ?? graph.year)).inserted {
                    issues.append(.init(
                        .error, .duplicateOutput,
                        "node '\(node.id)' lists \(output.mineral) twice for \(output.year ?? graph.year)",
                        at: at(.mineral), notes: ["give one output per mineral and year, and sum the products"]))
                }
                checkQuantity(output.tonnes, at(.tonnes), into: &issues)
                checkQuantity(output.containedTonnes, at(.containedTonnes), into: &issues)
                checkQuantity(output.valueUSD, at(.valueUSD), into: &issues)
                checkContainedShare(tonnes: output.tonnes, contained: output.containedTonnes, at: at(.containedTonnes), into: &issues)
            }
            checkQuantity(node.capacityTonnes, .node(i, .capacityTonnes), into: &issues)
            checkQuantity(node.otherInputsUSD, .node(i, .otherInputsUSD), into: &issues)
            if let capacity = node.capacityTonnes, let output = node.outputs.first(where: { ($0.year ?? graph.year) == graph.year }).flatMap({ $0.containedTonnes ?? $0.tonnes }),
                capacity.isFinite, capacity >= 0, output > capacity * (1 + massBalanceTolerance)
            {
                issues.append(.init(
                    .warning, .outputAboveCapacity,
                    "node '\(node.id)' produces \(format(output)) t, above its capacity of \(format(capacity)) t",
                    at: .node(i, .capacityTonnes)))
            }
            if let water = node.water { checkWater(water, node: i, into: &issues) }
        }
    }

    /// A node's country must have existed in the years the node has figures for: the years of its
    /// outputs, and the graph's year when it has none or flows touch it (flows are in the graph's year).
    private func checkPeriod(
        of country: Country, node: Node, index i: Int, graph: SupplyGraph, inFlows: Bool, into issues: inout [ValidationIssue]
    ) {
        guard let period = country.period else { return }
        var years = Set(node.outputs.map { $0.year ?? graph.year })
        if node.outputs.isEmpty || inFlows { years.insert(graph.year) }
        let outside = years.filter { !country.isValid(in: $0) }.sorted()
        guard !outside.isEmpty else { return }
        let list = outside.map(String.init).joined(separator: ", ")
        var notes: [String] = []
        if country.isHistorical {
            notes.append("\(country.code) was withdrawn from ISO 3166-1 in \(country.validUntil!) (ISO 3166-3)")
            if !country.successors.isEmpty {
                notes.append("its territory is now " + country.successors.map { code in
                    "\(code)" + (CountryTable.country(code).map { " (\($0.name))" } ?? "")
                }.joined(separator: ", "))
            }
        }
        if let from = country.validFrom, outside.contains(where: { $0 < from }) {
            let before = CountryTable.predecessors(of: country.code)
            if !before.isEmpty {
                notes.append("before \(from) its territory was part of " + before.map { "\($0.code) (\($0.name))" }.joined(separator: ", "))
            }
        }
        issues.append(.init(
            .warning, .countryOutOfPeriod,
            "node '\(node.id)' is in \(country.name) (\(country.code)), which existed \(period), but has figures for \(list)",
            at: .node(i, .country), notes: notes))
    }

    private func checkOtherCountries(_ graph: SupplyGraph, hints: SuggestionBudget, into issues: inout [ValidationIssue]) {
        struct Key: Hashable { let mineral: MineralID; let stage: Stage; let year: Int }
        var seen = Set<Key>()
        for (i, other) in graph.otherCountries.enumerated() {
            let at = { (key: OtherCountriesKey) in GraphLocation.otherCountries(i, key) }
            if MineralCatalog.info(other.mineral) == nil {
                issues.append(unknownMineral(other.mineral, at: at(.mineral), hints: hints))
            }
            if !seen.insert(Key(mineral: other.mineral, stage: other.stage, year: other.year ?? graph.year)).inserted {
                issues.append(.init(
                    .error, .duplicateOtherCountries,
                    "two 'other countries' entries for \(other.mineral), \(other.stage.rawValue), \(other.year ?? graph.year)",
                    at: at(.mineral)))
            }
            checkQuantity(other.tonnes, at(.tonnes), into: &issues)
            checkQuantity(other.containedTonnes, at(.containedTonnes), into: &issues)
            checkContainedShare(tonnes: other.tonnes, contained: other.containedTonnes, at: at(.containedTonnes), into: &issues)
        }
    }

    private func checkWater(_ water: WaterUse, node i: Int, into issues: inout [ValidationIssue]) {
        for key in WaterKey.allCases {
            checkQuantity(water[keyPath: key.keyPath], .node(i, water: key), named: key.rawValue, into: &issues)
        }
        if let withdrawal = water.withdrawalM3PerTonne, let consumption = water.consumptionM3PerTonne,
            consumption > withdrawal * (1 + 1e-9)
        {
            issues.append(.init(
                .error, .consumptionAboveWithdrawal,
                "water consumption \(format(consumption)) m³/t exceeds withdrawal \(format(withdrawal)) m³/t",
                at: .node(i, water: .consumption),
                notes: ["consumption is withdrawal minus discharge (GRI 303-5), so it cannot exceed withdrawal"]))
        }
        if let cf = water.awareFactor, cf.isFinite, cf >= 0, !(0.1...100).contains(cf) {
            issues.append(.init(
                .warning, .awareOutOfRange, "AWARE factor \(format(cf)) is outside the method's range 0.1–100",
                at: .node(i, water: .awareFactor)))
        }
    }

    // MARK: Flows

    private func checkFlows(_ graph: SupplyGraph, hints: SuggestionBudget, into issues: inout [ValidationIssue]) {
        let index = graph.nodeIndex()
        let ids = graph.nodes.map(\.id)
        for (i, flow) in graph.flows.enumerated() {
            let at = { (key: FlowKey) in GraphLocation.flow(i, key) }
            for (end, field) in [(flow.from, FlowKey.from), (flow.to, .to)] where index[end] == nil {
                let closest = hints.suggestions { ClosestMatches.best(for: end, among: ids) }
                issues.append(.init(
                    .error, .unknownNode, "flow \(field.rawValue) unknown node '\(end)'", at: at(field),
                    notes: closest.isEmpty ? [] : ["did you mean " + closest.map { "'\($0)'" }.joined(separator: ", ") + "?"]))
            }
            if flow.from == flow.to {
                issues.append(.init(.error, .selfLoop, "flow from '\(flow.from)' to itself", at: at(.to)))
            }
            let mineralKnown = MineralCatalog.info(flow.mineral) != nil
            if !mineralKnown { issues.append(unknownMineral(flow.mineral, at: at(.mineral), hints: hints)) }
            checkQuantity(flow.tonnes, at(.tonnes), into: &issues)
            checkQuantity(flow.containedTonnes, at(.containedTonnes), into: &issues)
            // Waste can carry negative value: the exporter pays to be rid of it (METHODS §2.5).
            checkQuantity(flow.valueUSD, at(.valueUSD), allowNegative: flow.type == .waste, into: &issues)
            checkContainedShare(tonnes: flow.tonnes, contained: flow.containedTonnes, at: at(.containedTonnes), into: &issues)
            if flow.tonnes == nil && flow.containedTonnes == nil && flow.valueUSD == nil {
                issues.append(.init(
                    .warning, .emptyFlow, "flow \(flow.from) → \(flow.to) has no tonnes, contained tonnes or value",
                    at: .flow(index: i, field: nil)))
            }
            if let source = index[flow.from].map({ graph.nodes[$0] }), mineralKnown,
                !source.outputs(flow.mineral)
            {
                let listed = source.outputs.map(\.mineral.rawValue)
                issues.append(.init(
                    .error, .mineralNotOutput,
                    "node '\(source.id)' ships \(flow.mineral) but does not output it", at: at(.mineral),
                    notes: [listed.isEmpty ? "'\(source.id)' lists no outputs" : "'\(source.id)' outputs: " + listed.joined(separator: ", ")]))
            }
            if flow.type == .waste, let target = index[flow.to].map({ graph.nodes[$0] }),
                target.kind.fate == nil
            {
                issues.append(.init(
                    .warning, .wasteToNonWasteNode,
                    "waste flow goes to '\(target.id)', a \(target.kind.keyword), not a waste destination",
                    at: at(.to)))
            }
        }
    }

    // MARK: Mass balance

    /// Per node and mineral, each basis on its own so that contained and gross tonnes are never
    /// added together:
    /// - a node may not ship more than its declared output (contained tonnes against contained
    ///   output, gross tonnes against gross output);
    /// - shipped ≤ received + produced, on the conserved basis only: contained tonnes (gross
    ///   tonnes change with every processing step), or gross tonnes for minerals whose basis is
    ///   the gross mass (e-waste). "Produced" is the declared output of a mine, or of a node that
    ///   receives none of that mineral inside the graph (its inputs lie outside the graph).
    /// Flows that do not state a basis are left out of that basis's sums.
    private func checkMassBalance(_ graph: SupplyGraph, into issues: inout [ValidationIssue]) {
        // Tonnes received and shipped per node (its position; the first node of a repeated
        // id), mineral (numbered in order of appearance) and measure (contained or gross).
        struct Key: Hashable { let node: Int; let mineral: Int; let contained: Bool }
        let index = graph.nodeIndex()
        var minerals: [MineralID: (number: Int, reference: QuantityBasis)] = [:]
        var tonnes: [Key: (received: Double, shipped: Double)] = [:]
        tonnes.reserveCapacity(2 * graph.nodes.count)
        func add(_ quantity: Double?, contained: Bool, from: Int?, to: Int?, mineral: Int) {
            guard let quantity, quantity.isFinite, quantity >= 0 else { return }
            if let to { tonnes[Key(node: to, mineral: mineral, contained: contained), default: (0, 0)].received += quantity }
            if let from { tonnes[Key(node: from, mineral: mineral, contained: contained), default: (0, 0)].shipped += quantity }
        }
        for flow in graph.flows {
            let (from, to) = (index[flow.from], index[flow.to])
            guard from != nil || to != nil else { continue }
            let mineral = minerals[flow.mineral] ?? {
                // Contained figures on the mineral's reference basis, so that Li₂O and LCE flows add up.
                let made = (minerals.count, MineralCatalog.info(flow.mineral)?.referenceBasis ?? .element)
                minerals[flow.mineral] = made
                return made
            }()
            add(flow.contained?.converted(to: mineral.reference)?.tonnes, contained: true, from: from, to: to, mineral: mineral.number)
            add(flow.tonnes, contained: false, from: from, to: to, mineral: mineral.number)
        }
        for (i, node) in graph.nodes.enumerated() where index[node.id] == i && !node.outputs.isEmpty {
            for mineral in Set(node.outputs.map(\.mineral)).sorted() {
                guard let (number, reference) = minerals[mineral],
                    let j = node.outputs.firstIndex(where: { $0.mineral == mineral && ($0.year ?? graph.year) == graph.year })
                else { continue }
                let grossIsConserved = MineralCatalog.info(mineral)?.containedBasis == "t gross"
                for contained in [true, false] {
                    let key = Key(node: i, mineral: number, contained: contained)
                    let (inflow, out) = tonnes[key] ?? (0, 0)
                    guard out > 0 else { continue }
                    let field: OutputKey = contained ? .containedTonnes : .tonnes
                    let basis = contained ? "contained" : "gross"
                    let declared = contained ? node.outputs[j].contained?.converted(to: reference)?.tonnes : node.outputs[j].tonnes
                    if let declared, exceeds(out, declared) {
                        issues.append(.init(
                            .warning, .shipsMoreThanOutput,
                            "node '\(node.id)' ships \(format(out)) t of \(mineral) but its output is \(format(declared)) t (\(basis))",
                            at: .output(node: i, index: j, field)))
                        continue
                    }
                    guard contained || grossIsConserved else { continue }
                    let producesDeclared = node.kind == .mine || inflow == 0
                    // Production without a figure is unknown, not zero: nothing to check against.
                    if producesDeclared && declared == nil { continue }
                    let produced = producesDeclared ? (declared ?? 0) : 0
                    if exceeds(out, inflow + produced) {
                        issues.append(.init(
                            .warning, .massBalance,
                            "node '\(node.id)' ships \(format(out)) t of \(mineral) but receives \(format(inflow)) t and produces \(format(produced)) t (\(basis))",
                            at: .node(i, .id),
                            notes: ["tolerance \(format(massBalanceTolerance * 100)) %"]))
                    }
                }
            }
        }
    }

    private func exceeds(_ value: Double, _ limit: Double) -> Bool {
        value > limit * (1 + massBalanceTolerance) + 1e-9
    }

    // MARK: Helpers

    /// A quantity at `location`, named in messages by its field's key (`named` for a water figure,
    /// whose location field is `water.<key>`).
    private func checkQuantity(
        _ value: Double?, _ location: GraphLocation, named: String? = nil, allowNegative: Bool = false,
        into issues: inout [ValidationIssue]
    ) {
        guard let value else { return }
        let name = named ?? location.field ?? ""
        if !value.isFinite {
            issues.append(.init(.error, .nonFinite, "\(name) is \(value), not a finite number", at: location))
        } else if value < 0 && !allowNegative {
            issues.append(.init(.error, .negativeQuantity, "\(name) is negative (\(format(value)))", at: location))
        }
    }

    private func checkContainedShare(
        tonnes: Double?, contained: Double?, at location: GraphLocation, into issues: inout [ValidationIssue]
    ) {
        guard let tonnes, let contained, tonnes.isFinite, contained.isFinite, tonnes >= 0,
            contained > tonnes * (1 + 1e-9)
        else { return }
        let share = tonnes > 0 ? NumberFormatting.grouped(contained / tonnes * 100, decimals: 1) + " %" : "infinite"
        issues.append(.init(
            .error, .shareAbove100,
            "contained tonnes (\(format(contained))) exceed gross tonnes (\(format(tonnes))): a contained share of \(share)",
            at: location))
    }

    // MARK: Text

    /// Control characters in the graph's text: C0 controls other than tab and line feed, DEL
    /// and C1 controls. Terminals act on them, Graphviz and XML refuse them and NUL ends a C
    /// string, so a name holding one would garble or break diagrams, reports and exports; the
    /// error points at the field.
    private func checkText(_ graph: SupplyGraph, into issues: inout [ValidationIssue]) {
        graph.forEachText { text, location in
            guard SupplyGraph.holdsRefusedControlCharacter(text),
                  let scalar = text.unicodeScalars.first(where: Self.refusesControlCharacter)
            else { return }
            let field = switch location {
            case .graph(let field), .source(_, let field), .node(_, let field), .output(_, _, let field), .flow(_, let field),
                 .otherCountries(_, let field): field ?? ""
            }
            issues.append(.init(
                .error, .controlCharacter, "'\(field)' contains the control character \(Self.describeControlCharacter(scalar))",
                at: location, notes: ["text may hold tabs and line breaks (LF), but no other control character"]))
        }
    }

    /// Whether graph text may not hold `scalar`: C0 controls other than tab and line feed,
    /// DEL and C1 controls.
    public static func refusesControlCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" { return false }
        return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A control character for messages: `U+001B (ESC)`.
    public static func describeControlCharacter(_ scalar: Unicode.Scalar) -> String {
        let names: [UInt32: String] = [0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL"]
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }

    private func unknownCountry(_ code: CountryCode, at location: GraphLocation, hints: SuggestionBudget) -> ValidationIssue {
        let closest = hints.suggestions { CountryTable.suggestions(for: code.rawValue) }
        return .init(
            .error, .unknownCountry, "unknown country '\(code)'", at: location,
            notes: closest.isEmpty ? ["use an ISO 3166-1 alpha-3 code such as COD or CHN"]
                : ["closest matches: " + closest.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")])
    }

    private func unknownMineral(_ mineral: MineralID, at location: GraphLocation, hints: SuggestionBudget) -> ValidationIssue {
        let closest = hints.suggestions { MineralCatalog.suggestions(for: mineral.rawValue) }
        return .init(
            .error, .unknownMineral, "unknown mineral '\(mineral)'", at: location,
            notes: closest.isEmpty ? ["known minerals: " + MineralCatalog.all.map(\.id.rawValue).joined(separator: ", ")]
                : ["did you mean " + closest.map { "'\($0)'" }.joined(separator: ", ") + "?"])
    }
}

/// A quantity for messages: integers as they are, others rounded to two decimals.
func format(_ value: Double) -> String {
    NumberFormatting.compact(value)
}
