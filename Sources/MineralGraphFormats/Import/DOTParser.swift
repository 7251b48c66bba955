/// A position in DOT text: 1-based line and column (columns count Unicode scalars).
struct DOTPosition: Hashable, Sendable {
    var line: Int
    var column: Int
}

/// An attribute `name=value` as written, with where its name and value start.
struct DOTAttribute: Hashable, Sendable {
    var name: String
    var value: String
    var nameAt: DOTPosition
    var valueAt: DOTPosition
}

/// The statements of a DOT file that ``DOTImporter`` reads.
struct DOTFile: Sendable {
    enum Statement: Sendable {
        /// `graph [...]` or `name=value` at the top level.
        case graphAttributes([DOTAttribute], at: DOTPosition)
        case node(id: String, at: DOTPosition, attributes: [DOTAttribute])
        /// One edge; a chain `a -> b -> c [...]` gives one per arrow, each with the attributes.
        case edge(from: String, fromAt: DOTPosition, to: String, toAt: DOTPosition, attributes: [DOTAttribute])
    }

    /// The id after `digraph`, if any.
    var name: String?
    var start: DOTPosition
    var statements: [Statement]
}

/// A DOT syntax error, or a DOT construct the data importer does not read.
struct DOTSyntaxError: Error, Sendable {
    var message: String
    var at: DOTPosition
    var notes: [String] = []
}

/// Parses the subset of DOT (https://graphviz.org/doc/info/lang.html) that carries graph data:
/// one `digraph` of node statements, edge statements (`->`, chains allowed) and graph
/// attributes (`graph [...]`, `name=value`), with attribute lists `[a=1, b="x"; c=2]`.
///
/// Ids are bare words, numerals or double-quoted strings (joined with `+`); in quoted strings
/// `\"`, `\\`, `\n` and `\r` stand for the characters, `\u` and four hex digits for a control
/// character (C0, DEL, C1; as ``DOTDataWriter`` escapes them), a backslash before a line break
/// continues the line, and any other backslash is kept. Comments (`//`, `/* */`, and lines starting with
/// `#`) are skipped. Undirected and `strict` graphs, `node [...]` / `edge [...]` defaults,
/// subgraphs, ports and HTML-like `<...>` values are refused with their position, and so is a
/// statement with more than ``InputLimits/maximumDOTAttributes`` attributes. The parser is a
/// loop over tokens without recursion, linear in the text.
struct DOTParser {
    static let keywords: Set<String> = ["node", "edge", "graph", "digraph", "subgraph", "strict"]

    enum Token: Equatable {
        case id(String, quoted: Bool)
        case leftBrace, rightBrace, leftBracket, rightBracket, equals, semicolon, comma, colon, plus
        case arrow, undirectedEdge
        case end

        var display: String {
            switch self {
            case .id(let text, let quoted): quoted ? "\"\(text)\"" : "'\(text)'"
            case .leftBrace: "'{'"
            case .rightBrace: "'}'"
            case .leftBracket: "'['"
            case .rightBracket: "']'"
            case .equals: "'='"
            case .semicolon: "';'"
            case .comma: "','"
            case .colon: "':'"
            case .plus: "'+'"
            case .arrow: "'->'"
            case .undirectedEdge: "'--'"
            case .end: "the end of the file"
            }
        }

        func isKeyword(_ word: String) -> Bool {
            if case .id(let text, false) = self { return text.lowercased() == word }
            return false
        }
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var atLineStart = true
    private var peeked: (Token, DOTPosition)?

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func parse(_ text: String) throws(DOTSyntaxError) -> DOTFile {
        var parser = DOTParser(text: text)
        return try parser.file()
    }

    // MARK: Grammar

