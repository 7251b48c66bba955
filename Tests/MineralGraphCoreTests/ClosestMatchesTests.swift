import Testing

@testable import MineralGraphCore

@Suite("Closest matches")
struct ClosestMatchesTests {
    @Test(arguments: [
        ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("same", "same", 0),
        // a swap of adjacent characters is one edit
        ("kidn", "kind", 1), ("CDO", "COD", 1), ("cobatl", "cobalt", 1), ("ca", "abc", 3),
    ])
    func editDistance(_ a: String, _ b: String, _ distance: Int) {
        #expect(ClosestMatches.levenshtein(Array(a), Array(b)) == distance)
        #expect(ClosestMatches.levenshtein(Array(b), Array(a)) == distance)
    }

    @Test func swappedLettersBeatShorterCandidates() {
        let keys = ["id", "name", "kind", "fate", "country", "outputs"]
        #expect(ClosestMatches.best(for: "kidn", among: keys, limit: 1) == ["kind"])
        #expect(ClosestMatches.best(for: "contry", among: keys, limit: 1) == ["country"])
    }

    @Test func caseInsensitivePrefixAndLimits() {
        #expect(ClosestMatches.best(for: "COBALT", among: ["copper", "cobalt"]) == ["cobalt"])
        #expect(ClosestMatches.best(for: "rare", among: ["tin", "rare-earths"]) == ["rare-earths"])
        #expect(ClosestMatches.best(for: "zzzzzzzz", among: ["cobalt", "copper"]).isEmpty)
        #expect(ClosestMatches.best(for: "co", among: ["cobalt", "copper", "cod"], limit: 2).count == 2)
    }

    @Test func aBudgetStopsTheSearchesAfterItsCount() {
        let budget = SuggestionBudget(searches: 2)
        var searched = 0
        let results = (0..<5).map { _ in budget.suggestions { searched += 1; return ClosestMatches.best(for: "kidn", among: ["kind"]) } }
        #expect(results == [["kind"], ["kind"], [], [], []])
        #expect(searched == 2)
        #expect(budget.remaining == 0)
    }

    /// Issue 19 follow-up: 200,000 unknown countries took minutes of "did you mean" searches
    /// that were never printed; only the first findings get suggestions now.
    @Test func theValidatorSuggestsForTheFirstFindingsOnly() {
        let nodes = (0..<(SuggestionBudget.defaultSearches + 10)).map { Node(id: "n\($0)", kind: .mine, country: CountryCode("CDO")) }
        let issues = GraphValidator().run(on: SupplyGraph(name: "g", year: 2023, nodes: nodes)).filter { $0.code == .unknownCountry }
        #expect(issues.count == nodes.count)
        #expect(issues.prefix(SuggestionBudget.defaultSearches).allSatisfy { $0.notes.first?.hasPrefix("closest matches: COD") == true })
        #expect(issues.dropFirst(SuggestionBudget.defaultSearches).allSatisfy { $0.notes == ["use an ISO 3166-1 alpha-3 code such as COD or CHN"] })
    }
}
