import Foundation
import MineralGraphCore

/// The state of one import of production tables: the rows read from every table and the
/// diagnostics met (ProductionTableImporter describes the layouts and rules).
struct ProductionTableReader {
    typealias Marker = ProductionTableVocabulary.Marker

    enum Subject: Hashable {
        case country(CountryCode)
        case otherCountries
        case worldTotal
    }

    /// Why a figure is on its basis, for the header comment.
    enum BasisReason: Hashable, Comparable {
        /// The unit names it (`t Co content`).
        case unit(String)
        /// The mineral's name in the table names it (`Lithium (Li2O)`).
        case name(String)
        /// `--basis`.
        case option(String)
        /// The catalogue's meaning of plain tonnes for the mineral.
        case catalogue

        var sentence: String {
            switch self {
            case .unit(let text): "stated by the unit '\(text)'"
            case .name(let text): "stated by the mineral's name '\(text)'"
            case .option(let text): "given as \(text) for the import"
            case .catalogue: "what plain tonnes of this mineral mean (catalogue)"
            }
        }
    }

    /// One figure of a table.
    struct Row {
        var file: String
        var line: Int
        var mineral: MineralInfo
        var stage: Stage
        var subject: Subject
        var year: Int
        /// Tonnes on `basis`; `nil` when withheld.
        var tonnes: Double?
        var basis: QuantityBasis
        var basisReason: BasisReason
        /// The unit's scale symbol (`kt`) and tonnes per unit (1,000).
        var scale: String
        var tonnesPerUnit: Double
        var sourceText: String?
        var quantityAt: SourceLocation
        /// Markers of the figure or its year column (USGS `e`, `r`, `p`).
        var markers: Set<Marker>
        /// World Mining Data's `data_source` `e` or `p` for the row.
        var dataSourceMarker: Marker?
        /// The figure's cell was empty (read as `--blank` says).
        var blank: Bool
    }

    /// A figure column of a table: the `quantity` column of a long table or a year column of a
    /// wide one.
    struct FigureColumn {
        var index: Int
        var year: Int?
        var stage: Stage?
        var marker: Marker?
        var unit: String?
        var headerAt: SourceLocation
    }

    /// What the header of one table says.
    struct Layout {
        var file: String
        var columns: [String: Int] = [:]
        var figures: [FigureColumn] = []
        var wide = false
        var worldMiningData = false
        var headerCount = 0
        /// The mineral when no column gives it: `--mineral` or the table's name.
        var mineral: (info: MineralInfo, basis: QuantityBasis?, text: String)?
        /// Year columns left out by `--year`.
        var skippedYears: [Int] = []
    }

    struct MarketKey: Hashable, Comparable {
        let mineral: MineralID, stage: Stage, year: Int
        static func < (a: MarketKey, b: MarketKey) -> Bool { (a.mineral, a.stage, a.year) < (b.mineral, b.stage, b.year) }
    }

    /// The residual derived from a total (METHODS §1.4), with where it comes from.
    struct DerivedResidual {
        var key: MarketKey
        var tonnes: Double
        var basis: QuantityBasis
        var total: Double
        var listed: Double
        var withheld: Int
        var file: String
        var line: Int
        /// Half a unit of the total's third significant digit when the table rounds its totals
        /// (USGS: three significant digits; World Mining Data's totals are sums): the residual
        /// is known to ± this (METHODS §11.1); 0 otherwise.
        var totalRounding: Double
    }

    let importer: ProductionTableImporter
    var diagnostics: [Diagnostic] = []
    /// "Did you mean" searches left for these tables (only the first findings are printed).
    let hints = SuggestionBudget()
    /// Errors added through `error(_:_:_:notes:)`, for the stop after ``ProductionTableImporter/maximumErrors``.
    var errorCount = 0
    var rows: [Row] = []
    var layouts: [Layout] = []
    var residuals: [DerivedResidual] = []
    /// Totals within the rounding tolerance of the listed rows, per file.
    var roundingTotals: [String: Int] = [:]
    /// Where each figure (mineral, stage, year, subject) was first given, for duplicate errors.
    private var seen: [String: (file: String, line: Int)] = [:]
    private var repeated: [String: (index: Int, count: Int)] = [:]
    private var unitCache: [String: Result<ProductionUnit, ProductionUnit.ParseError>] = [:]
    private var optionStage: Stage??
    private var optionMineral: (info: MineralInfo, basis: QuantityBasis?)??
    private var optionBasisFits = false

    init(importer: ProductionTableImporter) {
        self.importer = importer
    }

    // MARK: Diagnostics