    mutating func file() throws(DOTSyntaxError) -> DOTFile {
        var (token, at) = try next()
        if token.isKeyword("strict") {
            throw DOTSyntaxError(message: "strict graphs merge parallel edges; supply graphs keep them", at: at, notes: ["remove 'strict'"])
        }
        if token.isKeyword("graph") {
            throw DOTSyntaxError(message: "undirected graph: flows have a direction", at: at, notes: ["write 'digraph' and '->'"])
        }
        guard token.isKeyword("digraph") else {
            throw DOTSyntaxError(message: "expected 'digraph', found \(token.display)", at: at)
        }
        let start = at
        (token, at) = try next()
        var name: String?
        if case .id = token {
            name = try id(token)
            (token, at) = try next()
        }
        guard token == .leftBrace else { throw DOTSyntaxError(message: "expected '{', found \(token.display)", at: at) }
        var statements: [DOTFile.Statement] = []
        while true {
            (token, at) = try next()
            switch token {
            case .rightBrace:
                let (after, afterAt) = try next()
                guard after == .end else { throw DOTSyntaxError(message: "unexpected \(after.display) after the end of the graph", at: afterAt) }
                return DOTFile(name: name, start: start, statements: statements)
            case .semicolon:
                continue
            case .end:
                throw DOTSyntaxError(message: "the file ends inside the graph", at: at, notes: ["close the graph with '}'"])
            default:
                statements += try statement(token, at: at)
            }
        }
    }

    private mutating func statement(_ token: Token, at: DOTPosition) throws(DOTSyntaxError) -> [DOTFile.Statement] {
        if token.isKeyword("graph") {
            return [.graphAttributes(try attributeLists(required: true), at: at)]
        }
        if token.isKeyword("node") || token.isKeyword("edge") {
            throw DOTSyntaxError(
                message: "default attributes ('\(token.isKeyword("node") ? "node" : "edge") [...]') are not read", at: at,
                notes: ["give each node and edge its own attributes"])
        }
        if token.isKeyword("subgraph") || token == .leftBrace {
            throw DOTSyntaxError(message: "subgraphs are not read", at: at, notes: ["list nodes and edges at the top level"])
        }
        if token.isKeyword("digraph") {
            throw DOTSyntaxError(message: "unexpected 'digraph' inside the graph", at: at)
        }
        guard case .id = token else { throw DOTSyntaxError(message: "expected a node, an edge or an attribute, found \(token.display)", at: at) }
        let first = try id(token)
        let (following, followingAt) = try peek()
        switch following {
        case .equals:
            _ = try next()
            let (valueToken, valueAt) = try next()
            guard case .id = valueToken else { throw DOTSyntaxError(message: "expected a value after '=', found \(valueToken.display)", at: valueAt) }
            let value = try id(valueToken)
            return [.graphAttributes([DOTAttribute(name: first, value: value, nameAt: at, valueAt: valueAt)], at: at)]
        case .colon:
            throw DOTSyntaxError(message: "ports ('node:port') are not read", at: followingAt)
        case .undirectedEdge:
            throw DOTSyntaxError(message: "undirected edge '--' in a digraph", at: followingAt, notes: ["write '->'"])
        case .arrow:
            var ends = [(first, at)]
            while try peek().0 == .arrow {
                _ = try next()
                let (endToken, endAt) = try next()
                if endToken == .leftBrace || endToken.isKeyword("subgraph") {
                    throw DOTSyntaxError(message: "subgraphs are not read", at: endAt, notes: ["write one edge per pair of nodes"])
                }
                guard case .id = endToken, !isReserved(endToken) else {
                    throw DOTSyntaxError(message: "expected a node after '->', found \(endToken.display)", at: endAt)
                }
                ends.append((try id(endToken), endAt))
                if try peek().0 == .colon { throw DOTSyntaxError(message: "ports ('node:port') are not read", at: try peek().1) }
            }
            if try peek().0 == .undirectedEdge { throw DOTSyntaxError(message: "undirected edge '--' in a digraph", at: try peek().1, notes: ["write '->'"]) }
            let attributes = try attributeLists(required: false)
            return zip(ends, ends.dropFirst()).map { pair in
                .edge(from: pair.0.0, fromAt: pair.0.1, to: pair.1.0, toAt: pair.1.1, attributes: attributes)
            }
        default:
            return [.node(id: first, at: at, attributes: try attributeLists(required: false))]
        }
    }

