import Testing

@testable import MineralGraphFormats

@Suite("Line diff")
struct LineDiffTests {
    static let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
    static let new = "a\nB\nc\nd\ne\nf\ng\nh\nj\n"

    @Test func unifiedDiffHasHeadersAndHunksWithContext() {
        #expect(LineDiff(old: Self.old, new: Self.new).unified(oldName: "x.yaml", newName: "x.yaml (edited)", context: 1) == """
            --- x.yaml
            +++ x.yaml (edited)
            @@ -1,3 +1,3 @@
             a
            -b
            +B
             c
            @@ -8,3 +8,2 @@
             h
            -i
             j

            """)
    }

    @Test func nearbyChangesShareAHunk() {
        let diff = LineDiff(old: Self.old, new: Self.new).unified(oldName: "a", newName: "b")
        #expect(diff.components(separatedBy: "\n@@").count == 2, "one hunk with three lines of context")
        #expect(diff.contains("@@ -1,10 +1,9 @@\n"))
    }

    @Test func insertionsIntoAnEmptyRangeNumberTheLineBefore() {
        #expect(LineDiff(old: "a\n", new: "a\nb\n").unified(oldName: "o", newName: "n", context: 0) == "--- o\n+++ n\n@@ -1,0 +2 @@\n+b\n")
        #expect(LineDiff(old: "", new: "x\n").unified(oldName: "o", newName: "n") == "--- o\n+++ n\n@@ -0,0 +1 @@\n+x\n")
    }

    @Test func identicalTextsHaveNoDiff() {
        let diff = LineDiff(old: Self.old, new: Self.old)
        #expect(diff.isEmpty)
        #expect(diff.unified(oldName: "a", newName: "b") == "")
        #expect(LineDiff(old: "a\r\nb\r\n", new: "a\nb\n").isEmpty, "line breaks are not lines")
    }

    @Test func theAlignmentKeepsEveryLineOfBothTexts() {
        let diff = LineDiff(old: Self.old, new: Self.new)
        let old = diff.lines.compactMap { line -> String? in if case .added = line { return nil } else { return line.text } }
        let new = diff.lines.compactMap { line -> String? in if case .removed = line { return nil } else { return line.text } }
        #expect(old == LineDiff.split(Self.old) && new == LineDiff.split(Self.new))
    }
}

extension LineDiff.Line {
    var text: String {
        switch self {
        case .same(let text), .removed(let text), .added(let text): text
        }
    }
}