    mutating func error(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, notes: [String] = []) {
        errorCount += 1
        diagnostics.append(Diagnostic(.error, code, message, at: location, notes: notes))
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, notes: [String] = []) {
        diagnostics.append(Diagnostic(.warning, code, message, at: location, notes: notes))
    }

    /// An error given once per `key`; later occurrences are counted in a note.
    mutating func errorOnce(_ key: String, _ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, notes: [String] = []) {
        if let entry = repeated[key] {
            repeated[key] = (entry.index, entry.count + 1)
            return
        }
        repeated[key] = (diagnostics.count, 0)
        error(code, message, location, notes: notes)
    }

    // MARK: Options

    /// `--stage`, read once; `nil` when not given or not a stage (reported).
    mutating func stageOption() -> Stage? {
        if let cached = optionStage { return cached }
        var stage: Stage?
        if let text = importer.stage {
            stage = ProductionTableVocabulary.stages[ProductionTableVocabulary.normalize(text)]
            if stage == nil {
                error(.unknownStage, "unknown stage '\(text)' given for the import", nil,
                      notes: ["stages: mining (mine, extraction), processing (refinery, refining, smelter), manufacturing"])
            }
        }
        optionStage = .some(stage)
        return stage
    }

    /// `--mineral`, read once; `nil` when not given or not known (reported).
    mutating func mineralOption() -> (info: MineralInfo, basis: QuantityBasis?)? {
        if let cached = optionMineral { return cached }
        var mineral: (info: MineralInfo, basis: QuantityBasis?)?
        if let text = importer.mineral {
            mineral = MineralNames.resolve(text)
            if mineral == nil {
                error(.unknownMineral, "unknown mineral '\(text)' given for the import", nil, notes: mineralHints(text))
            }
        }
        optionMineral = .some(mineral)
        return mineral
    }

    /// `--basis` for `mineral`: the basis when it fits the mineral, else `nil`.
    mutating func basisOption(for mineral: MineralInfo) -> QuantityBasis? {
        guard let text = importer.basis else { return nil }
        let basis: QuantityBasis?
        switch BasisWords.claim(text, unit: text, mineral: mineral) {
        case .success(let found): basis = found ?? QuantityBasis.parse(text, mineral: mineral.id)
        case .failure: basis = nil
        }
        guard let basis, BasisWords.problem(basis, for: mineral) == nil else { return nil }
        optionBasisFits = true
        return basis
    }

    func mineralHints(_ text: String) -> [String] {
        let hints = self.hints.suggestions { MineralNames.suggestions(for: text) }
        return hints.isEmpty ? ["known minerals: " + MineralCatalog.all.map(\.id.rawValue).joined(separator: ", ")]
            : ["did you mean " + hints.map { "'\($0)'" }.joined(separator: ", ") + "?"]
    }

    // MARK: Reading a table

    func at(_ file: String, _ position: CSVRecord.Position) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    mutating func read(file: String, records: [CSVRecord]) {
        guard let header = records.first else {
            error(.emptyTable, "the table is empty", SourceLocation(file: file, line: 1, column: 1),
                  notes: ["expected a header such as mineral,stage,country,year,quantity,unit or Country,2018,2019,…,unit"])
            return
        }
        guard let layout = readHeader(header, file: file) else { return }
        layouts.append(layout)
        let before = rows.count
        for record in records.dropFirst() {
            // A table of garbage stops here: each unknown name is looked up among every spelling.
            if errorCount >= ProductionTableImporter.maximumErrors {
                error(.tooManyErrors, "stopped after \(ProductionTableImporter.maximumErrors) errors", SourceLocation(file: file, line: record.line, column: 1),
                      notes: ["fix these first; the rest of the table was not read"])
                return
            }
            readRecord(record, layout)
        }
        if rows.count == before && !diagnostics.contains(where: { $0.severity == .error && $0.location?.file == file }) {
            error(.noRows, "the table has a header but no rows", SourceLocation(file: file, line: header.line, column: 1))
        }
    }

    /// Column names and what they are for.
    static let columnNames: [String: String] = [
        "mineral": "mineral", "commodity": "mineral", "stage": "stage", "country": "country", "countries": "country",
        "country name": "country", "quantity": "quantity", "year": "year", "unit": "unit", "units": "unit",
        "source": "source", "data source": "data_source", "country iso": "country_iso", "iso": "country_iso",
        "iso3": "country_iso", "country code": "country_code",
    ]

