extension UpstreamSystem {
    /// One non-zero entry of a sparse vector over right-hand sides ("columns").
    struct ColumnValue: Hashable, Sendable {
        var column: Int
        var value: Double
    }

    /// The solutions of the system for many right-hand sides at once.
    struct ColumnSolution: Sendable {
        /// Per node, its non-zero values by column (ascending), or `nil` when it has no value.
        var values: [[ColumnValue]?]
        /// For each node without a value, the first cause upstream.
        var blocker: [Blocker?]
        var report: SolverReport
    }

    /// Solves `x_n = b_n + Σ_{k→n} c_kn · x_k` for every column of a sparse right-hand side
    /// `local` (per node, its non-zero `b_n` by column) in one pass over the graph.
    ///
    /// Origin tracing (METHODS §4.2) solves the system once per source with `b` its indicator;
    /// solving each separately costs O(sources × (N + E)) and repeats the decomposition every
    /// time. Here the components are found once, each acyclic node adds its inputs' sparse
    /// vectors, and each loop is factorised once and solved for the columns that reach it, so
    /// the cost is that of the decomposition plus the non-zero entries the solution has.
    ///
    /// Every column's values are bit for bit those of ``solve(_:)`` with that column as `local`
    /// (the same additions in the same order; loops by the same row operations or sweeps).
    /// Missing coefficients block a node in every column, as in ``solve(_:)``. A loop that does
    /// not converge for some column has no value in any column (tool convention: its solution
    /// is not to be trusted).
    ///
    /// - Complexity: O(N + E + Σ_n nnz(x_n)·indegree(n)) outside loops.
    static func solve(columns local: [[ColumnValue]], columnCount: Int, inputs: [[Term]], options: LinearSolverOptions) -> ColumnSolution {
        let count = local.count
        precondition(inputs.count == count)
        var values = [[ColumnValue]?](repeating: nil, count: count)
        var blocker = [Blocker?](repeating: nil, count: count)
        var accumulator = SparseAccumulator(columnCount: columnCount)
        var cyclic = 0
        var maxIterations = 0
        var converged = true

        for component in components(inputs: inputs) {
            let members = ComponentMembers(component)
            let isCyclic = component.count > 1
                || inputs[component[0]].contains { $0.from == component[0] && $0.coefficient != 0 }
            if isCyclic { cyclic += 1 }
            if let cause = blockingCause(component, members: members, inputs: inputs, blocker: blocker) {
                for node in component { blocker[node] = cause }
                continue
            }
            // b plus the terms from outside the component, per node of the component.
            let external = component.map { node -> [ColumnValue] in
                for entry in local[node] { accumulator.add(entry.column, entry.value) }
                for term in inputs[node] {
                    guard let c = term.coefficient, c != 0, !members.contains(term.from) else { continue }
                    for entry in values[term.from]! { accumulator.add(entry.column, c * entry.value) }
                }
                return accumulator.take()
            }
            if !isCyclic {
                values[component[0]] = external[0]
                continue
            }
            let solved: [[ColumnValue]]?
            if component.count <= options.directSolveLimit {
                let elimination = Elimination(component: component, inputs: inputs, members: members)
                solved = elimination.flatMap { elimination in solveColumns(external) { elimination.solve($0) } }
            } else {
                let terms = internalTerms(component: component, inputs: inputs, members: members)
                var iterations = 1  // a loop no column reaches converges at once, as a zero right-hand side does
                solved = solveColumns(external) { vector in
                    let (result, used) = iterate(internalTerms: terms, external: vector, options: options)
                    iterations = max(iterations, used)
                    return result
                }
                maxIterations = max(maxIterations, iterations)
            }
            converged = Self.store(solved, of: component, in: &values, blocker: &blocker) && converged
        }

        let report = SolverReport(options, cyclicComponents: cyclic, iterations: maxIterations, converged: converged)
        return ColumnSolution(values: values, blocker: blocker, report: report)
    }

    /// The first missing coefficient or blocked upstream node met scanning `component` as
    /// ``solve(_:)`` scans it (every `b_n` is given here).
    private static func blockingCause(_ component: [Int], members: ComponentMembers, inputs: [[Term]], blocker: [Blocker?]) -> Blocker? {
        for node in component {
            for term in inputs[node] {
                guard let c = term.coefficient else { return .coefficient(node: node, from: term.from) }
                if c == 0 || members.contains(term.from) { continue }
                if let cause = blocker[term.from] { return cause }
            }
        }
        return nil
    }

    /// Solves a loop for every column some node of it has, in ascending order: `solve` takes the
    /// dense right-hand side over the component's positions. `nil` when any column fails.
    private static func solveColumns(_ external: [[ColumnValue]], _ solve: ([Double]) -> [Double]?) -> [[ColumnValue]]? {
        let columns = Set(external.lazy.flatMap { $0.map(\.column) }).sorted()
        var next = [Int](repeating: 0, count: external.count)  // per position, its first entry not yet used
        var result = [[ColumnValue]](repeating: [], count: external.count)
        for column in columns {
            var vector = [Double](repeating: 0, count: external.count)
            for (position, entries) in external.enumerated() where next[position] < entries.count && entries[next[position]].column == column {
                vector[position] = entries[next[position]].value
                next[position] += 1
            }
            guard let x = solve(vector) else { return nil }
            for (position, value) in x.enumerated() where value != 0 {
                result[position].append(ColumnValue(column: column, value: value))
            }
        }
        return result
    }
}

/// A dense scratch vector over the columns with the list of entries touched, so that summing
/// sparse vectors costs their entries, not the number of columns.
private struct SparseAccumulator {
    private var sums: [Double]
    private var touched: [Bool]
    private var order: [Int] = []

    init(columnCount: Int) {
        sums = [Double](repeating: 0, count: columnCount)
        touched = [Bool](repeating: false, count: columnCount)
    }

    mutating func add(_ column: Int, _ value: Double) {
        if !touched[column] {
            touched[column] = true
            order.append(column)
            sums[column] = value
        } else {
            sums[column] += value
        }
    }

    /// The non-zero sums by column, ascending; clears the accumulator.
    mutating func take() -> [UpstreamSystem.ColumnValue] {
        order.sort()
        var result: [UpstreamSystem.ColumnValue] = []
        result.reserveCapacity(order.count)
        for column in order {
            if sums[column] != 0 { result.append(UpstreamSystem.ColumnValue(column: column, value: sums[column])) }
            touched[column] = false
            sums[column] = 0
        }
        order.removeAll(keepingCapacity: true)
        return result
    }
}
