/// A stage of a mineral supply chain, ordered from the ground to the waste site.
///
/// Stages are derived from a node's ``NodeKind``; they are the "stage" of the
/// concentration metrics in METHODS §1 and the ranks of a rendered diagram.
public enum Stage: String, CaseIterable, Comparable, Codable, Sendable {
    case mining
    case processing
    case manufacturing
    case use
    case waste

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