    mutating func readHeader(_ header: CSVRecord, file: String) -> Layout? {
        var layout = Layout(file: file)
        layout.headerCount = header.count
        let known = Array(Set(Self.columnNames.keys)).sorted()
        var years: [Int: Int] = [:]
        var quantityUnit: String?
        for index in 0..<header.count {
            let position = at(file, header.position(of: index))
            let text = header[index].trimmingCharacters()
            let (name, unit) = ProductionTableVocabulary.splitUnit(text)
            if let role = Self.columnNames[ProductionTableVocabulary.normalize(name)] {
                if let first = layout.columns[role] {
                    error(.duplicateColumn, "column '\(text)' appears twice", position, notes: ["first as column \(first + 1)"])
                    continue
                }
                layout.columns[role] = index
                if role == "quantity" { quantityUnit = unit }
            } else if let year = ProductionTableVocabulary.yearHeader(text) {
                if let first = years[year.year] {
                    error(.duplicateColumn, "year \(year.year) appears twice", position, notes: ["first as column \(first + 1)"])
                    continue
                }
                years[year.year] = index
                if let wanted = importer.defaultYear, wanted != year.year {
                    layout.skippedYears.append(year.year)
                } else {
                    layout.figures.append(FigureColumn(index: index, year: year.year, stage: year.stage, marker: year.marker, unit: year.unit, headerAt: position))
                }
            } else {
                let hint = hints.suggestions { ClosestMatches.best(for: name.lowercased(), among: known, limit: 1) }.first
                warning(.ignoredColumn, "column '\(text)' is not used", position,
                        notes: hint.map { ["did you mean '\($0)'?"] } ?? ["columns: country, quantity, mineral, stage, year, unit, source; or years: 2018, Mine production 2023, 2024e"])
            }
        }
        layout.wide = !years.isEmpty
        layout.worldMiningData = layout.wide && (layout.columns["data_source"] != nil || layout.columns["country_iso"] != nil)
        let headerAt = SourceLocation(file: file, line: header.line, column: 1)
        if layout.wide {
            if let quantity = layout.columns["quantity"] {
                error(.mixedLayout, "the table has both a 'quantity' column and year columns", at(file, header.position(of: quantity)),
                      notes: ["a long table has one quantity column (and a year column); a wide table has one column per year"])
                return nil
            }
            if let year = layout.columns["year"] {
                error(.mixedLayout, "the table has both a 'year' column and year columns", at(file, header.position(of: year)),
                      notes: ["a wide table takes the year from each column's header"])
                return nil
            }
            if layout.figures.isEmpty {
                error(.missingYear, "the table has no column for year \(importer.defaultYear!), the year asked for", headerAt,
                      notes: ["years in the table: " + years.keys.sorted().map(String.init).joined(separator: ", ")])
                return nil
            }
        } else if let quantity = layout.columns["quantity"] {
            layout.figures = [FigureColumn(index: quantity, year: nil, stage: nil, marker: nil, unit: quantityUnit,
                                           headerAt: at(file, header.position(of: quantity)))]
        }
        var missing = ["country"].filter { layout.columns[$0] == nil }
        if !layout.wide && layout.columns["quantity"] == nil { missing.append("quantity") }
        if !missing.isEmpty {
            error(.missingColumns, "the header lacks the column\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", "), headerAt,
                  notes: ["long layout: country, quantity and mineral, stage, year, unit, source; wide layout: country and one column per year (2018, Mine production 2023, 2024e)"])
            return nil
        }
        if !layout.wide && layout.columns["year"] == nil && importer.defaultYear == nil {
            error(.missingYear, "the table has no 'year' column", headerAt, notes: ["add a year column or give the year of the figures"])
            return nil
        }
        // The mineral when no column names it: the one given, else the table's name.
        if layout.columns["mineral"] == nil {
            if let option = mineralOption() {
                layout.mineral = (option.info, option.basis, importer.mineral!)
            } else if importer.mineral == nil {
                let name = tableName(file)
                if let found = MineralNames.resolve(name) {
                    layout.mineral = (found.info, found.basis, name)
                } else {
                    error(.missingMineral, "the table has no 'mineral' column and its name '\(name)' is not a mineral", headerAt,
                          notes: ["add a mineral column, give the mineral, or name the file after the mineral (Cobalt.csv, Lithium_(Li2O).csv)"]
                            + mineralHints(name))
                    return nil
                }
            } else {
                return nil // the given mineral is reported
            }
        }
        // The stage when neither a column nor the year headers name it.
        if layout.columns["stage"] == nil && layout.figures.contains(where: { $0.stage == nil }) && stageOption() == nil
            && !layout.worldMiningData {
            if importer.stage != nil { return nil } // reported
            error(.missingStage, "the table names no stage", headerAt,
                  notes: ["add a stage column, name it in the year headers (Mine production 2023, Refinery production 2023), or give the stage (mining, processing, manufacturing)"])
            return nil
        }
        return layout
    }

