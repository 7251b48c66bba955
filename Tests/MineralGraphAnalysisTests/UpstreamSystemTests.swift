import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

@Suite("Upstream accumulation solver")
struct UpstreamSystemTests {
    typealias Term = UpstreamSystem.Term

    @Test func chainIsSolvedExactlyInOnePass() {
        // 0 → 1 → 2 with x = b + c·x_upstream.
        let system = UpstreamSystem(
            local: [50, 20, 5],
            inputs: [[], [Term(from: 0, coefficient: 100.0 / 30)], [Term(from: 1, coefficient: 0.1)]])
        let solution = system.solve()
        #expect(approx(solution.values[1], 20 + 5000.0 / 30))
        #expect(approx(solution.values[2], 5 + 0.1 * (20 + 5000.0 / 30)))
        #expect(solution.report.cyclicComponents == 0)
        #expect(solution.report.iterations == 0)
        #expect(solution.report.converged)
    }

    @Test func componentsComeUpstreamFirstEvenWhenNodesAreListedBackwards() {
        // 2 → 1 → 0, and a loop 3 ⇄ 4 fed by 0.
        let inputs: [[Term]] = [
            [Term(from: 1, coefficient: 1)], [Term(from: 2, coefficient: 1)], [],
            [Term(from: 0, coefficient: 1), Term(from: 4, coefficient: 0.5)], [Term(from: 3, coefficient: 0.5)],
        ]
        #expect(UpstreamSystem.components(inputs: inputs) == [[2], [1], [0], [3, 4]])
    }

    static func loop(gain: Double) -> UpstreamSystem {
        // x0 = 1 + g·x1, x1 = 1 + x0 → x0 = (1 + g)/(1 − g).
        UpstreamSystem(local: [1, 1], inputs: [[Term(from: 1, coefficient: gain)], [Term(from: 0, coefficient: 1)]])
    }

    @Test(arguments: [0.5, 0.9, 0.999])
    func loopSolvedDirectlyMatchesTheClosedForm(gain: Double) {
        let solution = Self.loop(gain: gain).solve()
        #expect(solution.report.converged)
        #expect(solution.report.cyclicComponents == 1)
        #expect(solution.report.iterations == 0)
        #expect(approx(solution.values[0], (1 + gain) / (1 - gain), tolerance: 1e-12))
        #expect(approx(solution.values[1], 1 + (1 + gain) / (1 - gain), tolerance: 1e-12))
    }

    @Test(arguments: [0.5, 0.9])
    func loopIteratedMatchesTheClosedFormWithinTheTolerance(gain: Double) {
        let solution = Self.loop(gain: gain).solve(LinearSolverOptions(directSolveLimit: 0))
        #expect(solution.report.converged)
        #expect(solution.report.iterations > 1)
        #expect(approx(solution.values[0], (1 + gain) / (1 - gain), tolerance: 1e-9))
    }

    @Test func slowLoopNeedsMoreSweepsThanTheDefaultLimit() {
        // Gain 0.999 contracts by 0.999 per sweep: ~25,000 sweeps to reach 1e-9.
        let capped = Self.loop(gain: 0.999).solve(LinearSolverOptions(directSolveLimit: 0))
        #expect(!capped.report.converged)
        #expect(capped.values[0] == nil)
        #expect(capped.blocker[0] == .notConverged(node: 0))
        let solution = Self.loop(gain: 0.999).solve(LinearSolverOptions(maxIterations: 100_000, directSolveLimit: 0))
        #expect(solution.report.converged)
        #expect(approx(solution.values[0], 1.999 / 0.001, tolerance: 1e-9))
    }

    @Test(arguments: [0, 400])
    func loopThatLosesNothingIsReportedAsNotConverged(directSolveLimit: Int) {
        // Gain 1.2 (and 1.0) has no meaningful solution; the node downstream of the loop is blocked too.
        for gain in [1.2, 1.0] {
            let system = UpstreamSystem(
                local: [1, 1, 1],
                inputs: [[Term(from: 1, coefficient: gain)], [Term(from: 0, coefficient: 1)], [Term(from: 1, coefficient: 1)]])
            let solution = system.solve(LinearSolverOptions(maxIterations: 500, directSolveLimit: directSolveLimit))
            #expect(!solution.report.converged, "gain \(gain)")
            #expect(solution.values == [nil, nil, nil])
            #expect(solution.blocker[2] == .notConverged(node: 0))
        }
    }

