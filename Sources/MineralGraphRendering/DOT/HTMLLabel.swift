import MineralGraphCore

/// An HTML-like Graphviz label whose text parts are escaped as they are added.
///
/// Graphviz parses HTML-like labels as XML, so `&`, `<`, `>` and `"` in text must be entities;
/// everything else (including non-ASCII letters) is written as is in UTF-8.
///
/// ```swift
/// var label = HTMLLabel()
/// label.open("TABLE", ["BORDER": "0"])
/// label.open("TR"); label.open("TD"); label.text("Côte d’Ivoire <refinery>"); label.close("TD"); label.close("TR")
/// label.close("TABLE")
/// ```
public struct HTMLLabel: Hashable, Sendable {
    /// The markup, without the enclosing `<` `>` of the DOT value.
    public private(set) var markup = ""
    private var openElements: [String] = []

    public init() {}

    /// Opens `element` with `attributes` (written sorted by name).
    public mutating func open(_ element: String, _ attributes: [String: String] = [:]) {
        markup += "<" + element + Self.attributeText(attributes) + ">"
        openElements.append(element)
    }

    /// Closes the innermost open element, which must be `element`.
    public mutating func close(_ element: String) {
        precondition(openElements.last == element, "HTMLLabel: closing \(element) but \(openElements.last ?? "nothing") is open")
        openElements.removeLast()
        markup += "</" + element + ">"
    }

    /// An empty element such as `<BR/>`.
    public mutating func empty(_ element: String, _ attributes: [String: String] = [:]) {
        markup += "<" + element + Self.attributeText(attributes) + "/>"
    }

    /// Escaped text; line breaks become `<BR/>`.
    public mutating func text(_ text: String) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            if index > 0 { markup += "<BR/>" }
            markup += Self.escape(String(line))
        }
    }

    /// Whether every opened element has been closed.
    public var isComplete: Bool { openElements.isEmpty }

    /// `&`, `<`, `>`, `"` as XML entities; control characters as U+FFFD (`MarkupEscaping`,
    /// the escaper the HTML reports use; `'` is kept, as Graphviz labels need no entity for it).
    public static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text, apostrophe: false)
    }

    private static func attributeText(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(escape(attributes[$0]!))\"" }.joined()
    }
}