    /// The table's name: the file name without directory and extension, underscores as spaces.
    func tableName(_ file: String) -> String {
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return stem.replacingOccurrences(of: "_", with: " ")
    }

    /// Field `role` of `record` and where it starts; an empty string past the end of a short row.
    func field(_ role: String, of record: CSVRecord, _ layout: Layout) -> (text: String, at: SourceLocation)? {
        guard let index = layout.columns[role] else { return nil }
        return field(index, of: record, layout)
    }

    func field(_ index: Int, of record: CSVRecord, _ layout: Layout) -> (text: String, at: SourceLocation) {
        if index < record.count { return (record[index].trimmingCharacters(), at(layout.file, record.position(of: index))) }
        return ("", at(layout.file, record.position(of: record.count - 1)))
    }

    /// What a row's fields other than its figures say: mineral, stage, country, year, unit,
    /// source and World Mining Data's `data_source`.
    struct RowFields {
        var mineral: (info: MineralInfo, basis: QuantityBasis?, text: String)
        var stage: Stage?
        var stageAt: SourceLocation?
        var subject: Subject
        var year: Int?
        var unitField: (text: String, at: SourceLocation)?
        var sourceText: String?
        var dataSourceMarker: Marker?
    }

    /// One row of a table: its fields, then each of its figures (one per figure column).
    mutating func readRecord(_ record: CSVRecord, _ layout: Layout) {
        if record.count > layout.headerCount {
            error(.extraFields, "the row has \(record.count) fields but the header names \(layout.headerCount)",
                  at(layout.file, record.position(of: layout.headerCount)), notes: ["quote fields that contain commas: \"Korea, Republic of\""])
            return
        }
        if record.fields.allSatisfy({ $0.trimmingCharacters().isEmpty }) { return }
        guard let fields = readRowFields(record, layout) else { return }
        for column in layout.figures { readFigure(column, of: record, layout, fields) }
    }

    /// The row's fields other than its figures; `nil` (with the errors reported) when one is wrong.
    mutating func readRowFields(_ record: CSVRecord, _ layout: Layout) -> RowFields? {
        var failed = false
        let mineral = readRowMineral(record, layout, failed: &failed)
        let (stage, stageAt) = readRowStage(record, layout, failed: &failed)
        // Country, "Other countries" or "World total"
        let subject = readSubject(field("country", of: record, layout)!, record: record, layout)
        if subject == nil { failed = true }
        let year = readRowYear(record, layout, failed: &failed)
        let sourceText = field("source", of: record, layout).map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        let dataSourceMarker = readDataSource(record, layout)
        guard !failed, let mineral, let subject else { return nil }
        return RowFields(
            mineral: mineral, stage: stage, stageAt: stageAt, subject: subject, year: year, unitField: field("unit", of: record, layout),
            sourceText: sourceText, dataSourceMarker: dataSourceMarker)
    }

    /// Mineral: the `mineral` column, else the table's (`--mineral` or its name).
    mutating func readRowMineral(_ record: CSVRecord, _ layout: Layout, failed: inout Bool) -> (info: MineralInfo, basis: QuantityBasis?, text: String)? {
        guard let mineralField = field("mineral", of: record, layout) else { return layout.mineral }
        if mineralField.text.isEmpty {
            error(.missingMineral, "the row has no mineral", mineralField.at)
        } else if let found = MineralNames.resolve(mineralField.text) {
            return (found.info, found.basis, mineralField.text)
        } else {
            error(.unknownMineral, "unknown mineral '\(mineralField.text)'", mineralField.at, notes: mineralHints(mineralField.text))
        }
        failed = true
        return nil
    }

    /// Stage: a `stage` column (else each figure column's header, `--stage` or World Mining
    /// Data's mining, in ``readFigure(_:of:_:_:)``).
    mutating func readRowStage(_ record: CSVRecord, _ layout: Layout, failed: inout Bool) -> (Stage?, SourceLocation?) {
        guard let stageField = field("stage", of: record, layout) else { return (nil, nil) }
        let stage = ProductionTableVocabulary.stages[ProductionTableVocabulary.normalize(stageField.text)]
        if stage == nil {
            let words = ProductionTableVocabulary.stages.keys.sorted()
            let hint = hints.suggestions { ClosestMatches.best(for: stageField.text, among: words, limit: 1) }.first
            error(.unknownStage, stageField.text.isEmpty ? "the row has no stage" : "unknown stage '\(stageField.text)'", stageField.at,
                  notes: (hint.map { ["did you mean '\($0)' (\(ProductionTableVocabulary.stages[$0]!.rawValue))?"] } ?? [])
                    + ["stages: mining (mine, extraction), processing (refinery, refining, smelter), manufacturing"])
            failed = true
        }
        return (stage, stageField.at)
    }

