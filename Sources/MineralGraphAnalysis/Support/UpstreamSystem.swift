/// A linear upstream accumulation `x_n = b_n + Σ_{k→n} c_kn · x_k` over the nodes of a graph,
/// solved on graphs with loops.
///
/// This is the shape of every "embodied" quantity: cumulative water per tonne
/// (`W*_n = w_n + Σ a_kn W*_k`, METHODS §5.4), raw-material equivalents (§2.2) and origin
/// tracing (`exp_n = Σ (f_e/I_n) exp_src`, §4.2). In matrix form `(I − Cᵀ) x = b`.
///
/// The solver splits the graph into strongly connected components (Tarjan), visits them in
/// topological order and solves acyclic components exactly in one step; components with a loop
/// (recycling: waste → recycler → refiner) are solved directly or by Gauss–Seidel iteration as
/// ``LinearSolverOptions`` describes.
///
/// Missing data: a node whose `b_n` is `nil`, or that has an input term with a `nil`
/// coefficient, has no value, and neither has any node downstream of it (METHODS §5.4: "missing
/// `w_n` → downstream `W*` is null"). ``Solution/blocker`` names the cause. Terms with a zero
/// coefficient are ignored. A `flag` (such as "imputed") spreads downstream the same way.
///
/// - Complexity: O(N + E) for the decomposition and each acyclic pass; O(iterations × E_c) per
///   cyclic component with E_c internal edges.
struct UpstreamSystem: Sendable {
    struct Term: Hashable, Sendable {
        /// Upstream node index `k`.
        var from: Int
        /// `c_kn`; `nil` when an input needed to compute it is missing.
        var coefficient: Double?
    }

    /// Why a node has no value.
    enum Blocker: Hashable, Sendable {
        /// `b_n` of this node is missing.
        case local(node: Int)
        /// The coefficient of the term `from → node` is missing.
        case coefficient(node: Int, from: Int)
        /// The loop containing this node did not converge.
        case notConverged(node: Int)
    }

    struct Solution: Sendable {
        var values: [Double?]
        /// For each node without a value, the first cause upstream.
        var blocker: [Blocker?]
        /// Nodes whose value depends on a flagged node (themselves included).
        var flagged: [Bool]
        var report: SolverReport
    }

    /// `b_n` per node.
    var local: [Double?]
    /// Input terms per node `n`: the edges `k → n` with their coefficients.
    var inputs: [[Term]]
    /// Nodes whose `b_n` rests on a default (spreads downstream).
    var flags: [Bool]
    /// ``components(inputs:)`` of `inputs`, when the caller has them (several systems on the
    /// same inputs: the water quantities and raw-material equivalents).
    var components: [[Int]]?

    init(local: [Double?], inputs: [[Term]], flags: [Bool]? = nil, components: [[Int]]? = nil) {
        precondition(local.count == inputs.count)
        self.local = local
        self.inputs = inputs
        self.flags = flags ?? Array(repeating: false, count: local.count)
        self.components = components
    }

    func solve(_ options: LinearSolverOptions = .default) -> Solution {
        let count = local.count
        var values = [Double?](repeating: nil, count: count)
        var blocker = [Blocker?](repeating: nil, count: count)
        var flagged = [Bool](repeating: false, count: count)
        var cyclic = 0
        var maxIterations = 0
        var converged = true

        for component in components ?? Self.components(inputs: inputs) {
            let members = ComponentMembers(component)
            let isCyclic = component.count > 1
                || inputs[component[0]].contains { $0.from == component[0] && $0.coefficient != 0 }
            if isCyclic { cyclic += 1 }

            // Missing data anywhere in the component blocks all of it: its nodes depend on each other.
            var cause: Blocker?
            var componentFlag = false
            var external = [Double](repeating: 0, count: component.count)
            scan: for (position, node) in component.enumerated() {
                guard let b = local[node] else { cause = .local(node: node); break scan }
                componentFlag = componentFlag || flags[node]
                var sum = b
                for term in inputs[node] {
                    guard let c = term.coefficient else {
                        cause = .coefficient(node: node, from: term.from)
                        break scan
                    }
                    if c == 0 || members.contains(term.from) { continue }
                    guard let upstream = values[term.from] else {
                        cause = blocker[term.from]
                        break scan
                    }
                    componentFlag = componentFlag || flagged[term.from]
                    sum += c * upstream
                }
                external[position] = sum
            }
            if let cause {
                for node in component { blocker[node] = cause }
                continue
            }
            for node in component { flagged[node] = componentFlag }
            if !isCyclic {
                values[component[0]] = external[0]
                continue
            }

            let solved: [Double]?
            if component.count <= options.directSolveLimit {
                solved = Self.eliminate(component: component, external: external, inputs: inputs, members: members)
            } else {
                let (result, iterations) = Self.iterate(
                    internalTerms: Self.internalTerms(component: component, inputs: inputs, members: members),
                    external: external, options: options)
                solved = result
                maxIterations = max(maxIterations, iterations)
            }
            converged = Self.store(solved, of: component, in: &values, blocker: &blocker) && converged
        }

        let report = SolverReport(options, cyclicComponents: cyclic, iterations: maxIterations, converged: converged)
        return Solution(values: values, blocker: blocker, flagged: flagged, report: report)
    }

