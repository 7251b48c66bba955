import MineralGraphCore

/// How the shock propagation iterates loops.
public struct ShockPropagationOptions: Hashable, Codable, Sendable {
    /// A loop is converged when the largest change of a flow in one sweep is below this fraction
    /// of the total baseline flow (METHODS §4.3 step 5: 1e-6).
    public var relativeTolerance: Double
    /// Sweeps allowed per loop and propagation before it is reported as not converged (100).
    public var maxIterations: Int

    public init(relativeTolerance: Double = 1e-6, maxIterations: Int = 100) {
        self.relativeTolerance = relativeTolerance
        self.maxIterations = maxIterations
    }

    public static let `default` = ShockPropagationOptions()
}

/// S2 — what-if shock propagation with both substitution bounds (METHODS §4.3).
///
/// Supply-driven and proportional: every flow gets a multiplier `m_e = f'_e / f_e` and every
/// node an activity ratio `r_n = O'_n / O_n`.
///
/// 1. **Shocks.** A cut δ at node n: `r_n = (1 − δ)` for a source, `(1 − δ) · (propagated ratio)`
///    otherwise, so a cut refinery also passes on upstream losses; a cut naming a mineral scales
///    only that mineral's out-flows; several cuts of one node compound. Banned flows carry 0.
/// 2. **Sources** — mines, and nodes receiving no flow at all — have `r_n = 1 − δ_n`.
/// 3. **Propagation**, components in topological order. For each other node and input mineral m,
///    `ρ_n,m = Σ_{e in (n,m)} f'_e / Σ_{e in (n,m)} f_e` (suppliers of one mineral are perfect
///    substitutes), with contained tonnes as weights when every in-flow of (n, m) gives them, else
///    gross tonnes when every one does, else what is there (`MISSING_QUANTITY`). Leontief recipe:
///    `r_n = (1 − δ_n) · min_m ρ_n,m` (a single-input node reduces to `y_n · I'_n`). Proportional
///    rationing: each unbanned out-flow gets `m_e = r_n · (1 − δ_n,m)`.
/// 4. **Export bans**, mode `lost`: the banned volume `r_src · f_e` is *stranded* at the exporter.
///    Mode `divert_domestic`: it is offered to the exporter's domestic customers (its out-flows of
///    the mineral to nodes in its own country) in proportion to their baseline flows; each
///    customer takes it only up to its baseline intake of the mineral (offers scaled down pro
///    rata when they exceed the headroom); the rest is stranded.
/// 5. **Loops** (recycling): a strongly connected component is swept Gauss–Seidel from the
///    baseline until the largest change of a flow is below `relativeTolerance × Σ baseline flow`,
///    at most `maxIterations` sweeps; a loop that does not converge is reported, not thrown.
/// 6. **With substitution** (upper bound): for each stage in order (mining first) that has spare
///    capacity, propagate, take each customer's shortfall of a mineral from suppliers at that stage
///    `S_n = Σ (f_e − f'_e)`, and give each unaffected supplier's spare (suppliers in id order;
///    unaffected = not cut and `r = 1`) to the eligible customers (not banned from that supplier,
///    not itself) in proportion to `S_n`, never above it. Allocations are extra in-flows
///    (substitution flows); the next propagation carries them downstream. Spare: the scenario's
///    `spare` entries (`ρ · O_n`, tonnes, or declared `capacity − O_n`; fractions and tonnes capped
///    at a declared capacity) plus `add_capacity` tonnes.
///
/// Outputs per bound (METHODS §4.3 step 6): per node and mineral I, I', shortfall t and share
/// `1 − I'/I`, stranded t; per country and group and stage, baseline vs delivered; final-demand
/// shortfall (nodes that ship none of the mineral onward); value at risk
/// `Σ (f_e − f'_e) × baseline unit value`; and the shocked graph, on which the other passes give
/// post-shock HHI, import concentration, EUE and value added.
///
/// Without substitution and binding capacities a cut δ of one source s gives every node on a
/// single-mineral chain the shortfall share `δ · exp_n(s)` of ``ExposurePass`` (METHODS §4.2, §8).
///
/// Worked example (§4.4): cutting M_D by half leaves J short by 18.75 t (37.5 %), K by 32.5 %,
/// final makers receive 65 of 100 t; post-shock mining HHI 5,030 (ΔHHI −770), refining 6,450.
/// With 6 t spare at M_E: R_C +5.14, R_F +0.86, J 34.46, K 36.54, 71 t delivered.
///
/// Limitations (``ShockResult/limitations``): demand-side effects — suppliers losing a buyer —
/// are not modelled (their volume shows as stranded at the banned node); no inventories, prices
/// or demand response.
///
/// Sources: METHODS §4.1–§4.4 — Ghosh supply-driven allocation, proportional rationing (Han et
/// al. 2025), Leontief recipes (IIM, Santos & Haimes 2005), substitution bounded by spare
/// capacity (USGS 2025, Inoue & Todo 2019).
public struct ShockPropagationPass: Sendable {
    public var scenario: Scenario
    public var options: ShockPropagationOptions
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?

