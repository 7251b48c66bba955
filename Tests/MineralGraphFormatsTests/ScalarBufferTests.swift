import Testing
@testable import MineralGraphFormats

/// The patcher's view of a text as scalars: one byte each for ASCII text, four otherwise, the
/// same scalars and offsets either way (docs/limits.md, `edit` of a 60 MB graph).
@Suite("Scalar buffer")
struct ScalarBufferTests {
    @Test(arguments: ["", "nodes:\n  - id: a\r\n", "name: Kolwezi — DRC\n", "x: \"\\e\"\u{85}y: 😀\u{2028}"])
    func holdsTheTextsScalars(_ text: String) {
        let buffer = ScalarBuffer(text)
        #expect(Array(buffer) == Array(text.unicodeScalars))
        #expect(buffer.count == text.unicodeScalars.count)
        #expect(buffer.last == text.unicodeScalars.last)
    }

    @Test func linesAndOffsetsAreTheSameForASCIIAndWideText() {
        // The same layout with an ASCII and a non-ASCII letter in the first line.
        let ascii = TextLayout("name: Kolwezi e\nyear: 2023\r\n  - id: a\n")
        let wide = TextLayout("name: Kolwezi é\nyear: 2023\r\n  - id: a\n")
        #expect(ascii.lineStarts == wide.lineStarts)
        #expect(ascii.lineStarts == [0, 16, 28])
        #expect(ascii.newline == "\r\n" && wide.newline == "\r\n")
        #expect(wide.scalars[14] == "é" && ascii.scalars[14] == "e")
        #expect(ascii.text(16..<26) == "year: 2023" && wide.text(16..<26) == "year: 2023")
    }
}