    /// The nodes of one strongly connected component, for membership tests; a single node (most
    /// components of a supply chain) needs no set.
    struct ComponentMembers {
        private let single: Int
        private let set: Set<Int>?

        init(_ component: [Int]) {
            single = component[0]
            set = component.count > 1 ? Set(component) : nil
        }

        func contains(_ node: Int) -> Bool {
            set?.contains(node) ?? (node == single)
        }
    }

    /// Stores a loop's solution by node, or marks the loop as not converged (`false`).
    static func store<Value>(_ solved: [Value]?, of component: [Int], in values: inout [Value?], blocker: inout [Blocker?]) -> Bool {
        guard let solved else {
            let first = component.min()!
            for node in component { blocker[node] = .notConverged(node: first) }
            return false
        }
        for (position, node) in component.enumerated() { values[node] = solved[position] }
        return true
    }

    /// Internal terms of a component as (position of upstream, coefficient).
    static func internalTerms(component: [Int], inputs: [[Term]], members: ComponentMembers) -> [[(Int, Double)]] {
        var position: [Int: Int] = [:]
        for (i, node) in component.enumerated() { position[node] = i }
        return component.map { node in
            inputs[node].compactMap { term in
                guard let c = term.coefficient, c != 0, members.contains(term.from) else { return nil }
                return (position[term.from]!, c)
            }
        }
    }

    /// Solves `(I − C) x = external` for one strongly connected component by Gaussian elimination
    /// with partial pivoting (``Elimination``). Returns `nil` when the loop has no meaningful
    /// solution.
    static func eliminate(component: [Int], external: [Double], inputs: [[Term]], members: ComponentMembers) -> [Double]? {
        Elimination(component: component, inputs: inputs, members: members)?.solve(external)
    }

    /// `I − C` of one strongly connected component brought to upper-triangular form by Gaussian
    /// elimination with partial pivoting, with the row operations recorded so that any number of
    /// right-hand sides can be solved with the same operations in the same order (so each
    /// solution is bit for bit the one a separate elimination would give).
    ///
    /// Construction fails when the loop has no meaningful solution: for `C ≥ 0` the spectral
    /// radius is below 1 exactly when `(I − C)⁻¹` exists and is nonnegative (strictly positive on
    /// a strongly connected component), which is checked by solving for a vector of ones.
    struct Elimination {
        private let m: Int
        /// The upper triangle after elimination (row-major, `m × m`).
        private var a: [Double]
        /// Per step `k`: the row swapped with row `k`, and the non-zero row operations
        /// `x[r] -= factor · x[k]`.
        private var steps: [(pivotRow: Int, operations: [(row: Int, factor: Double)])] = []

        init?(component: [Int], inputs: [[Term]], members: ComponentMembers) {
            let m = component.count
            let terms = UpstreamSystem.internalTerms(component: component, inputs: inputs, members: members)
            var a = [Double](repeating: 0, count: m * m)
            for i in 0..<m {
                a[i * m + i] = 1
                for (j, c) in terms[i] { a[i * m + j] -= c }
            }
            let scale = a.reduce(0) { max($0, abs($1)) }
            for k in 0..<m {
                var pivotRow = k
                for r in (k + 1)..<max(k + 1, m) where abs(a[r * m + k]) > abs(a[pivotRow * m + k]) { pivotRow = r }
                guard abs(a[pivotRow * m + k]) > 1e-12 * scale else { return nil }
                if pivotRow != k {
                    for c in 0..<m { a.swapAt(k * m + c, pivotRow * m + c) }
                }
                let pivot = a[k * m + k]
                var operations: [(row: Int, factor: Double)] = []
                for r in (k + 1)..<max(k + 1, m) {
                    let factor = a[r * m + k] / pivot
                    if factor == 0 { continue }
                    for c in k..<m { a[r * m + c] -= factor * a[k * m + c] }
                    operations.append((r, factor))
                }
                steps.append((pivotRow, operations))
            }
            self.m = m
            self.a = a
            guard let ones = solve([Double](repeating: 1, count: m)), ones.allSatisfy({ $0 > 0 }) else { return nil }
        }

