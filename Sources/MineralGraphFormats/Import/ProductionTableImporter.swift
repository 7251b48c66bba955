import Foundation
import MineralGraphCore

/// Reading a production table failed; every problem found is listed, in file order.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// Errors, and the warnings found before the import gave up.
    public var diagnostics: [Diagnostic]
    /// The file's text, for rendering source lines under the messages.
    public var text: String?

    public init(diagnostics: [Diagnostic], text: String?) {
        self.diagnostics = diagnostics
        self.text = text
    }

    public var description: String { DiagnosticRenderer(text: text).render(diagnostics) }
}

/// A graph made from a production table, with the warnings met on the way.
public struct ProductionTableImport: Sendable {
    public var graph: SupplyGraph
    /// Comment lines (with `#`) describing the import, for the top of the graph file.
    public var headerComment: [String]
    /// Withheld figures, World-total mismatches, ignored columns.
    public var warnings: [Diagnostic]
    /// The table's text, for rendering warnings.
    public var text: String
}

/// Imports a production table (USGS Mineral Commodity Summaries, World Mining Data, BGS) into a
/// graph with one node per country and stage (DATA-FORMATS.md, "Production tables").
///
/// The table is CSV with a header naming the columns `mineral`, `stage`, `country`, `quantity`
/// and optionally `year`, `unit`, `source` (names case-insensitive, any order; other columns
/// are ignored with a warning).
/// - `stage`: mining (mine, extraction), processing (refinery, refining, smelter),
///   manufacturing.
/// - `country`: ISO alpha-3 or alpha-2 code or an English name as USGS or World Mining Data
///   print it ("Congo (Kinshasa)", "Burma", "Korea, Republic of"). A row named "Other
///   countries" becomes the graph's `other_countries` residual; "World total" is not a
///   producer but is checked against the sum of the rows (warning beyond 2 %, since USGS
///   rounds totals to three significant digits).
/// - `quantity`: a number ("170,000" with thousands separators is fine); blank, "W" or "NA" is
///   a withheld figure, imported as an output without a quantity (the concentration passes list
///   it as missing and mark the figure incomplete); `0` and "--" are zero.
/// - `unit`: t (default), kt, Mt or kg, optionally followed by the basis ("t Co"); lithium in
///   "t Li" (lithium content, as USGS reports it) is converted to t LCE (× 5.323).
/// - `year`: required unless the importer has a `defaultYear`; the graph's year is the latest.
/// - `source`: free text citing the table; each distinct text becomes one graph source.
///
/// Every figure is stored as `contained_tonnes` of the mineral's catalogue basis (METHODS §0).
/// Errors (unknown mineral, stage or country with the closest matches, non-numeric or negative
/// quantity, duplicate rows, control characters in the source column) are diagnostics with
/// `file:line:column`; reading stops after ``maximumErrors``. The table is read whole, at most
/// ``InputLimits/maximumTableBytes``, with ``InputLimits``' limits on fields and record length.
/// Control characters that reach the graph's text otherwise (the file's name as the graph's
/// name) become U+FFFD (``SupplyGraph/replacingControlCharacters()``).
public struct ProductionTableImporter: Sendable {
    /// Name of the graph; by default the file's name without extension.
    public var graphName: String?
    /// Year of rows when the table has no `year` column.
    public var defaultYear: Int?
    /// Relative difference between the listed rows and "World total" above which a warning is given.
    public var worldTotalTolerance: Double

    /// Errors after which the import stops reading rows (each unknown name is looked up among
    /// every known spelling for suggestions, so a table of garbage would otherwise take long).
    public static let maximumErrors = 1_000

    public static let requiredColumns = ["mineral", "stage", "country", "quantity"]
    public static let optionalColumns = ["year", "unit", "source"]

    public init(graphName: String? = nil, defaultYear: Int? = nil, worldTotalTolerance: Double = 0.02) {
        self.graphName = graphName
        self.defaultYear = defaultYear
        self.worldTotalTolerance = worldTotalTolerance
    }

