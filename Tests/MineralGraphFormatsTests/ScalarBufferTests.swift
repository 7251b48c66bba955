import Testing
@testable import MineralGraphFormats

/// The patcher's view of a text as scalars: one byte each for ASCII text, two for the Basic
/// Multilingual Plane, four otherwise, the same scalars and offsets either way (docs/limits.md, `edit` of a 60 MB graph).
@Suite("Scalar buffer")
struct ScalarBufferTests {
    @Test(arguments: ["", "nodes:\n  - id: a\r\n", "name: Kolwezi — DRC\u{FFFF}\n", "x: \"\\e\"\u{85}y: 😀\u{2028}"])
    func holdsTheTextsScalars(_ text: String) {
        let buffer = ScalarBuffer(text)
        #expect(Array(buffer) == Array(text.unicodeScalars))
        #expect(buffer.count == text.unicodeScalars.count)
        #expect(buffer.last == text.unicodeScalars.last)
    }

    /// The same layout with an ASCII letter, a letter of the Basic Multilingual Plane and one
    /// beyond it in the first line.
    @Test(arguments: ["é", "😀"])
    func linesAndOffsetsAreTheSameForASCIIAndOtherText(_ letter: Unicode.Scalar) {
        let ascii = TextLayout("name: Kolwezi e\nyear: 2023\r\n  - id: a\n")
        let other = TextLayout("name: Kolwezi \(letter)\nyear: 2023\r\n  - id: a\n")
        #expect(ascii.lineStarts == other.lineStarts)
        #expect(ascii.lineStarts == [0, 16, 28])
        #expect(ascii.newline == "\r\n" && other.newline == "\r\n")
        #expect(other.scalars[14] == letter && ascii.scalars[14] == "e")
        #expect(ascii.text(16..<26) == "year: 2023" && other.text(16..<26) == "year: 2023")
    }
}
