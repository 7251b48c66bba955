/// How the upstream accumulations are solved on graphs with loops (embodied water and
/// raw-material equivalents, METHODS §5.4 and §2.2; origin tracing, §4.2).
///
/// The graph is split into strongly connected components. Acyclic parts are solved exactly in
/// one pass in topological order. A component with a loop (recycling: waste → recycler →
/// refiner) is solved
/// - **directly** (dense Gaussian elimination with partial pivoting, exact up to rounding) when
///   it has at most `directSolveLimit` nodes — recycling loops are small;
/// - otherwise by **Gauss–Seidel iteration** to the fixed point: a component is converged when
///   the largest change of one sweep is at most `relativeTolerance` × the largest value in it
///   **and** the error bound estimated from the contraction rate `r` of the last two sweeps,
///   `Δ·r/(1 − r)`, is below half that limit (a safety factor of 2); after `maxIterations` sweeps it is reported as not
///   converged.
///
/// Loops with yields below 1 contract (the spectral radius of the loop's coefficients is < 1).
/// A loop that does not lose material (spectral radius ≥ 1) has no meaningful solution: the
/// direct solver detects it (the inverse of `I − C` is then not positive) and the iteration
/// diverges or stalls; either way the component and everything downstream is `NOT_CONVERGED`.
public struct LinearSolverOptions: Hashable, Codable, Sendable {
    /// Relative accuracy asked of the iteration (default 1e-9).
    public var relativeTolerance: Double
    /// Sweeps allowed per strongly connected component before it is reported as not converged.
    public var maxIterations: Int
    /// Largest loop (nodes) solved directly; larger loops are iterated. 0 always iterates.
    public var directSolveLimit: Int

    public init(relativeTolerance: Double = 1e-9, maxIterations: Int = 10_000, directSolveLimit: Int = 400) {
        self.relativeTolerance = relativeTolerance
        self.maxIterations = maxIterations
        self.directSolveLimit = directSolveLimit
    }

    public static let `default` = LinearSolverOptions()
}

/// How an upstream accumulation was solved, for the notes of a report.
public struct SolverReport: Hashable, Codable, Sendable {
    /// A sentence naming the method (see ``LinearSolverOptions``).
    public var method: String
    public var relativeTolerance: Double
    public var maxIterations: Int
    public var directSolveLimit: Int
    /// Components with a loop (recycling); acyclic parts need neither elimination nor iteration.
    public var cyclicComponents: Int
    /// Largest number of Gauss–Seidel sweeps any iterated component needed (0 when none was).
    public var iterations: Int
    /// False when some loop has no solution (no material loss) or did not converge; its values
    /// are then unavailable (`NOT_CONVERGED`), as are the values downstream of it.
    public var converged: Bool

    public init(
        method: String = SolverReport.standardMethod, relativeTolerance: Double, maxIterations: Int,
        directSolveLimit: Int, cyclicComponents: Int, iterations: Int, converged: Bool
    ) {
        self.method = method
        self.relativeTolerance = relativeTolerance
        self.maxIterations = maxIterations
        self.directSolveLimit = directSolveLimit
        self.cyclicComponents = cyclicComponents
        self.iterations = iterations
        self.converged = converged
    }

    public static let standardMethod =
        "strongly connected components in topological order; loops solved by Gaussian elimination "
        + "(up to the direct-solve limit) or Gauss–Seidel fixed-point iteration"

    /// The report of several solves: the worst of them.
    static func merged(_ reports: [SolverReport], options: LinearSolverOptions) -> SolverReport {
        SolverReport(
            options, cyclicComponents: reports.map(\.cyclicComponents).max() ?? 0, iterations: reports.map(\.iterations).max() ?? 0,
            converged: reports.allSatisfy(\.converged))
    }

    /// A solve's report under `options`.
    init(_ options: LinearSolverOptions, cyclicComponents: Int, iterations: Int, converged: Bool) {
        self.init(
            relativeTolerance: options.relativeTolerance, maxIterations: options.maxIterations, directSolveLimit: options.directSolveLimit,
            cyclicComponents: cyclicComponents, iterations: iterations, converged: converged)
    }
}