        /// The solution for `external`, or `nil` when it is not finite.
        func solve(_ external: [Double]) -> [Double]? {
            var x = external
            for (k, step) in steps.enumerated() {
                if step.pivotRow != k { x.swapAt(k, step.pivotRow) }
                for (r, factor) in step.operations { x[r] -= factor * x[k] }
            }
            for k in stride(from: m - 1, through: 0, by: -1) {
                var sum = x[k]
                for c in (k + 1)..<max(k + 1, m) { sum -= a[k * m + c] * x[c] }
                x[k] = sum / a[k * m + k]
            }
            return x.allSatisfy(\.isFinite) ? x : nil
        }
    }

    /// Gauss–Seidel sweeps over one strongly connected component. Returns `nil` values when the
    /// iteration diverges or does not meet the stopping rule within `maxIterations`.
    static func iterate(internalTerms: [[(Int, Double)]], external: [Double], options: LinearSolverOptions) -> ([Double]?, Int) {
        var x = external
        var previousDelta = Double.infinity
        for iteration in 1...max(1, options.maxIterations) {
            var delta = 0.0
            for i in x.indices {
                var next = external[i]
                for (j, c) in internalTerms[i] { next += c * x[j] }
                delta = max(delta, abs(next - x[i]))
                x[i] = next
            }
            let scale = x.reduce(0) { max($0, abs($1)) }
            guard scale.isFinite, delta.isFinite else { return (nil, iteration) }
            let limit = options.relativeTolerance * scale
            // Rounding floor: changes at machine precision cannot shrink further.
            if delta <= 4 * Double.ulpOfOne * scale * Double(x.count) { return (x, iteration) }
            if delta <= limit, previousDelta.isFinite {
                let rate = delta / previousDelta
                if rate < 1, 2 * delta * rate / (1 - rate) <= limit { return (x, iteration) }  // safety factor 2
            }
            previousDelta = delta
        }
        return (nil, options.maxIterations)
    }

    /// Strongly connected components in topological order (upstream first), by an iterative
    /// Tarjan search over the edges `k → n` with a non-zero (or missing) coefficient. Nodes are visited in index order, so the result is
    /// deterministic; each component lists its nodes in index order.
    static func components(inputs: [[Term]]) -> [[Int]] {
        let count = inputs.count
        // Successors in one flat array (node v's are `successors[start[v]..<start[v + 1]]`), in
        // the order of the inputs, rather than one array per node.
        var start = [Int](repeating: 0, count: count + 1)
        for terms in inputs {
            // A zero coefficient is no dependence (a flow of 0 t); a missing one may be.
            for term in terms where term.coefficient != 0 { start[term.from + 1] += 1 }
        }
        for v in 0..<count { start[v + 1] += start[v] }
        var fill = start
        var successors = [Int](repeating: 0, count: start[count])
        for (node, terms) in inputs.enumerated() {
            for term in terms where term.coefficient != 0 {
                successors[fill[term.from]] = node
                fill[term.from] += 1
            }
        }
        var index = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var next = 0
        var result: [[Int]] = []

        for root in 0..<count where index[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let top = work.last {
                let v = top.node
                if start[v] + top.edge < start[v + 1] {
                    work[work.count - 1].edge += 1
                    let w = successors[start[v] + top.edge]
                    if index[w] < 0 {
                        index[w] = next; low[w] = next; next += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last?.node { low[parent] = min(low[parent], low[v]) }
                    if low[v] == index[v] {
                        var component: [Int] = []
                        while let w = stack.popLast() {
                            onStack[w] = false
                            component.append(w)
                            if w == v { break }
                        }
                        result.append(component.count == 1 ? component : component.sorted())
                    }
                }
            }
        }
        // Tarjan emits a component after every component it reaches: reverse for upstream first.
        return result.reversed()
    }
}
