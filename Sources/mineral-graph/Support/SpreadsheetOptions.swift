import ArgumentParser
import MineralGraphCore
import MineralGraphReports

/// `--excel`, shared by every command that writes CSV: the tables as Excel on Windows reads
/// them, a UTF-8 byte-order mark first and CRLF line ends (`CSVText.excel(_:)`). Without it
/// the CSV is UTF-8 with LF line ends. The cells are the same either way (text that a
/// spreadsheet would run as a formula is always guarded, `CSVText.guarded(_:)`).
struct SpreadsheetOptions: ParsableArguments {
    @Flag(help: "CSV for Excel: a UTF-8 byte-order mark and CRLF line ends.")
    var excel = false

    /// `csv` as the flag asks.
    func csv(_ csv: String) -> String {
        excel ? CSVText.excel(csv) : csv
    }

    /// Refuses `--excel` for a command run that writes no CSV.
    func check(writesCSV: Bool, format: String) throws {
        if excel && !writesCSV { throw ValidationError("--excel is for CSV output, not --format \(format)") }
    }
}

/// `--ascii`, shared by the commands that write for people: Markdown, HTML and text with `-`
/// for the minus sign U+2212 and ASCII for the other typography (`ASCIITypography`), so that a
/// figure pasted into a spreadsheet is a number. JSON and CSV are not changed (their numbers
/// are plain already).
struct TypographyOptions: ParsableArguments {
    @Flag(help: "Plain ASCII typography in md, html and txt output: '-' for the minus sign, '->' for arrows.")
    var ascii = false

    /// `text` in the typography the flag asks for, when `format` is for people.
    func apply(_ text: String, format: ReportFormat) -> String {
        ascii && format.isForPeople ? ASCIITypography.apply(text) : text
    }
}
