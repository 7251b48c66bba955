import MineralGraphCore
import Testing

/// CSV cells that a spreadsheet would run as formulas are guarded; `--excel` adds the byte-order
/// mark and CRLF record ends and changes nothing else.
@Suite("CSV for spreadsheets")
struct CSVTextSpreadsheetTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""),
        ("- item", "'- item"), ("-", "'-"), ("=", "'="),
        // Numbers stay numbers.
        ("-3.5", "-3.5"), ("+2", "+2"), ("-1e-06", "-1e-06"), ("0.707460", "0.707460"),
        // Not at the start, or not a formula character: as it is.
        ("a=b", "a=b"), ("Türkiye", "Türkiye"), ("", ""), ("-inf", "'-inf"), ("-nan", "'-nan"),
    ])
    func formulaStartsAreGuarded(_ input: String, _ expected: String) {
        #expect(CSVText.field(input) == expected)
    }

    @Test func excelAddsTheMarkAndCRLFOutsideQuotes() {
        let csv = "name,value\n\"two\nlines\",1\nTürkiye,-3.5\n"
        let excel = CSVText.excel(csv)
        #expect(excel == "\u{FEFF}name,value\r\n\"two\nlines\",1\r\nTürkiye,-3.5\r\n")
        #expect(Array(excel.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        // Applied twice, nothing changes the second time.
        #expect(CSVText.excel(excel) == excel)
        #expect(CSVText.excel("") == "\u{FEFF}")
    }
}
