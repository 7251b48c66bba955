import Foundation
import MineralGraphCore

/// A graph made from production tables, with the warnings met on the way.
public struct ProductionTableImport: Sendable {
    public var graph: SupplyGraph
    /// Comment lines (with `#`) describing the import, for the top of the graph file: the
    /// layouts read, the basis of every mineral's figures and why, every scale conversion,
    /// markers stripped, blank and withheld cells, totals checked and residuals derived.
    public var headerComment: [String]
    /// Withheld figures, total mismatches, ignored columns.
    public var warnings: [Diagnostic]
    /// The first table's text, for rendering warnings.
    public var text: String
    /// Every table's text by file name.
    public var texts: [String: String]
}

/// Imports production tables (USGS Mineral Commodity Summaries, World Mining Data, BGS) into a
/// graph with one node per country and stage (DATA-FORMATS.md, "Production tables";
/// docs/production-tables.md).
///
/// Layouts (recognised from the header; names case-insensitive, any order):
/// - **Long**: one figure per row, columns `country`, `quantity` and `mineral`, `stage`, `year`,
///   `unit`, `source`.
/// - **Wide**: one row per country, years as columns: `2018,2019,…` (World Mining Data),
///   `Mine production 2023`, `2024e`, `Refinery production 2023 (kt)` (USGS; the header may
///   carry the stage, an estimate marker and the unit). World Mining Data's `Country_Code`,
///   `Country_ISO` and `data_source` columns are read too.
///
/// The mineral comes from a `mineral` column, else ``mineral`` (`--mineral`), else the table's
/// name (the file name without extension, underscores as spaces: `Lithium_(Li2O).csv` is
/// lithium on Li₂O). The stage comes from a `stage` column, the year header, ``stage``
/// (`--stage`), or is mining for World Mining Data tables.
///
/// - `country`: ISO alpha-3 or alpha-2 code or an English name as USGS or World Mining Data
///   print it ("Congo (Kinshasa)", "Burma", "Congo, D.R."); World Mining Data's `Country_ISO`
///   is used when the name is not known. A row named "Other countries" becomes the graph's
///   `other_countries` residual; "World total" or "Total" is not a producer but is checked
///   against the sum of the rows (warning beyond ``worldTotalTolerance``), and when the table
///   has no "Other countries" row and the total exceeds the listed rows by more than the
///   rounding tolerance of METHODS §1.4 (0.5 %), the difference becomes the residual.
/// - figures: numbers ("170,000" with thousands separators is fine) with optional USGS markers
///   `e`, `r`, `p` (stripped and counted); "W" or "NA" is withheld (an output without a
///   quantity: the concentration passes list it as missing and mark the figure incomplete); a
///   blank cell is withheld or zero as ``blankCells`` says; `0`, "--", "—" and "–" are zero.
/// - units: ``ProductionUnit``'s grammar (`t`, `metr. t`, `kt`, `kg`, `t Co content`,
///   `t Li2O`, `t REO equivalent` …), from a `unit` column or the quantity column's header.
///
/// Bases: figures are stored on the basis the source gives them, with `basis:` in the graph
/// file where it is not the mineral's reference basis. A unit that names no basis takes it from
/// the mineral's name in the table (`Lithium (Li2O)`), else ``basis`` (`--basis`), else the
/// catalogue's `MineralInfo.bareTonnesBasis`; where all are silent (lithium) it is an error
/// that names the choices. Every conversion made (scale only: kt → t, kg → t, ct → t) and the
/// basis of every mineral with its reason are recorded in the header comment.
///
/// Errors (unknown mineral, stage or country with the closest matches, non-numeric or negative
/// quantity, ambiguous unit, duplicate rows) are diagnostics with `file:line:column`.
public struct ProductionTableImporter: Sendable {
    /// What an empty cell means.
    public enum BlankCells: String, CaseIterable, Sendable {
        /// Unknown, like "W": listed without a quantity (the default).
        case withheld
        /// Zero production.
        case zero
    }

    /// Name of the graph; by default the file's name without extension ("production" for
    /// several files).
    public var graphName: String?
    /// Year of rows when the table gives none; in a wide table, the one year column to import.
    public var defaultYear: Int?
    /// Relative difference between the listed rows and "World total" above which a warning is given.
    public var worldTotalTolerance: Double
    /// The mineral of tables without a `mineral` column (`--mineral`), possibly with its basis
    /// (`Lithium (Li2O)`).
    public var mineral: String?
    /// The stage of figures whose table names none (`--stage`).
    public var stage: String?
    /// The basis of plain units where the mineral's name gives none (`--basis`: `Li2O`, `LCE`,
    /// `element`, `gross` …); applied to the minerals that can have it.
    public var basis: String?
    /// What an empty figure cell means (`--blank`).
    public var blankCells: BlankCells
    /// Kilograms per cubic metre for figures given as a volume (natural gas in `Mio m3`,
    /// `--density`); without it a volume is an error, since graphs hold tonnes.
    public var density: Double?

