/// The output formats of `mineral-graph report`, one formatter each (the CLI's `--format`).
public enum ReportFormat: String, CaseIterable, Codable, Sendable {
    /// Markdown for people and for GitHub.
    case markdown = "md"
    /// One self-contained HTML file with inline SVG charts; no scripts, no network.
    case html
    /// Stable snake_case keys for scripts.
    case json
    /// One row per mineral × stage × year.
    case csv
    /// Plain text with aligned tables, for pasting (``TextFormatter``).
    case text = "txt"

    /// The formats `report --format all` writes and `reports/` holds: Markdown, HTML, JSON and
    /// CSV (plain text is for pasting, on request).
    public static let published: [ReportFormat] = [.markdown, .html, .json, .csv]

    /// The formats for people (Markdown, HTML, text), where `--ascii` applies.
    public var isForPeople: Bool { self == .markdown || self == .html || self == .text }

    /// File extension, without the dot.
    public var fileExtension: String { rawValue }

    public var formatter: any ReportFormatter {
        switch self {
        case .markdown: MarkdownFormatter()
        case .html: HTMLFormatter()
        case .json: JSONFormatter()
        case .csv: CSVFormatter()
        case .text: TextFormatter()
        }
    }
}

/// Turns a ``Report`` into the text of one format. Output is deterministic: the same report
/// gives the same bytes (no timestamps, no absolute paths, fixed number formatting).
public protocol ReportFormatter: Sendable {
    func format(_ report: Report) throws -> String
}

/// A text format written block by block (``MarkdownFormatter``, ``TextFormatter``): each block of
/// the ``ReportDocument`` becomes text, the texts are separated by a blank line and the document
/// ends with a newline.
public protocol BlockFormatter: ReportFormatter {
    /// The texts of `blocks`, in order; a block that shows nothing in this format (an empty
    /// list, figures) gives none, and a block may give several.
    func blocks(_ blocks: [ReportDocument.Block]) -> [String]
}

extension BlockFormatter {
    /// The report laid out as a ``ReportDocument``, then rendered.
    public func format(_ report: Report) -> String {
        render(ReportDocument(report))
    }

    /// The texts of the document's blocks separated by blank lines, ending with a newline.
    public func render(_ document: ReportDocument) -> String {
        blocks(document.blocks).joined(separator: "\n\n") + "\n"
    }
}