    private func isReserved(_ token: Token) -> Bool {
        Self.keywords.contains { token.isKeyword($0) }
    }

    /// `[a=1, b=2] [c=3]`; with `required`, at least one list.
    private mutating func attributeLists(required: Bool) throws(DOTSyntaxError) -> [DOTAttribute] {
        var attributes: [DOTAttribute] = []
        if required, try peek().0 != .leftBracket {
            let (token, at) = try next()
            throw DOTSyntaxError(message: "expected '[' after 'graph', found \(token.display)", at: at)
        }
        while try peek().0 == .leftBracket {
            _ = try next()
            while true {
                let (token, at) = try next()
                if token == .rightBracket { break }
                guard case .id = token else {
                    throw DOTSyntaxError(message: "expected an attribute name or ']', found \(token.display)", at: at)
                }
                let name = try id(token)
                let (equals, equalsAt) = try next()
                guard equals == .equals else {
                    throw DOTSyntaxError(message: "expected '=' after attribute '\(name)', found \(equals.display)", at: equalsAt)
                }
                let (valueToken, valueAt) = try next()
                guard case .id = valueToken else {
                    throw DOTSyntaxError(message: "expected a value for '\(name)', found \(valueToken.display)", at: valueAt)
                }
                if attributes.count >= InputLimits.maximumDOTAttributes {
                    throw DOTSyntaxError(message: "more than \(InputLimits.maximumDOTAttributes) attributes in one statement", at: at)
                }
                attributes.append(DOTAttribute(name: name, value: try id(valueToken), nameAt: at, valueAt: valueAt))
                let separator = try peek().0
                if separator == .comma || separator == .semicolon { _ = try next() }
            }
        }
        return attributes
    }

    /// The text of an id token, joining `"a" + "b"`.
    private mutating func id(_ token: Token) throws(DOTSyntaxError) -> String {
        guard case .id(var text, let quoted) = token else { return "" }
        guard quoted else { return text }
        while try peek().0 == .plus {
            _ = try next()
            let (part, at) = try next()
            guard case .id(let more, true) = part else {
                throw DOTSyntaxError(message: "expected a quoted string after '+', found \(part.display)", at: at)
            }
            text += more
        }
        return text
    }

    // MARK: Tokens

    private mutating func peek() throws(DOTSyntaxError) -> (Token, DOTPosition) {
        if let peeked { return peeked }
        let token = try scan()
        peeked = token
        return token
    }

    private mutating func next() throws(DOTSyntaxError) -> (Token, DOTPosition) {
        if let token = peeked {
            peeked = nil
            return token
        }
        return try scan()
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func lookahead(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
    private var position: DOTPosition { DOTPosition(line: line, column: column) }

    private mutating func advance() {
        guard let scalar = current else { return }
        index += 1
        if scalar == "\n" {
            line += 1
            column = 1
            atLineStart = true
        } else {
            column += 1
            if scalar != " " && scalar != "\t" && scalar != "\r" { atLineStart = false }
        }
    }

    /// Skips white space and comments.
    private mutating func skipTrivia() throws(DOTSyntaxError) {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{FEFF}" {
                advance()
            } else if scalar == "#" && atLineStart {
                while let c = current, c != "\n" { advance() }
            } else if scalar == "/" && lookahead(1) == "/" {
                while let c = current, c != "\n" { advance() }
            } else if scalar == "/" && lookahead(1) == "*" {
                let start = position
                advance(); advance()
                while true {
                    guard let c = current else { throw DOTSyntaxError(message: "unterminated comment", at: start, notes: ["close it with '*/'"]) }
                    if c == "*" && lookahead(1) == "/" { advance(); advance(); break }
                    advance()
                }
            } else {
                return
            }
        }
    }