    @Test func directAndIteratedSolutionsAgreeOnALargerLoop() {
        // A ring of 6 nodes with a leak, fed from outside at node 0.
        var inputs = [[Term]](repeating: [], count: 7)
        for i in 0..<6 { inputs[(i + 1) % 6].append(Term(from: i, coefficient: 0.8 + 0.03 * Double(i))) }
        inputs[0].append(Term(from: 6, coefficient: 2))
        inputs[3].append(Term(from: 1, coefficient: 0.1))
        let system = UpstreamSystem(local: [1, 2, 3, 4, 5, 6, 7], inputs: inputs)
        let direct = system.solve()
        let iterated = system.solve(LinearSolverOptions(directSolveLimit: 0))
        #expect(direct.report.converged && iterated.report.converged)
        for i in 0..<7 {
            #expect(approx(iterated.values[i], direct.values[i]!, tolerance: 1e-9))
            // The solution satisfies its equations.
            let rhs = system.local[i]! + inputs[i].reduce(0) { $0 + $1.coefficient! * direct.values[$1.from]! }
            #expect(approx(direct.values[i], rhs, tolerance: 1e-12))
        }
    }

    @Test func missingInputsBlockEverythingDownstreamButNothingElse() {
        // 0 (missing) → 1 → 2;  3 → 2 is fine but 2 depends on 1.  4 has a missing coefficient.
        let system = UpstreamSystem(
            local: [nil, 1, 1, 2, 1],
            inputs: [[], [Term(from: 0, coefficient: 1)], [Term(from: 1, coefficient: 1), Term(from: 3, coefficient: 1)],
                     [], [Term(from: 3, coefficient: nil)]])
        let solution = system.solve()
        #expect(solution.values[0] == nil && solution.values[1] == nil && solution.values[2] == nil)
        #expect(solution.blocker[2] == .local(node: 0))
        #expect(solution.values[3] == 2)
        #expect(solution.values[4] == nil)
        #expect(solution.blocker[4] == .coefficient(node: 4, from: 3))
    }

    @Test func flagsSpreadDownstream() {
        let system = UpstreamSystem(
            local: [1, 1, 1], inputs: [[], [Term(from: 0, coefficient: 1)], []], flags: [true, false, false])
        #expect(system.solve().flagged == [true, true, false])
    }

    /// A random graph of `count` nodes with forward edges, back edges that close loops, missing
    /// and zero coefficients, and `sources` of them as indicator columns.
    static func randomSystem(seed: UInt64, count: Int) -> (inputs: [[Term]], sources: [Int]) {
        var random = LCG(state: seed)
        var inputs = [[Term]](repeating: [], count: count)
        for n in 1..<count {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let from = Int.random(in: 0..<n, using: &random)
                let roll = Int.random(in: 0..<40, using: &random)
                inputs[n].append(Term(from: from, coefficient: roll == 0 ? nil : roll == 1 ? 0 : Double.random(in: 0.05...0.6, using: &random)))
            }
            if Int.random(in: 0..<6, using: &random) == 0, n + 1 < count {  // a back edge: a recycling loop
                inputs[n].append(Term(from: Int.random(in: (n + 1)..<count, using: &random), coefficient: Double.random(in: 0.05...0.3, using: &random)))
            }
        }
        let sources = (0..<count).filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
        return (inputs, sources)
    }

    /// Solving every source's indicator at once gives, bit for bit, the values, blockers and
    /// report of one solve per source (the origin-tracing pass relies on it).
    @Test(arguments: [(UInt64(1), 60, 400), (2, 200, 400), (3, 120, 4), (4, 300, 2)])
    func solvingAllColumnsAtOnceEqualsOneSolvePerColumn(seed: UInt64, count: Int, directSolveLimit: Int) {
        let (inputs, sources) = Self.randomSystem(seed: seed, count: count)
        let options = LinearSolverOptions(directSolveLimit: directSolveLimit)
        var local = [[UpstreamSystem.ColumnValue]](repeating: [], count: count)
        for (column, s) in sources.enumerated() { local[s] = [UpstreamSystem.ColumnValue(column: column, value: 1)] }
        let together = UpstreamSystem.solve(columns: local, columnCount: sources.count, inputs: inputs, options: options)
        #expect(together.report.cyclicComponents > 0)
        #expect(together.values.contains { $0 == nil } && together.values.contains { ($0?.count ?? 0) > 1 })
        var reports: [SolverReport] = []
        for (column, s) in sources.enumerated() {
            var indicator = [Double?](repeating: 0, count: count)
            indicator[s] = 1
            let alone = UpstreamSystem(local: indicator, inputs: inputs).solve(options)
            reports.append(alone.report)
            for n in 0..<count {
                let value = together.values[n].map { $0.first { $0.column == column }?.value ?? 0 }
                #expect(value == alone.values[n], "node \(n), source \(s)")
                #expect(together.blocker[n] == alone.blocker[n], "node \(n)")
            }
        }
        #expect(together.report == SolverReport.merged(reports, options: options))
    }
}
