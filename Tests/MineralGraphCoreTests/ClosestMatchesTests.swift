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
}