    /// Year of a long table (`--year` for an empty cell); a wide table's years are its columns'.
    mutating func readRowYear(_ record: CSVRecord, _ layout: Layout, failed: inout Bool) -> Int? {
        guard let yearField = field("year", of: record, layout) else { return importer.defaultYear }
        if let value = Int(yearField.text), (1900...2100).contains(value) { return value }
        if yearField.text.isEmpty, let fallback = importer.defaultYear { return fallback }
        error(.badYear, yearField.text.isEmpty ? "the row has no year" : "year '\(yearField.text)' is not a year between 1900 and 2100", yearField.at)
        failed = true
        return nil
    }

    /// World Mining Data's `data_source`: `e` estimated, `p` preliminary, `r` reported.
    mutating func readDataSource(_ record: CSVRecord, _ layout: Layout) -> Marker? {
        guard let dataSource = field("data_source", of: record, layout) else { return nil }
        switch dataSource.text.lowercased() {
        case "e": return .estimated
        case "p": return .preliminary
        case "r", "", "nan": return nil
        default:
            warning(.unknownDataSource, "data_source '\(dataSource.text)' is not r (reported), e (estimated) or p (preliminary)", dataSource.at)
            return nil
        }
    }

    /// One figure of a row: its stage and year, unit, scale, basis and quantity, recorded as a
    /// ``Row`` unless it repeats one.
    mutating func readFigure(_ column: FigureColumn, of record: CSVRecord, _ layout: Layout, _ fields: RowFields) {
        let file = layout.file
        guard let stage = fields.stage ?? column.stage ?? stageOption() ?? (layout.worldMiningData ? .mining : nil),
              let year = column.year ?? fields.year else { return }
        if let rowStage = fields.stage, let headerStage = column.stage, rowStage != headerStage {
            error(.stageConflict, "the row's stage is \(rowStage.rawValue) but its column's header says \(headerStage.rawValue)",
                  fields.stageAt, notes: ["column header at \(column.headerAt)"])
            return
        }
        let cell = field(column.index, of: record, layout)
        guard let (unitText, unitAt) = figureUnit(column, fields, cell: cell, file: file),
              let parsed = readUnit(unitText, at: unitAt, mineral: fields.mineral.info, file: file),
              let (tonnesPerUnit, scale) = unitScale(parsed, unitText, at: unitAt, file: file),
              let (basis, reason) = figureBasis(parsed, fields.mineral, unitText, at: unitAt, file: file),
              let (tonnes, blank, markers) = figureQuantity(cell, column, tonnesPerUnit: tonnesPerUnit)
        else { return }
        recordFigure(Row(
            file: file, line: record.line, mineral: fields.mineral.info, stage: stage, subject: fields.subject, year: year, tonnes: tonnes,
            basis: basis, basisReason: reason, scale: scale, tonnesPerUnit: tonnesPerUnit, sourceText: fields.sourceText,
            quantityAt: cell.at, markers: markers, dataSourceMarker: fields.dataSourceMarker, blank: blank))
    }

    /// Unit: the unit column's cell, else the figure column's header, else plain tonnes; `nil`
    /// when the cell and the header name different units.
    mutating func figureUnit(
        _ column: FigureColumn, _ fields: RowFields, cell: (text: String, at: SourceLocation), file: String
    ) -> (String, SourceLocation)? {
        if let unitField = fields.unitField, !unitField.text.isEmpty {
            if let headerUnit = column.unit, headerUnit != unitField.text {
                let a = unit(headerUnit, mineral: fields.mineral.info), b = unit(unitField.text, mineral: fields.mineral.info)
                if case .success(let x) = a, case .success(let y) = b, x.measure != y.measure || x.basis != y.basis {
                    errorOnce("unit-conflict|\(file)|\(column.index)|\(unitField.text)", .unitConflict,
                              "the unit '\(unitField.text)' differs from the column header's '\(headerUnit)'", unitField.at,
                              notes: ["column header at \(column.headerAt)"])
                    return nil
                }
            }
            return (unitField.text, unitField.at)
        }
        if let headerUnit = column.unit { return (headerUnit, column.headerAt) }
        return ("", cell.at)
    }