    public init(scenario: Scenario, options: ShockPropagationOptions = .default, scheme: CountryGroupScheme? = nil) {
        self.scenario = scenario
        self.options = options
        self.scheme = scheme
    }

    /// Checks the scenario against `graph` without propagating: fractions in 0…1, selectors that
    /// match a node, minerals and countries that exist.
    public func validate(against graph: SupplyGraph) throws(ShockScenarioError) {
        _ = try CompiledScenario(scenario, network: ShockNetwork(graph))
    }

    public func run(on graph: SupplyGraph) throws(ShockScenarioError) -> ShockResult {
        let network = ShockNetwork(graph)
        let compiled = try CompiledScenario(scenario, network: network)
        let grouping = CountryGrouping(override: scheme, graph: graph)
        let builder = ShockBoundBuilder(network: network, scenario: compiled, scenarioID: scenario.id, grouping: grouping)

        var lower = ShockPropagator(network: network, scenario: compiled, options: options)
        lower.propagate()
        let noSubstitution = builder.bound(.noSubstitution, from: lower)
        let withSubstitution: ShockBound
        var upper = ShockPropagator(network: network, scenario: compiled, options: options)
        if compiled.spares.isEmpty {
            upper = lower
        } else {
            upper.substitute()
        }
        withSubstitution = builder.bound(.withSubstitution, from: upper)

        var warnings = compiled.warnings
        let groupsMissing = (0..<network.inGroups.count).filter { network.inGroups.basis[$0] == .mixed }.count
            + (0..<network.outGroups.count).filter { network.outGroups.basis[$0] == .mixed }.count
        if groupsMissing > 0 {
            warnings.append(
                "\(groupsMissing) node-mineral flow groups lack a common quantity basis (MISSING_QUANTITY); "
                    + "flows without tonnes are left out of their ratios")
        }
        if !network.index.danglingFlows.isEmpty {
            warnings.append("\(network.index.danglingFlows.count) flows name unknown nodes and are not propagated")
        }
        for bound in [noSubstitution, withSubstitution] where !bound.solver.converged {
            warnings.append(
                "\(bound.bound.title): the loops through \(bound.solver.notConverged.joined(separator: ", ")) did not "
                    + "converge in \(options.maxIterations) sweeps; their flows are those of the last sweep")
        }
        return ShockResult(
            scenarioID: scenario.id, scenarioTitle: scenario.title, shocks: scenario.shocks.map(\.description),
            spareCapacity: scenario.spareCapacity.map(\.description), countryGrouping: grouping.info,
            noSubstitution: noSubstitution, withSubstitution: withSubstitution,
            limitations: Self.limitations(compiled), warnings: warnings)
    }

    static func limitations(_ scenario: CompiledScenario) -> [String] {
        var notes = [
            "Supply-driven: a node short of supply cuts its customers in proportion to their baseline shares "
                + "(proportional rationing); demand-side effects are not modelled, so suppliers of a cut or banned "
                + "node keep shipping to it.",
            "Multi-input nodes follow a fixed (Leontief) recipe: output falls with the scarcest input mineral, "
                + "and every mineral a node receives counts as an input of its recipe.",
            "No inventories, prices or demand response: quantities are annual flows and the result is a physical "
                + "allocation, not a market forecast.",
            "Substitution uses only the spare capacity the scenario declares, at unaffected suppliers, stage by "
                + "stage; spare at a processing or later stage is assumed to come with its own feed.",
        ]
        if !scenario.bans.isEmpty {
            notes.append(
                "Export bans: the held-back volume is reported as stranded at the exporting node; the upstream "
                    + "suppliers that lose that buyer (mines losing a refinery's demand) are not cut.")
        }
        return notes
    }
}