    private mutating func scan() throws(DOTSyntaxError) -> (Token, DOTPosition) {
        try skipTrivia()
        let start = position
        guard let scalar = current else { return (.end, start) }
        if let token = Self.punctuation(scalar) {
            advance()
            return (token, start)
        }
        if scalar == "-" && lookahead(1) == ">" { advance(); advance(); return (.arrow, start) }
        if scalar == "-" && lookahead(1) == "-" { advance(); advance(); return (.undirectedEdge, start) }
        if scalar == "\"" { return (try quoted(), start) }
        if scalar == "<" {
            throw DOTSyntaxError(message: "HTML-like values ('<...>') are not read", at: start, notes: ["write the value as a quoted string"])
        }
        if scalar == "-" || scalar == "." || ("0"..."9").contains(scalar) { return (try numeral(), start) }
        if DOTText.isIdentifierScalar(scalar) {
            var text = ""
            while let c = current, DOTText.isIdentifierScalar(c) {
                text.unicodeScalars.append(c)
                advance()
            }
            return (.id(text, quoted: false), start)
        }
        throw DOTSyntaxError(message: "unexpected character '\(scalar.escaped(asASCII: false))'", at: start)
    }

    private static func punctuation(_ scalar: Unicode.Scalar) -> Token? {
        switch scalar {
        case "{": .leftBrace
        case "}": .rightBrace
        case "[": .leftBracket
        case "]": .rightBracket
        case "=": .equals
        case ";": .semicolon
        case ",": .comma
        case ":": .colon
        case "+": .plus
        default: nil
        }
    }

    /// `-?(.[0-9]+ | [0-9]+(.[0-9]*)?)`, not followed by a letter.
    private mutating func numeral() throws(DOTSyntaxError) -> Token {
        let start = position
        var text = ""
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
        if current == "-" { text += "-"; advance() }
        var digits = 0
        while isDigit(current) { text.unicodeScalars.append(current!); advance(); digits += 1 }
        if current == "." {
            text += "."
            advance()
            while isDigit(current) { text.unicodeScalars.append(current!); advance(); digits += 1 }
        }
        guard digits > 0 else { throw DOTSyntaxError(message: "expected a number after '\(text)'", at: start) }
        if let c = current, DOTText.isIdentifierScalar(c) || c == "." {
            throw DOTSyntaxError(message: "'\(text)' runs into '\(c.escaped(asASCII: false))': an id cannot start with a digit", at: start,
                                 notes: ["quote it: \"\(text)\(c.escaped(asASCII: false))...\""])
        }
        return .id(text, quoted: false)
    }

    private mutating func quoted() throws(DOTSyntaxError) -> Token {
        let start = position
        advance()
        var text = ""
        while true {
            guard let c = current else {
                throw DOTSyntaxError(message: "unterminated string", at: start, notes: ["close it with '\"'"])
            }
            advance()
            if c == "\"" { return .id(text, quoted: true) }
            guard c == "\\", let escaped = current else {
                text.unicodeScalars.append(c)
                continue
            }
            switch escaped {
            case "\"": text += "\""; advance()
            case "\\": text += "\\"; advance()
            case "n": text += "\n"; advance()
            case "r": text += "\r"; advance()
            case "\n": advance()
            case "\r" where lookahead(1) == "\n": advance(); advance()
            case "u":
                // `\u001B`: a control character the data writer escaped; any other `\u` stays.
                let digits = (1...4).compactMap { lookahead($0) }.map { Character($0) }
                if digits.count == 4, digits.allSatisfy(\.isHexDigit), let value = UInt32(String(digits), radix: 16),
                   let control = Unicode.Scalar(value), value < 0x20 || (0x7F...0x9F).contains(value)
                {
                    text.unicodeScalars.append(control)
                    for _ in 0..<5 { advance() }
                } else {
                    text += "\\"
                }
            default: text += "\\"
            }
        }
    }
}