    /// Tonnes per unit and the scale's description; a volume needs `--density`.
    mutating func unitScale(_ parsed: ProductionUnit, _ unitText: String, at unitAt: SourceLocation, file: String) -> (Double, String)? {
        switch parsed.measure {
        case .mass(let factor):
            return (factor, parsed.symbol)
        case .volume(let cubicMetres):
            guard let density = importer.density, density > 0 else {
                errorOnce("volume|\(file)|\(unitText)", .volumeUnit,
                          "unit '\(unitText)' is a volume; graph figures are tonnes", unitAt,
                          notes: ["converting a volume to tonnes needs a density in kg/m3, which the table does not give (a density given for the import is recorded in the graph's header comment)"])
                return nil
            }
            return (cubicMetres * density / 1_000, "\(parsed.symbol) at \(NumberFormatting.compact(density, decimals: 4)) kg/m3 (the density given)")
        }
    }

    /// Basis: the unit's, else the name's, else `--basis`, else the catalogue's plain tonnes.
    mutating func figureBasis(
        _ parsed: ProductionUnit, _ mineral: (info: MineralInfo, basis: QuantityBasis?, text: String), _ unitText: String,
        at unitAt: SourceLocation, file: String
    ) -> (QuantityBasis, BasisReason)? {
        if let stated = parsed.basis {
            if let named = mineral.basis, named != stated {
                errorOnce("basis-conflict|\(file)|\(unitText)|\(mineral.text)", .basisConflict,
                          "unit '\(unitText)' is in \(stated.code) but the mineral's name '\(mineral.text)' says \(named.code)", unitAt,
                          notes: ["state one basis: fix the unit or the name"])
                return nil
            }
            return (stated, .unit(parsed.text))
        }
        if let named = mineral.basis { return (named, .name(mineral.text)) }
        if let option = basisOption(for: mineral.info) { return (option, .option(importer.basis!)) }
        if let bare = mineral.info.bareTonnesBasis { return (bare, .catalogue) }
        let choices = BasisWords.choices(for: mineral.info)
        errorOnce("ambiguous-basis|\(file)|\(mineral.info.id)|\(unitText)", .ambiguousBasis,
                  "plain tonnes\(unitText.isEmpty ? "" : " ('\(unitText)')") of \(mineral.info.name.lowercased()) do not say what they measure",
                  unitAt,
                  notes: ["sources report \(mineral.info.name.lowercased()) as " + choices.joined(separator: ", ")
                          + ": write the unit as one of them, or give the basis of plain tonnes: "
                          + mineral.info.bases.filter { $0 != .gross }.map { $0 == .element ? (mineral.info.element ?? "element") : $0.code }.joined(separator: "|")])
        return nil
    }

    /// Figure: the cell's tonnes (`nil` when withheld or blank read as withheld), whether it
    /// was blank, and its markers and its column's.
    mutating func figureQuantity(
        _ cell: (text: String, at: SourceLocation), _ column: FigureColumn, tonnesPerUnit: Double
    ) -> (Double?, Bool, Set<Marker>)? {
        let (quantity, cellMarker) = ProductionTableVocabulary.quantity(cell.text)
        let markers = Set([cellMarker, column.marker].compactMap { $0 })
        switch quantity {
        case .value(let value):
            if value < 0 {
                error(.negativeQuantity, "quantity \(cell.text) is negative", cell.at)
                return nil
            }
            return (Self.scaled(value, by: tonnesPerUnit), false, markers)
        case .withheld:
            return (nil, false, markers)
        case .blank:
            return (importer.blankCells == .zero ? 0 : nil, true, markers)
        case .invalid:
            error(.badQuantity, "quantity '\(cell.text)' is not a number", cell.at,
                  notes: ["write numbers like 170000 or 170,000 (a marker e, r or p may follow); W or NA for a withheld figure; 0 or -- for zero; a blank cell is read as \(importer.blankCells.rawValue)"])
            return nil
        }
    }

