/// A report laid out for people: headings, paragraphs, lists, tables and figures, independent
/// of the output format. ``MarkdownFormatter`` and ``HTMLFormatter`` render it; each escapes
/// text for its own syntax, so section builders write plain text and never markup.
public struct ReportDocument: Sendable {
    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }

    /// A run of text with one style.
    public enum Inline: Hashable, Sendable {
        case text(String)
        case strong(String)
        case emphasis(String)
        /// Rendered as a link only for http and https URLs, else as text.
        case link(text: String, url: String)
    }

    public enum Alignment: Sendable {
        case left, right
    }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public struct Table: Sendable {
        public var columns: [Column]
        /// Each cell is a run of inlines; a cell may hold several lines (`\n` in text).
        public var rows: [[[Inline]]]

        public init(columns: [Column], rows: [[[Inline]]]) {
            self.columns = columns
            self.rows = rows
        }
    }

    /// An SVG image: HTML embeds it inline; Markdown leaves it out (its tables carry the numbers).
    public struct Figure: Sendable {
        /// An `<svg>` element. A leading XML declaration or DOCTYPE is dropped when embedding.
        public var svg: String
        public var caption: String

        public init(svg: String, caption: String) {
            self.svg = svg
            self.caption = caption
        }
    }

    public enum Block: Sendable {
        /// Level 1 is the title; sections use 2 and 3.
        case heading(level: Int, text: String)
        case paragraph([Inline])
        case list([[Inline]])
        case table(Table)
        case figures([Figure])
        /// Long detail (per-node and per-pair tables): collapsed in HTML (`<details>`), in
        /// Markdown a bold title line followed by the blocks.
        case details(summary: String, blocks: [Block])
    }
}

extension ReportDocument.Inline: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }
}