    /// Imports the table at `path` (`-` for standard input).
    public func read(contentsOf path: String) throws(ImportError) -> ProductionTableImport {
        let data: Data
        do {
            data = try TextFile.bytes(path, limit: InputLimits.maximumTableBytes)
        } catch {
            throw ImportError(diagnostics: [Diagnostic(.error, "unreadable", "\(path): \(error)", at: nil)], text: nil)
        }
        return try read(bytes: [UInt8](data), file: path == "-" ? "<stdin>" : path)
    }

    /// Imports table bytes; `file` names the table in diagnostics and gives the default graph name.
    public func read(bytes: [UInt8], file: String) throws(ImportError) -> ProductionTableImport {
        if let problem = TextFile.encodingProblem(bytes) {
            throw ImportError(diagnostics: [Diagnostic(.error, "not-utf8", "\(file): \(problem)", at: nil)], text: nil)
        }
        guard var text = String(bytes: bytes, encoding: .utf8) else {
            throw ImportError(diagnostics: [Diagnostic(.error, "not-utf8", "\(file): the file is not UTF-8 text", at: nil)], text: nil)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: bytes)
        } catch {
            throw ImportError(
                diagnostics: [Diagnostic(.error, "csv-syntax", error.message, at: SourceLocation(file: file, line: error.line, column: error.column))],
                text: text)
        }
        var run = ImportRun(file: file, importer: self)
        run.process(records)
        let diagnostics = run.diagnostics.enumerated().sorted { a, b in
            let (la, lb) = (a.element.location, b.element.location)
            return (la?.line ?? 0, la?.column ?? 0, a.offset) < (lb?.line ?? 0, lb?.column ?? 0, b.offset)
        }.map(\.element)
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw ImportError(diagnostics: diagnostics, text: text)
        }
        return ProductionTableImport(graph: run.graph().replacingControlCharacters(), headerComment: run.headerComment(), warnings: diagnostics, text: text)
    }
}

/// The state of one import: parsed rows and diagnostics.
private struct ImportRun {
    enum Subject: Hashable {
        case country(CountryCode)
        case otherCountries
        case worldTotal
    }

    struct Row {
        var line: Int
        var mineral: MineralInfo
        var stage: Stage
        var subject: Subject
        var year: Int
        /// Tonnes of the mineral's basis; `nil` when withheld.
        var tonnes: Double?
        var sourceText: String?
        var quantityAt: SourceLocation
        var unit: ProductionTableVocabulary.Unit
    }

    struct GroupKey: Hashable, Comparable {
        let mineral: MineralID, stage: Stage, year: Int
        static func < (a: GroupKey, b: GroupKey) -> Bool { (a.mineral, a.stage, a.year) < (b.mineral, b.stage, b.year) }
    }

    let file: String
    let importer: ProductionTableImporter
    var diagnostics: [Diagnostic] = []
    var rows: [Row] = []
    var columns: [String: Int] = [:]
    var headerCount = 0
    var errorCount = 0
    /// "Did you mean" searches left for this table.
    let hints = SuggestionBudget()