    /// Records a figure, unless a row already gave it; warns of a withheld one.
    mutating func recordFigure(_ row: Row) {
        let key = "\(row.mineral.id)|\(row.stage)|\(row.year)|\(row.subject)"
        if let first = seen[key] {
            errorCount += 1
            diagnostics.append(Diagnostic(
                .error, .duplicateRow, "a second row for \(describe(row))", at: SourceLocation(file: row.file, line: row.line, column: 1),
                notes: [Diagnostic.Note("first given here", at: SourceLocation(file: first.file, line: first.line, column: 1))]))
            return
        }
        seen[key] = (row.file, row.line)
        rows.append(row)
        guard row.tonnes == nil else { return }
        switch row.subject {
        case .country:
            warning(.withheld, "\(row.blank ? "blank" : "withheld") figure for \(describe(row)): listed without a quantity", row.quantityAt,
                    notes: ["concentration figures for \(row.mineral.id) \(row.stage.rawValue) \(row.year) will be marked incomplete"]
                        + (row.blank ? ["a blank cell is withheld by default; read blank cells as zero if the table leaves zero production blank"] : []))
        case .otherCountries:
            warning(.withheld, "no figure for 'Other countries' (\(row.mineral.id) \(row.stage.rawValue) \(row.year))", row.quantityAt)
        case .worldTotal:
            break
        }
    }

    /// `value × factor`, rounded to 12 significant digits when scaled, so that conversions are
    /// free of binary noise (12.9 kt → 12,900 t, not 12,900.000000000002).
    static func scaled(_ value: Double, by factor: Double) -> Double {
        guard factor != 1, value != 0 else { return value }
        let product = value * factor
        // Divide or multiply by an exact power of ten, so that round figures stay round.
        let digits = 11 - Int((log10(abs(product))).rounded(.down))
        if digits >= 0 {
            let scale = pow(10, Double(digits))
            return (product * scale).rounded() / scale
        }
        let scale = pow(10, Double(-digits))
        return (product / scale).rounded() * scale
    }