    /// Gap between a total and the listed rows read as rounding, not as unlisted production
    /// (METHODS §1.4: shares within 0.005 of 1).
    public static let roundingTolerance = 0.005

    /// Errors after which a table stops being read (each unknown name is looked up among every
    /// known spelling for suggestions, so a table of garbage would otherwise take long).
    public static let maximumErrors = 1_000

    public static let requiredColumns = ["country", "quantity"]
    public static let optionalColumns = ["mineral", "stage", "year", "unit", "source"]

    public init(
        graphName: String? = nil, defaultYear: Int? = nil, worldTotalTolerance: Double = 0.02,
        mineral: String? = nil, stage: String? = nil, basis: String? = nil, blankCells: BlankCells = .withheld,
        density: Double? = nil
    ) {
        self.graphName = graphName
        self.defaultYear = defaultYear
        self.worldTotalTolerance = worldTotalTolerance
        self.mineral = mineral
        self.stage = stage
        self.basis = basis
        self.blankCells = blankCells
        self.density = density
    }

    /// Imports the table at `path` (`-` for standard input).
    public func read(contentsOf path: String) throws(DiagnosticError) -> ProductionTableImport {
        try read(contentsOf: [path])
    }

    /// Imports the tables at `paths` into one graph (`-` for standard input).
    public func read(contentsOf paths: [String]) throws(DiagnosticError) -> ProductionTableImport {
        var tables: [(file: String, bytes: [UInt8])] = []
        var problems: [Diagnostic] = []
        for path in paths {
            do {
                // Whole, but at most InputLimits' table size (standard input included).
                tables.append((path == "-" ? "<stdin>" : path, [UInt8](try TextFile.bytes(path, limit: InputLimits.maximumTableBytes))))
            } catch {
                problems.append(Diagnostic(.error, .unreadable, "\(path): \(error)", at: nil))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(diagnostics: problems, text: nil) }
        return try read(tables: tables)
    }

    /// Imports table bytes; `file` names the table in diagnostics and gives the default graph
    /// name and the table name.
    public func read(bytes: [UInt8], file: String) throws(DiagnosticError) -> ProductionTableImport {
        try read(tables: [(file, bytes)])
    }

    /// Imports several tables into one graph; a figure given twice (same mineral, stage, year
    /// and country) is an error naming both places.
    public func read(tables: [(file: String, bytes: [UInt8])]) throws(DiagnosticError) -> ProductionTableImport {
        var reader = ProductionTableReader(importer: self)
        var texts: [String: String] = [:]
        var firstText = ""
        for (index, table) in tables.enumerated() {
            if let problem = TextFile.encodingProblem(table.bytes) {
                reader.diagnostics.append(Diagnostic(.error, .notUtf8, "\(table.file): \(problem)", at: nil))
                continue
            }
            guard var text = String(bytes: table.bytes, encoding: .utf8) else {
                reader.diagnostics.append(Diagnostic(.error, .notUtf8, "\(table.file): the file is not UTF-8 text", at: nil))
                continue
            }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            texts[table.file] = text
            if index == 0 { firstText = text }
            do {
                reader.read(file: table.file, records: try CSVParser.records(in: table.bytes))
            } catch {
                reader.diagnostics.append(Diagnostic(
                    .error, .csvSyntax, error.message, at: SourceLocation(file: table.file, line: error.line, column: error.column)))
            }
        }
        reader.finish()
        let order = Dictionary(tables.enumerated().map { ($0.element.file, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let diagnostics = reader.diagnostics.enumerated().sorted { a, b in
            let (la, lb) = (a.element.location, b.element.location)
            return (order[la?.file ?? ""] ?? -1, la?.line ?? 0, la?.column ?? 0, a.offset)
                < (order[lb?.file ?? ""] ?? -1, lb?.line ?? 0, lb?.column ?? 0, b.offset)
        }.map(\.element)
        let multi = tables.count > 1 ? texts : [:]
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticError(diagnostics: diagnostics, text: firstText, texts: multi)
        }
        let builder = ProductionGraphBuilder(reader: reader, files: tables.map(\.file))
        return ProductionTableImport(
            graph: builder.graph().replacingControlCharacters(), headerComment: builder.headerComment(), warnings: diagnostics, text: firstText, texts: texts)
    }
}
