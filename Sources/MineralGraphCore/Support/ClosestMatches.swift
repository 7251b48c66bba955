/// "Did you mean" suggestions by case-insensitive Levenshtein distance.
public enum ClosestMatches {
    /// Up to `limit` candidates closest to `text`, nearest first (ties in candidate order);
    /// candidates further than half the longer string's length are left out.
    public static func best(for text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let needle = Array(text.lowercased())
        let scored = candidates.enumerated().compactMap { index, candidate -> (Int, Int, String)? in
            let hay = Array(candidate.lowercased())
            let distance = levenshtein(needle, hay)
            let allowed = max(2, max(needle.count, hay.count) / 2)
            let prefix = !needle.isEmpty && hay.starts(with: needle)
            guard distance <= allowed || prefix else { return nil }
            return (prefix ? min(distance, 1) : distance, index, candidate)
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.2)
    }

    /// Edit distance between two character arrays, counting a swap of two adjacent characters
    /// as one edit (optimal string alignment), the commonest typo: `kidn` is one edit from
    /// `kind`, `CDO` one from `COD`.
    /// - Complexity: O(*m* × *n*) time, O(*n*) memory.
    public static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}

/// How many "did you mean" searches one reading or validation of a file may make. Each
/// compares a text with every candidate (every country name, every node id), so a file with a
/// hundred thousand unknown names would take minutes, while only the first findings are ever
/// printed (the diagnostic renderer shows 50). Past the budget, findings keep their message
/// and get no suggestion.
///
/// A class, so that the checks of one run share it; use it from one thread.
public final class SuggestionBudget {
    /// Searches per run: as many as the findings printed.
    public static let defaultSearches = 50

    public private(set) var remaining: Int

    public init(searches: Int = SuggestionBudget.defaultSearches) {
        remaining = searches
    }

    /// The result of `search` while the budget lasts, else an empty list.
    public func suggestions<T>(_ search: () -> [T]) -> [T] {
        guard remaining > 0 else { return [] }
        remaining -= 1
        return search()
    }
}