    /// The subject of a row: a country (by name, else World Mining Data's `Country_ISO`), the
    /// "Other countries" residual or the total.
    mutating func readSubject(_ countryField: (text: String, at: SourceLocation), record: CSVRecord, _ layout: Layout) -> Subject? {
        let normalized = ProductionTableVocabulary.normalize(countryField.text)
        if ProductionTableVocabulary.otherCountries.contains(normalized) { return .otherCountries }
        if ProductionTableVocabulary.worldTotal.contains(normalized) { return .worldTotal }
        let iso = field("country_iso", of: record, layout).flatMap { field -> Country? in
            let code = field.text
            guard code.count == 3, code.allSatisfy({ $0.isUppercase && $0.isLetter }) else { return nil }
            return CountryTable.country(CountryCode(code))
        }
        if let country = CountryTable.resolve(countryField.text) {
            if let iso, iso.code != country.code {
                let key = "iso-mismatch|\(layout.file)|\(countryField.text)"
                if repeated[key] == nil {
                    repeated[key] = (diagnostics.count, 0)
                    warning(.countryCodeMismatch,
                            "'\(countryField.text)' is \(country.code) (\(country.name)), but the table's ISO code says \(iso.code) (\(iso.name)); the name is used",
                            countryField.at)
                }
            }
            return .country(country.code)
        }
        if let iso { return .country(iso.code) }
        if countryField.text.isEmpty {
            error(.missingCountry, "the row has no country", countryField.at)
            return nil
        }
        let hints = self.hints.suggestions { CountryTable.suggestions(for: countryField.text) }
        error(.unknownCountry, "unknown country '\(countryField.text)'", countryField.at,
              notes: hints.isEmpty ? ["use an ISO 3166-1 code or an English name such as 'Congo (Kinshasa)'"]
                : ["closest matches: " + hints.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")])
        return nil
    }

    mutating func unit(_ text: String, mineral: MineralInfo) -> Result<ProductionUnit, ProductionUnit.ParseError> {
        let key = "\(mineral.id)|\(text)"
        if let cached = unitCache[key] { return cached }
        let result = text.isEmpty
            ? .success(ProductionUnit(text: "t", scaleText: "t", symbol: "t", measure: .mass(tonnesPerUnit: 1), basis: nil, qualifier: nil))
            : ProductionUnit.parse(text, mineral: mineral)
        unitCache[key] = result
        return result
    }

    /// The unit, or `nil` after reporting why it cannot be read (once per file, text and mineral).
    mutating func readUnit(_ text: String, at location: SourceLocation, mineral: MineralInfo, file: String) -> ProductionUnit? {
        switch unit(text, mineral: mineral) {
        case .success(let parsed): return parsed
        case .failure(let problem):
            errorOnce("unit|\(file)|\(mineral.id)|\(text)", .unknownUnit, problem.message, location, notes: problem.notes)
            return nil
        }
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

    // MARK: Finishing

    /// Notes on repeated errors, the `--basis` check, and the totals.
    mutating func finish() {
        for (_, entry) in repeated where entry.count > 0 {
            diagnostics[entry.index].notes.append("the same on \(entry.count) more row\(entry.count == 1 ? "" : "s") or column\(entry.count == 1 ? "" : "s")")
        }
        if let text = importer.basis, !optionBasisFits, !rows.isEmpty,
           !rows.contains(where: { if case .option = $0.basisReason { return true } else { return false } }) {
            let fitsSome = Set(rows.map(\.mineral.id)).contains { id in
                MineralCatalog.info(id).map { info in
                    (try? BasisWords.claim(text, unit: text, mineral: info).get()).flatMap { $0 }.map { BasisWords.problem($0, for: info) == nil } ?? false
                } ?? false
            }
            if !fitsSome {
                error(.unknownBasis, "the basis \(text) given for the import is not a basis of " + Set(rows.map(\.mineral.id.rawValue)).sorted().joined(separator: ", "), nil,
                      notes: ["bases: element, gross, or a compound such as " + Compound.all.map(\.code).joined(separator: ", ")])
            }
        }
        checkTotals()
    }

    /// Checks each total against its listed rows (warning beyond the tolerance) and derives the
    /// residual where the table has no "Other countries" row and the total exceeds the listed
    /// rows by more than the rounding tolerance (METHODS §1.4).
    mutating func checkTotals() {
        var groups: [MarketKey: [Row]] = [:]
        for row in rows { groups[MarketKey(mineral: row.mineral.id, stage: row.stage, year: row.year), default: []].append(row) }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            guard let world = group.first(where: { $0.subject == .worldTotal }), let worldTonnes = world.tonnes else { continue }
            let listed = group.filter { $0.subject != .worldTotal }
            // Listed figures on the total's basis; a figure that cannot be converted leaves the check out.
            let converted = listed.compactMap { row in row.tonnes.flatMap { tonnes in row.basis.factor(to: world.basis).map { tonnes * $0 } } }
            guard converted.count == listed.filter({ $0.tonnes != nil }).count else { continue }
            let sum = converted.reduce(0, +)
            let withheld = listed.filter { $0.tonnes == nil }.count
            let unit = world.basis.unitLabel(for: key.mineral)
            guard worldTonnes > 0 else {
                if sum > 0 { warning(.worldTotalMismatch, "'World total' is 0 but the rows sum to \(grouped(sum)) \(unit)", world.quantityAt) }
                continue
            }
            let ratio = sum / worldTonnes
            if abs(ratio - 1) > importer.worldTotalTolerance + 1e-9 {
                warning(.worldTotalMismatch,
                    "the rows for \(key.mineral) \(key.stage.rawValue) \(key.year) sum to \(grouped(sum)) \(unit), \(NumberFormatting.compact(ratio * 100, decimals: 1)) % of the World total \(grouped(worldTonnes)) \(unit)",
                    world.quantityAt,
                    notes: (withheld > 0 ? ["\(withheld) withheld figure\(withheld == 1 ? " is" : "s are") not in the sum"] : [])
                        + ["totals are rounded (USGS: three significant digits); beyond \(NumberFormatting.compact(importer.worldTotalTolerance * 100)) % a row is probably missing or mistyped"]
                        + (listed.contains { $0.subject == .otherCountries } || ratio > 1 ? [] : ["the difference is kept as the 'other countries' residual"]))
            }
            guard !listed.contains(where: { $0.subject == .otherCountries }) else { continue }
            let gap = worldTonnes - sum
            if gap > ProductionTableImporter.roundingTolerance * worldTonnes {
                let roundsTotals = !(layouts.first { $0.file == world.file }?.worldMiningData ?? false)
                residuals.append(DerivedResidual(
                    key: key, tonnes: (gap * 1e6).rounded() / 1e6,
                    basis: world.basis, total: worldTonnes, listed: sum, withheld: withheld, file: world.file, line: world.line,
                    totalRounding: roundsTotals ? Self.roundingHalfUnit(worldTonnes) : 0))
            } else if abs(gap) > 1e-9 * worldTonnes {
                roundingTotals[world.file, default: 0] += 1
            }
        }
    }

    /// Half a unit of the third significant digit of `total` (230,000 → 500): how far a total
    /// rounded to three significant digits may be from the sum it rounds.
    static func roundingHalfUnit(_ total: Double) -> Double {
        guard total > 0 else { return 0 }
        return 0.5 * pow(10, (log10(total)).rounded(.down) - 2)
    }

    func grouped(_ value: Double) -> String { NumberFormatting.grouped(value, decimals: value == value.rounded() ? 0 : 3) }
}