    init(file: String, importer: ProductionTableImporter) {
        self.file = file
        self.importer = importer
    }

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    mutating func error(_ code: String, _ message: String, _ location: SourceLocation, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, code, message, at: location, notes: notes))
        errorCount += 1
    }

    mutating func warning(_ code: String, _ message: String, _ location: SourceLocation, notes: [String] = []) {
        diagnostics.append(Diagnostic(.warning, code, message, at: location, notes: notes))
    }

    // MARK: Reading

    mutating func process(_ records: [CSVRecord]) {
        guard let header = records.first else {
            error("empty-table", "the table is empty", at(1, 1),
                  notes: ["expected a header: " + (ProductionTableImporter.requiredColumns + ProductionTableImporter.optionalColumns).joined(separator: ",")])
            return
        }
        guard readHeader(header) else { return }
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            if errorCount >= ProductionTableImporter.maximumErrors {
                error("too-many-errors", "stopped after \(ProductionTableImporter.maximumErrors) errors", at(record.line, 1),
                      notes: ["the rows from here on were not checked; fix the errors above and import again"])
                break
            }
            guard let row = readRow(record) else { continue }
            let key = "\(row.mineral.id)|\(row.stage)|\(row.year)|\(row.subject)"
            if let first = seen[key] {
                error("duplicate-row", "a second row for \(describe(row))", at(record.line, 1), notes: ["first given on line \(first)"])
                continue
            }
            seen[key] = record.line
            rows.append(row)
        }
        if rows.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
            error("no-rows", "the table has a header but no rows", at(header.line, 1))
        }
        checkWorldTotals()
    }

    mutating func readHeader(_ header: CSVRecord) -> Bool {
        let known = ProductionTableImporter.requiredColumns + ProductionTableImporter.optionalColumns
        headerCount = header.count
        for index in 0..<header.count {
            let name = header[index].trimmingCharacters().lowercased()
            let position = header.position(of: index)
            if let first = columns[name] {
                error("duplicate-column", "column '\(name)' appears twice", at(position.line, position.column),
                      notes: ["first as column \(first + 1)"])
            } else if known.contains(name) {
                columns[name] = index
            } else {
                let hint = hints.suggestions { ClosestMatches.best(for: name, among: known, limit: 1) }.first
                warning("ignored-column", "column '\(header[index])' is not used", at(position.line, position.column),
                        notes: hint.map { ["did you mean '\($0)'?"] } ?? ["columns: " + known.joined(separator: ", ")])
            }
        }
        let missing = ProductionTableImporter.requiredColumns.filter { columns[$0] == nil }
        if !missing.isEmpty {
            error("missing-columns", "the header lacks the column\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", "),
                  at(header.line, 1), notes: ["required: " + ProductionTableImporter.requiredColumns.joined(separator: ", ")
                    + "; optional: " + ProductionTableImporter.optionalColumns.joined(separator: ", ")])
            return false
        }
        if columns["year"] == nil && importer.defaultYear == nil {
            error("missing-year", "the table has no 'year' column", at(header.line, 1), notes: ["add a year column or pass --year"])
            return false
        }
        return true
    }

    /// Field `name` of `record` and where it starts; an empty string past the end of a short row.
    func field(_ name: String, of record: CSVRecord) -> (text: String, at: SourceLocation)? {
        guard let index = columns[name] else { return nil }
        if index < record.count {
            let position = record.position(of: index)
            return (record[index].trimmingCharacters(), at(position.line, position.column))
        }
        let last = record.position(of: record.count - 1)
        return ("", at(last.line, last.column))
    }

    mutating func readRow(_ record: CSVRecord) -> Row? {
        if record.count > headerCount {
            let extra = record.position(of: headerCount)
            error("extra-fields", "the row has \(record.count) fields but the header names \(headerCount)", at(extra.line, extra.column),
                  notes: ["quote fields that contain commas: \"Korea, Republic of\""])
            return nil
        }
        var failed = false
        // Mineral
        let mineralField = field("mineral", of: record)!
        var mineral: MineralInfo?
        if mineralField.text.isEmpty {
            error("missing-mineral", "the row has no mineral", mineralField.at)
            failed = true
        } else if let info = MineralCatalog.resolve(mineralField.text) {
            mineral = info
        } else {
            let hints = self.hints.suggestions { MineralCatalog.suggestions(for: mineralField.text) }
            error("unknown-mineral", "unknown mineral '\(mineralField.text)'", mineralField.at,
                  notes: hints.isEmpty ? ["known minerals: " + MineralCatalog.all.map(\.id.rawValue).joined(separator: ", ")]
                    : ["did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?"])
            failed = true
        }
        // Stage
        let stageField = field("stage", of: record)!
        let stage = ProductionTableVocabulary.stages[ProductionTableVocabulary.normalize(stageField.text)]
        if stage == nil {
            let words = ProductionTableVocabulary.stages.keys.sorted()
            let hint = hints.suggestions { ClosestMatches.best(for: stageField.text, among: words, limit: 1) }.first
            error("unknown-stage", stageField.text.isEmpty ? "the row has no stage" : "unknown stage '\(stageField.text)'", stageField.at,
                  notes: (hint.map { ["did you mean '\($0)' (\(ProductionTableVocabulary.stages[$0]!.rawValue))?"] } ?? [])
                    + ["stages: mining (mine, extraction), processing (refinery, refining, smelter), manufacturing"])
            failed = true
        }
        // Country, "Other countries" or "World total"
        let countryField = field("country", of: record)!
        let normalizedCountry = ProductionTableVocabulary.normalize(countryField.text)
        var subject: Subject?
        if ProductionTableVocabulary.otherCountries.contains(normalizedCountry) {
            subject = .otherCountries
        } else if ProductionTableVocabulary.worldTotal.contains(normalizedCountry) {
            subject = .worldTotal
        } else if let country = CountryTable.resolve(countryField.text) {
            subject = .country(country.code)
        } else if countryField.text.isEmpty {
            error("missing-country", "the row has no country", countryField.at)
            failed = true
        } else {
            let hints = self.hints.suggestions { CountryTable.suggestions(for: countryField.text) }
            error("unknown-country", "unknown country '\(countryField.text)'", countryField.at,
                  notes: hints.isEmpty ? ["use an ISO 3166-1 code or an English name such as 'Congo (Kinshasa)'"]
                    : ["closest matches: " + hints.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")])
            failed = true
        }
        // Year
        var year = importer.defaultYear
        if let yearField = field("year", of: record) {
            if let value = Int(yearField.text), (1900...2100).contains(value) {
                year = value
            } else if yearField.text.isEmpty, let fallback = importer.defaultYear {
                year = fallback
            } else {
                error("bad-year", yearField.text.isEmpty ? "the row has no year" : "year '\(yearField.text)' is not a year between 1900 and 2100", yearField.at)
                failed = true
            }
        }
        // Unit
        var unit = ProductionTableVocabulary.Unit(tonnesPerUnit: 1, basisFactor: 1, text: "t", conversion: nil)
        if let unitField = field("unit", of: record), let mineral {
            switch ProductionTableVocabulary.unit(unitField.text, mineral: mineral) {
            case .success(let parsed): unit = parsed
            case .failure(let problem):
                error("unknown-unit", problem.message, unitField.at, notes: problem.notes)
                failed = true
            }
        }
        // Quantity
        let quantityField = field("quantity", of: record)!
        var tonnes: Double?
        switch ProductionTableVocabulary.quantity(quantityField.text) {
        case .value(let value):
            if value < 0 {
                error("negative-quantity", "quantity \(quantityField.text) is negative", quantityField.at)
                failed = true
            } else {
                let converted = value * unit.tonnesPerUnit * unit.basisFactor
                // Keep conversions free of binary noise (12.9 kt → 12900 t): round to the gram.
                tonnes = unit.conversion == nil ? value : (converted * 1e6).rounded() / 1e6
            }
        case .withheld:
            tonnes = nil
        case .invalid:
            error("bad-quantity", "quantity '\(quantityField.text)' is not a number", quantityField.at,
                  notes: ["write numbers like 170000 or 170,000; blank, W or NA for a withheld figure; 0 or -- for zero"])
            failed = true
        }
        let sourceField = field("source", of: record)
        let sourceText = sourceField.map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        if let sourceField, let control = sourceField.text.unicodeScalars.first(where: { GraphValidator.refusesControlCharacter($0) }) {
            error("control-character", "the source contains the control character \(GraphValidator.describeControlCharacter(control))",
                  sourceField.at, notes: ["text may hold tabs and line breaks (LF), but no other control character"])
            failed = true
        }
        guard !failed, let mineral, let stage, let subject, let year else { return nil }
        let row = Row(
            line: record.line, mineral: mineral, stage: stage, subject: subject, year: year, tonnes: tonnes,
            sourceText: sourceText, quantityAt: quantityField.at, unit: unit)
        if tonnes == nil {
            switch subject {
            case .country:
                warning("withheld", "withheld figure for \(describe(row)): listed without a quantity", quantityField.at,
                        notes: ["concentration figures for \(mineral.id) \(stage.rawValue) \(year) will be marked incomplete"])
            case .otherCountries:
                warning("withheld", "no figure for 'Other countries' (\(mineral.id) \(stage.rawValue) \(year))", quantityField.at)
            case .worldTotal:
                break
            }
        }
        return row
    }

    func describe(_ row: Row) -> String {
        let who: String
        switch row.subject {
        case .country(let code): who = "\(code) (\(CountryTable.country(code)?.name ?? code.rawValue))"
        case .otherCountries: who = "'Other countries'"
        case .worldTotal: who = "'World total'"
        }
        return "\(who), \(row.mineral.id) \(row.stage.rawValue) \(row.year)"
    }

    // MARK: World totals

    mutating func checkWorldTotals() {
        var groups: [GroupKey: [Row]] = [:]
        for row in rows { groups[GroupKey(mineral: row.mineral.id, stage: row.stage, year: row.year), default: []].append(row) }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            guard let world = group.first(where: { $0.subject == .worldTotal }), let worldTonnes = world.tonnes else { continue }
            let listed = group.filter { $0.subject != .worldTotal }
            let sum = listed.compactMap(\.tonnes).reduce(0, +)
            let withheld = listed.filter { $0.tonnes == nil }.count
            guard worldTonnes > 0 else {
                if sum > 0 { warning("world-total-mismatch", "'World total' is 0 but the rows sum to \(grouped(sum)) t", world.quantityAt) }
                continue
            }
            let ratio = sum / worldTonnes
            if abs(ratio - 1) > importer.worldTotalTolerance + 1e-9 {
                warning(
                    "world-total-mismatch",
                    "the rows for \(key.mineral) \(key.stage.rawValue) \(key.year) sum to \(grouped(sum)) t, \(NumberFormatting.compact(ratio * 100, decimals: 1)) % of the World total \(grouped(worldTonnes)) t",
                    world.quantityAt,
                    notes: (withheld > 0 ? ["\(withheld) withheld figure\(withheld == 1 ? " is" : "s are") not in the sum"] : [])
                        + ["totals are rounded (USGS: three significant digits); beyond \(NumberFormatting.compact(importer.worldTotalTolerance * 100)) % a row is probably missing or mistyped"])
            }
        }
    }

    func grouped(_ value: Double) -> String { NumberFormatting.grouped(value, decimals: value == value.rounded() ? 0 : 3) }

    // MARK: Building the graph

    var years: [Int] { Set(rows.map(\.year)).sorted() }

    var graphName: String {
        if let name = importer.graphName { return name }
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return file == "<stdin>" || stem.isEmpty ? "production" : stem
    }

    var fileName: String { file == "<stdin>" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent }

    /// Source texts in order of first use, with their ids.
    func sources() -> [(text: String, reference: SourceReference)] {
        var result: [(String, SourceReference)] = []
        var usedIDs = Set<String>()
        for text in rows.compactMap(\.sourceText) where !result.contains(where: { $0.0 == text }) {
            // A URL in the text becomes the source's url; the rest is its title.
            let words = text.split(separator: " ", omittingEmptySubsequences: true)
            let url = words.first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }.map(String.init)
            var title = words.filter { String($0) != url }.joined(separator: " ")
            while let last = title.last, ";,:-–—(".contains(last) || last == " " { title.removeLast() }
            if title.isEmpty { title = url ?? text }
            let base = Self.slug(title)
            var id = base
            var counter = 2
            while !usedIDs.insert(id).inserted {
                id = "\(base)-\(counter)"
                counter += 1
            }
            result.append((text, SourceReference(id: id, title: title, url: url)))
        }
        return result
    }

    /// `USGS Minerals Yearbook 2015, Cobalt` → `usgs-minerals-yearbook-2015-cobalt` (at most 48 characters).
    static func slug(_ text: String) -> String {
        let words = ProductionTableVocabulary.normalize(text.decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { $0.properties.generalCategory != .nonspacingMark }.map(String.init).joined()).split(separator: " ")
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? String(word) : slug + "-" + word
            if next.count > 48 { break }
            slug = next
        }
        return slug.isEmpty ? "source" : slug
    }

    func graph() -> SupplyGraph {
        let multiYear = years.count > 1
        let latest = years.last ?? importer.defaultYear ?? 0
        let sourceList = sources()
        let sourceID = Dictionary(sourceList.map { ($0.text, $0.reference.id) }, uniquingKeysWith: { a, _ in a })

        struct NodeKey: Hashable, Comparable {
            let stage: Stage, country: CountryCode
            static func < (a: NodeKey, b: NodeKey) -> Bool { (a.stage, a.country) < (b.stage, b.country) }
        }
        var nodeRows: [NodeKey: [Row]] = [:]
        var otherRows: [Row] = []
        for row in rows {
            switch row.subject {
            case .country(let code): nodeRows[NodeKey(stage: row.stage, country: code), default: []].append(row)
            case .otherCountries: otherRows.append(row)
            case .worldTotal: break
            }
        }
        let nodes = nodeRows.keys.sorted().map { key -> Node in
            let group = nodeRows[key]!.sorted { ($0.mineral.id, $0.year) < ($1.mineral.id, $1.year) }
            let kind: NodeKind = switch key.stage {
            case .mining: .mine
            case .processing: .processor
            default: .manufacturer
            }
            let outputs = group.map { row in
                Output(mineral: row.mineral.id, year: multiYear ? row.year : nil, containedTonnes: row.tonnes)
            }
            let sourceIDs = Set(group.compactMap { $0.sourceText.flatMap { sourceID[$0] } }).sorted()
            let withheld = group.filter { $0.tonnes == nil }.map { "\($0.mineral.id) \($0.year)" }
            let countryName = CountryTable.country(key.country)?.name ?? key.country.rawValue
            return Node(
                id: "\(key.country.rawValue.lowercased())-\(key.stage.rawValue)", name: "\(countryName) (\(key.stage.rawValue))",
                kind: kind, country: key.country, outputs: outputs,
                source: sourceIDs.isEmpty ? nil : sourceIDs.joined(separator: "; "),
                notes: withheld.isEmpty ? nil : "Withheld in the source table: " + withheld.joined(separator: ", ") + ".")
        }
        let others = otherRows.sorted { ($0.mineral.id, $0.stage, $0.year) < ($1.mineral.id, $1.stage, $1.year) }.map { row in
            OtherCountries(
                mineral: row.mineral.id, stage: row.stage, year: multiYear ? row.year : nil, containedTonnes: row.tonnes,
                source: row.sourceText.flatMap { sourceID[$0] })
        }
        let minerals = Set(rows.map(\.mineral.id)).sorted().map(\.rawValue)
        return SupplyGraph(
            name: graphName, year: latest,
            description: "Production by country and stage (\(minerals.joined(separator: ", ")); "
                + (multiYear ? "\(years.first!)–\(latest)" : "\(latest)") + ") imported from the table \(fileName).",
            sources: sourceList.map(\.reference), nodes: nodes, otherCountries: others)
    }

    func headerComment() -> [String] {
        var lines = ["# Imported by `mineral-graph import production` from \(fileName)."]
        let minerals = Set(rows.map(\.mineral.id)).sorted()
        lines.append("# Quantities are contained tonnes: " + minerals.map { "\($0) in \(MineralCatalog.info($0)?.containedBasis ?? "t")" }.joined(separator: ", ") + ".")
        var conversions: [String: [Int]] = [:]
        for row in rows { if let conversion = row.unit.conversion { conversions[conversion, default: []].append(row.line) } }
        for conversion in conversions.keys.sorted() {
            lines.append("# Converted \(conversion) on line\(conversions[conversion]!.count == 1 ? "" : "s") \(Self.ranges(conversions[conversion]!)).")
        }
        let withheld = rows.filter { $0.tonnes == nil && $0.subject != .worldTotal }
        if !withheld.isEmpty {
            lines.append("# Withheld (no quantity; concentration marked incomplete): " + withheld.map { row -> String in
                let who: String = switch row.subject {
                case .country(let code): code.rawValue
                default: "other countries"
                }
                return "\(who) \(row.mineral.id) \(row.stage.rawValue) \(row.year)"
            }.joined(separator: "; ") + ".")
        }
        let worlds = rows.filter { $0.subject == .worldTotal }
        if !worlds.isEmpty {
            lines.append("# 'World total' rows are not producers; they were checked against the sum of the rows (tolerance \(NumberFormatting.compact(importer.worldTotalTolerance * 100)) %).")
        }
        return lines
    }

    /// `[3, 4, 5, 9]` → `3–5, 9`.
    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var start: Int?
        var previous: Int?
        for number in numbers.sorted() {
            if let p = previous, number == p + 1 { previous = number; continue }
            if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)–\(p)") }
            start = number
            previous = number
        }
        if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)–\(p)") }
        return parts.joined(separator: ", ")
    }
}
