import MineralGraphCore

/// The state of one trade import: header columns, caches from codes to table indices, the table
/// being built and the tallies of the summary. A class so that the parser's record closure can
/// update it without copying.
final class TradeRowSink {
    struct TooManyErrors: Error {}

    private let reader: TradeTableReader
    private let file: String
    private var diagnostics: [Diagnostic] = []
    private var errorLines = Set<Int>()

    private var source: TradeSource?
    private var headerCount = 0
    private var columns = Columns()
    private var builder = BilateralTradeTable.Builder()
    private var summary: TradeImportSummary
    private var selectedYear: Int?
    private var firstLineOfYear: [Int: Int] = [:]
    /// Rows of the selected year (counted apart from `summary.years` to keep the hot path short).
    private var selectedYearRows = 0
    /// The HS revision product codes are read in; settled by the header (BACI's file name) or the
    /// first row of the imported year (Comtrade's classification column).
    private var revision: HSRevision?
    private var revisionSettled = false
    /// The classification column's text that settled `revision` (Comtrade).
    private var revisionText = ""
    /// Rows that repeat an earlier row's key, as diagnostics whose column is filled in at the end.
    private var duplicateDiagnostics: [Int] = []

    /// Numeric country code → table index, or one of the sentinels below; -1 = not looked up.
    private var areaIndex = [Int32](repeating: -1, count: 1000)
    private static let world: Int32 = -2, aggregate: Int32 = -3, unknown: Int32 = -4
    /// Product key (digits and their count) → table index.
    private var productIndex: [Int: Int32] = [:]
    private var textProductIndex: [String: Int32] = [:]
    /// Per product index: mapped to a mineral, marked excluded, code padded, kept rows and value.
    private var productMapped: [Bool] = []
    private var productExcluded: [Bool] = []
    private var productPadded: [Bool] = []
    private var productTally: [TradeTally] = []
    private var productRowsWithoutTonnes: [Int] = []
    /// Comtrade: the other reporting side's figures per exporter, importer, product and year
    /// (`nil` where that side has two rows for one key: no mirror is recorded then).
    private var mirrors: [TradeMirrorKey: TradeMirror?] = [:]

    struct Columns {
        var year: Int?, period: Int?, exporter: Int?, importer: Int?, product: Int?, productName: Int?
        var value: Int?, quantity: Int?
        // Comtrade
        var reporter: Int?, reporterISO: Int?, partner: Int?, partnerISO: Int?, partner2: Int?, flow: Int?
        var netWeight: Int?, quantityUnit: Int?, quantityUnitCode: Int?, mode: Int?, customs: Int?, classification: Int?
    }

    /// Rows of every year are kept, for one table per year (``TradeTableReader/everyYear``
    /// without a `year`).
    private var keepsEveryYear: Bool { reader.everyYear && reader.year == nil }
    /// The year of the previous row in the every-year mode (files are usually sorted by year).
    private var lastYear: Int?

    init(reader: TradeTableReader, file: String) {
        self.reader = reader
        self.file = file
        self.source = reader.source
        self.summary = TradeImportSummary(source: reader.source ?? .baci, file: file, year: reader.year ?? 0)
        self.summary.countryTable = reader.countryTableFile
        self.selectedYear = reader.year
    }

    var summaryRows: Int { summary.dataRows }

    // MARK: Diagnostics

    func error(_ code: DiagnosticCode, _ message: String, line: Int, column: Int, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, code, message, at: SourceLocation(file: file, line: line, column: column), notes: notes))
        errorLines.insert(line)
    }

    private func rowError(_ code: DiagnosticCode, _ message: String, _ record: CSVRecord, field: Int, notes: [String] = []) throws {
        let position = record.position(of: min(field, record.count - 1))
        error(code, message, line: position.line, column: position.column, notes: notes)
        if diagnostics.count >= reader.maximumErrors { throw TooManyErrors() }
    }

    // MARK: Records

    func consume(_ record: CSVRecord) throws {
        if headerCount == 0 {
            try readHeader(record)
            return
        }
        summary.dataRows += 1
        if record.count != headerCount {
            let field = record.count > headerCount ? headerCount : record.count - 1
            try rowError(.fieldCount, "the row has \(record.count) field\(record.count == 1 ? "" : "s") but the header names \(headerCount)", record, field: field,
                         notes: ["quote fields that contain commas"])
            return
        }
        switch source! {
        case .baci: try baciRow(record)
        case .comtrade: try comtradeRow(record)
        }
    }

    private func readHeader(_ header: CSVRecord) throws {
        let index = TradeColumns.index(header)
        let find = { (names: [String]) in TradeColumns.find(names, in: index) }
        let isBACI = find(TradeColumns.baciExporter) != nil && find(TradeColumns.baciImporter) != nil && find(TradeColumns.baciValue) != nil
        let isComtrade = find(TradeColumns.comtradeReporter) != nil && find(TradeColumns.comtradePartner) != nil
        if source == nil {
            source = isComtrade ? .comtrade : isBACI ? .baci : nil
        }
        guard let source else {
            error(.unknownFormat, "the header is neither BACI's (t,i,j,k,v,q) nor UN Comtrade's (reporterCode, partnerCode, flowCode, cmdCode, primaryValue ..., or the legacy names)",
                  line: header.line, column: 1, notes: ["header: " + header.fields.prefix(8).joined(separator: ",") + (header.count > 8 ? ",..." : "")])
            throw TooManyErrors()
        }
        summary.source = source
        summary.side = source == .comtrade ? reader.side : nil
        var required: [(String, [String])]
        switch source {
        case .baci:
            required = [("t", TradeColumns.baciYear), ("i", TradeColumns.baciExporter), ("j", TradeColumns.baciImporter),
                        ("k", TradeColumns.baciProduct), ("v", TradeColumns.baciValue), ("q", TradeColumns.baciQuantity)]
            columns.year = find(TradeColumns.baciYear)
            columns.exporter = find(TradeColumns.baciExporter)
            columns.importer = find(TradeColumns.baciImporter)
            columns.product = find(TradeColumns.baciProduct)
            columns.value = find(TradeColumns.baciValue)
            columns.quantity = find(TradeColumns.baciQuantity)
            revision = TradeTableRelease.revision(fileName: file)
            revisionSettled = true
        case .comtrade:
            required = [("reporterCode", TradeColumns.comtradeReporter), ("partnerCode", TradeColumns.comtradePartner),
                        ("flowCode", TradeColumns.comtradeFlow), ("cmdCode", TradeColumns.comtradeProduct),
                        ("primaryValue", TradeColumns.comtradeValue)]
            columns.year = find(TradeColumns.comtradeYear)
            columns.period = find(TradeColumns.comtradePeriod)
            if columns.year == nil && columns.period == nil { required.append(("refYear", TradeColumns.comtradeYear)) }
            columns.reporter = find(TradeColumns.comtradeReporter)
            columns.reporterISO = find(TradeColumns.comtradeReporterISO)
            columns.partner = find(TradeColumns.comtradePartner)
            columns.partnerISO = find(TradeColumns.comtradePartnerISO)
            columns.partner2 = find(TradeColumns.comtradePartner2)
            columns.flow = find(TradeColumns.comtradeFlow)
            columns.product = find(TradeColumns.comtradeProduct)
            columns.productName = find(TradeColumns.comtradeProductName)
            columns.value = find(TradeColumns.comtradeValue)
            columns.netWeight = find(TradeColumns.comtradeNetWeight)
            columns.quantity = find(TradeColumns.comtradeQuantity)
            columns.quantityUnit = find(TradeColumns.comtradeQuantityUnit)
            columns.quantityUnitCode = find(TradeColumns.comtradeQuantityUnitCode)
            columns.mode = find(TradeColumns.comtradeMode)
            columns.customs = find(TradeColumns.comtradeCustoms)
            columns.classification = find(TradeColumns.comtradeClassification)
            if columns.classification == nil {
                revision = TradeTableRelease.revision(fileName: file)
                revisionSettled = true
            }
        }
        summary.revision = revision
        let missing = required.filter { find($0.1) == nil }.map(\.0)
        if !missing.isEmpty {
            error(.missingColumns, "the \(source.title) header lacks the column\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", "),
                  line: header.line, column: 1, notes: [source == .baci ? "BACI files start with the header t,i,j,k,v,q"
                    : "Comtrade files name reporterCode, partnerCode, flowCode, cmdCode, primaryValue and refYear or period "
                        + "(legacy bulk: Reporter Code, Partner Code, Trade Flow Code, Commodity Code, Trade Value (US$), Year; "
                        + "legacy API: rtCode, ptCode, rgCode, cmdCode, TradeValue, yr)"])
            throw TooManyErrors()
        }
        headerCount = header.count
    }

    // MARK: BACI

    private func baciRow(_ record: CSVRecord) throws {
        guard let year = try integer(record, columns.year!, "year") else { return }
        guard let exporterCode = try integer(record, columns.exporter!, "exporter code"),
            let importerCode = try integer(record, columns.importer!, "importer code"),
            let product = try product(record, columns.product!, allowText: false),
            let valueThousand = try decimal(record, columns.value!, "value", required: true)
        else { return }
        let tonnes = try decimal(record, columns.quantity!, "quantity", required: false)
        let valueUSD = valueThousand * 1000
        guard accept(year: year, line: record.line, valueUSD: valueUSD) else { return }
        let exporter = area(exporterCode)
        let importer = area(importerCode)
        guard let from = countryOrSkip(exporter, code: exporterCode, valueUSD: valueUSD),
            let to = countryOrSkip(importer, code: importerCode, valueUSD: valueUSD)
        else { return }
        keep(exporter: from, importer: to, product: product, valueUSD: valueUSD, tonnes: tonnes, isReexport: false, line: record.line, year: year)
    }

    // MARK: BACI from raw bytes

    /// Whether the header read is BACI's, with no error so far (the condition for reading the
    /// rest of the file in parts, ``TradeTableReader``).
    var readsBACIWithoutErrors: Bool { headerCount > 0 && source == .baci && diagnostics.isEmpty }

    /// Columns the header names.
    var columnCount: Int { headerCount }

    /// A BACI data row straight from the bytes of its line: field `k` is
    /// `line[fieldStarts[k] ..< fieldStarts[k + 1] - 1]` (`fieldStarts` has ``columnCount`` + 1
    /// entries). Does what ``consume(_:)`` does for a valid row, without making a record;
    /// returns false, having changed nothing that matters, for a row that would be an error, so
    /// that the caller reads the file again the general way for the diagnostics.
    func consumeBACI(_ line: UnsafeBufferPointer<UInt8>, fieldStarts: UnsafeMutableBufferPointer<Int>, lineNumber: Int) -> Bool {
        @inline(__always) func field(_ k: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
            line[fieldStarts[k]..<(fieldStarts[k + 1] - 1)]
        }
        guard let year = TradeNumber.integer(field(columns.year!)),
            let exporterCode = TradeNumber.integer(field(columns.exporter!)),
            let importerCode = TradeNumber.integer(field(columns.importer!))
        else { return false }
        let code = TradeNumber.trimmed(field(columns.product!))
        guard !code.isEmpty, code.count <= 12, let digits = TradeNumber.integer(code) else { return false }
        guard case .value(let valueThousand) = TradeNumber.decimal(field(columns.value!)), valueThousand >= 0 else { return false }
        var tonnes: Double?
        switch TradeNumber.decimal(field(columns.quantity!)) {
        case .value(let quantity):
            guard quantity >= 0 else { return false }
            tonnes = quantity
        case .missing: break
        case .invalid: return false
        }
        summary.dataRows += 1
        let key = digits &* 16 &+ code.count
        let product: Int32
        if let index = productIndex[key] {
            if productPadded[Int(index)] { summary.paddedCodes += 1 }
            product = index
        } else {
            product = newProduct(code: String(decoding: code, as: UTF8.self), key: key) { nil }
        }
        let valueUSD = valueThousand * 1000
        guard accept(year: year, line: lineNumber, valueUSD: valueUSD) else { return true }
        let exporter = area(exporterCode)
        let importer = area(importerCode)
        guard let from = countryOrSkip(exporter, code: exporterCode, valueUSD: valueUSD),
            let to = countryOrSkip(importer, code: importerCode, valueUSD: valueUSD)
        else { return true }
        keep(exporter: from, importer: to, product: product, valueUSD: valueUSD, tonnes: tonnes, isReexport: false, line: lineNumber, year: year)
        return true
    }

    /// Takes in what `other` read from a later part of the same file (from the same header), its
    /// lines `lineOffset` further down. Parts must be taken in file order. Returns false when the
    /// parts do not add up without reading the file in one go: an error in `other`, or (one year
    /// per import) a part starting another year.
    func absorb(_ other: TradeRowSink, lineOffset: Int) -> Bool {
        guard other.diagnostics.isEmpty, diagnostics.isEmpty else { return false }
        if !keepsEveryYear, let theirs = other.selectedYear, other.selectedYearRows > 0 || !other.summary.years.isEmpty {
            if let ours = selectedYear, ours != theirs { return false }
            selectedYear = theirs
        }
        selectedYearRows += other.selectedYearRows
        for (year, line) in other.firstLineOfYear where firstLineOfYear[year] == nil { firstLineOfYear[year] = line + lineOffset }
        let countryMap = other.builder.addedCountries.map { builder.country($0) }
        var productMap: [Int32] = []
        for (i, product) in other.builder.addedProducts.enumerated() {
            let known = builder.addedProducts.count
            let index = builder.product(product)
            productMap.append(index)
            if Int(index) == known {
                productMapped.append(other.productMapped[i])
                productExcluded.append(other.productExcluded[i])
                productPadded.append(other.productPadded[i])
                productTally.append(TradeTally())
                productRowsWithoutTonnes.append(0)
            }
            productTally[Int(index)].add(other.productTally[i])
            productRowsWithoutTonnes[Int(index)] += other.productRowsWithoutTonnes[i]
        }
        builder.append(rowsOf: other.builder, countries: countryMap, products: productMap, lineOffset: lineOffset)
        summary.absorb(other.summary)
        return true
    }

    // MARK: Comtrade

    private func comtradeRow(_ record: CSVRecord) throws {
        let year: Int
        if let column = columns.year, let value = try integer(record, column, "year", allowEmpty: columns.period != nil) {
            year = value
        } else if let column = columns.period, let period = try integer(record, column, "period") {
            year = period >= 10_000 ? period / 100 : period
        } else {
            return
        }
        guard let valueUSD = try decimal(record, columns.value!, "primaryValue", required: true) else { return }
        guard accept(year: year, line: record.line, valueUSD: valueUSD) else { return }
        if !revisionSettled, let column = columns.classification {
            // The first row of the imported year settles the revision; a file mixes revisions
            // only across years (the legacy bulk file of 2014 and 2021: H4 and H5).
            revisionText = record[column].trimmingCharacters()
            revision = HSRevision(revisionText)
            summary.revision = revision
            revisionSettled = true
        } else if keepsEveryYear, let column = columns.classification,
            !record.withFieldBytes(column, { TradeNumber.trimmed($0).elementsEqual(revisionText.utf8) })
        {
            // One product map per import: every year read must be in one HS revision.
            let other = record[column].trimmingCharacters()
            try rowError(.severalRevisions, "the row is in HS revision '\(other)' but the file's first rows are in '\(revisionText)'",
                         record, field: column, notes: ["the years of a file in several revisions are read one at a time: pick one (\(year))"])
            throw TooManyErrors()
        }
        // Flow: M, X, RX, RM (legacy numeric 1, 2, 3, 4).
        let flow = record.withFieldBytes(columns.flow!) { String(decoding: TradeNumber.trimmed($0), as: UTF8.self) }.uppercased()
        let isImport = flow == "M" || flow == "1"
        let isExport = flow == "X" || flow == "2"
        let isReexport = flow == "RX" || flow == "3"
        if flow == "RM" || flow == "4" { return skip(.reimport, valueUSD) }
        guard isImport || isExport || isReexport else {
            if flow.isEmpty { return try rowError(.missingFlow, "the row has no flowCode", record, field: columns.flow!) }
            return skip(.otherFlow, valueUSD)
        }
        let isBreakdown = [(columns.mode, "0"), (columns.customs, "C00"), (columns.partner2, "0")].contains { column, total in
            guard let column else { return false }
            let text = record.withFieldBytes(column) { String(decoding: TradeNumber.trimmed($0), as: UTF8.self) }
            return !text.isEmpty && text.uppercased() != total && text != "-1"
        }
        if (reader.side == .importer) != isImport {
            // The mirror of the side read (exports for imports and back; re-exports have none).
            if !isReexport && !isBreakdown { recordMirror(record, year: year, valueUSD: valueUSD, isImport: isImport) }
            return skip(.otherSide, valueUSD)
        }
        if isBreakdown { return skip(.breakdown, valueUSD) }
        guard let reporterCode = try integer(record, columns.reporter!, "reporterCode"),
            let partnerCode = try integer(record, columns.partner!, "partnerCode"),
            let product = try product(record, columns.product!, allowText: true)
        else { return }
        let reporter = area(reporterCode, isoColumn: columns.reporterISO, record: record)
        let partner = area(partnerCode, isoColumn: columns.partnerISO, record: record)
        guard let reporterIndex = countryOrSkip(reporter, code: reporterCode, valueUSD: valueUSD),
            let partnerIndex = countryOrSkip(partner, code: partnerCode, valueUSD: valueUSD)
        else { return }
        var tonnes: Double?
        // (The mirror's tonnes, recordMirror, are read alike, without errors.)
        if let column = columns.netWeight, let kilograms = try decimal(record, column, "netWgt", required: false) {
            if kilograms == 0 && valueUSD > 0 {
                summary.zeroWeightRows += 1
            } else {
                tonnes = kilograms / 1000
            }
        }
        if tonnes == nil, let column = columns.quantity, quantityIsKilograms(record),
            let kilograms = try decimal(record, column, "qty", required: false), kilograms > 0 || valueUSD == 0 {
            tonnes = kilograms / 1000
        }
        let (from, to) = isImport ? (partnerIndex, reporterIndex) : (reporterIndex, partnerIndex)
        if isReexport { summary.reexportRows += 1 }
        keep(exporter: from, importer: to, product: product, valueUSD: valueUSD, tonnes: tonnes, isReexport: isReexport, line: record.line, year: year)
    }

    /// Keeps a row of the side not read as the mirror of its exporter, importer, product and
    /// year, when its fields read without error (it is never an error: the row is skipped as
    /// before); a second row for one key leaves the key without a mirror.
    private func recordMirror(_ record: CSVRecord, year: Int, valueUSD: Double, isImport: Bool) {
        func country(_ column: Int?, iso: Int?) -> CountryCode? {
            guard let column, let code = record.withFieldBytes(column, { TradeNumber.integer($0) }) else { return nil }
            switch reader.countryCodes.map({ $0[code] }) ?? TradeAreaCodes.area(code) {
            case .country(let country, _): return country
            case .aggregate: return nil
            case nil:
                guard let iso, case let text = record[iso].trimmingCharacters(), text.count == 3 else { return nil }
                return CountryTable.resolve(text)?.code
            }
        }
        guard let reporter = country(columns.reporter, iso: columns.reporterISO), let partner = country(columns.partner, iso: columns.partnerISO),
            reporter != partner, let productColumn = columns.product
        else { return }
        var code = record[productColumn].trimmingCharacters()
        if !code.isEmpty, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber), code.count % 2 == 1 { code = "0" + code }
        var tonnes: Double?
        if let column = columns.netWeight, case .value(let kilograms) = record.withFieldBytes(column, { TradeNumber.decimal($0) }),
            kilograms > 0 || (kilograms == 0 && valueUSD == 0) {
            tonnes = kilograms / 1000
        }
        if tonnes == nil, let column = columns.quantity, quantityIsKilograms(record),
            case .value(let kilograms) = record.withFieldBytes(column, { TradeNumber.decimal($0) }),
            kilograms > 0 || (kilograms == 0 && valueUSD == 0) {
            tonnes = kilograms / 1000
        }
        let key = TradeMirrorKey(
            exporter: isImport ? partner : reporter, importer: isImport ? reporter : partner, product: code, year: year)
        let mirror: TradeMirror? = mirrors[key] == nil ? TradeMirror(valueUSD: valueUSD, tonnes: tonnes, line: record.line) : nil
        mirrors[key] = .some(mirror)
    }

    /// Whether the row's `qty` is in kilograms (unit code 8 or abbreviation kg).
    private func quantityIsKilograms(_ record: CSVRecord) -> Bool {
        if let column = columns.quantityUnitCode, record.withFieldBytes(column, { TradeNumber.integer($0) }) == 8 { return true }
        if let column = columns.quantityUnit {
            let unit = record[column].trimmingCharacters().lowercased()
            return unit == "kg" || unit == "weight in kilograms"
        }
        return false
    }

    // MARK: Fields

    private func integer(_ record: CSVRecord, _ column: Int, _ what: String, allowEmpty: Bool = false) throws -> Int? {
        if let value = record.withFieldBytes(column, { TradeNumber.integer($0) }) { return value }
        let text = record[column].trimmingCharacters()
        if allowEmpty && text.isEmpty { return nil }
        try rowError(.badNumber, text.isEmpty ? "the row has no \(what)" : "\(what) '\(text)' is not a whole number", record, field: column)
        return nil
    }

    /// A decimal field; `nil` when missing (an error when `required`) or invalid (an error).
    private func decimal(_ record: CSVRecord, _ column: Int, _ what: String, required: Bool) throws -> Double? {
        switch record.withFieldBytes(column, { TradeNumber.decimal($0) }) {
        case .value(let value):
            if value < 0 {
                try rowError(.negativeNumber, "\(what) \(record[column].trimmingCharacters()) is negative", record, field: column)
                return nil
            }
            return value
        case .missing:
            if required { try rowError(.missingNumber, "the row has no \(what)", record, field: column) }
            return nil
        case .invalid:
            try rowError(.badNumber, "\(what) '\(record[column].trimmingCharacters())' is not a number", record, field: column,
                         notes: ["write numbers like 1234.5; NA or an empty field for a missing quantity"])
            return nil
        }
    }

    /// The table index of the row's product; `nil` after an error.
    private func product(_ record: CSVRecord, _ column: Int, allowText: Bool) throws -> Int32? {
        let key: Int? = record.withFieldBytes(column) { field in
            let bytes = TradeNumber.trimmed(field)
            guard !bytes.isEmpty, bytes.count <= 12, let value = TradeNumber.integer(bytes) else { return nil }
            return value &* 16 &+ bytes.count
        }
        if let key, let index = productIndex[key] {
            if productPadded[Int(index)] { summary.paddedCodes += 1 }
            return index
        }
        let code = record[column].trimmingCharacters()
        if key == nil {
            guard allowText, !code.isEmpty else {
                try rowError(.badHsCode, code.isEmpty ? "the row has no HS code" : "HS code '\(code)' is not a number", record, field: column,
                             notes: ["BACI codes are six digits, such as 260500"])
                return nil
            }
            if let index = textProductIndex[code] { return index }
        }
        return newProduct(code: code, key: key) {
            columns.productName.map { record[$0].trimmingCharacters() }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// Adds a product first seen in a row: its code as written (`key`: digits and count, `nil`
    /// for a text code), the lost leading zero restored, looked up in the map.
    private func newProduct(code written: String, key: Int?, nameInRow: () -> String?) -> Int32 {
        var code = written
        let padded = key != nil && code.count % 2 == 1
        if padded {
            code = "0" + code
            if !reader.productNames.isEmpty && reader.productNames[code] == nil {
                // The restored zero gives no code of the release: say so, with a reading the
                // table knows (a trailing zero lost instead), if there is one.
                let trailing = written + "0"
                summary.paddedCodesNotInProductTable[written] = reader.productNames[trailing] != nil ? trailing : nil
            }
        }
        let entry = reader.productMap.entry(for: code, revision: revision)
        if revision == nil, let limited = entry?.revisions, !limited.isAll { summary.codesMappedWithoutRevision.insert(code) }
        let name = reader.productNames[code] ?? nameInRow() ?? entry?.product
        let index = builder.product(TradeProduct(
            code: code, name: name, mineral: entry?.mineral, stage: entry?.stage, containedShare: entry?.containedShare))
        if let key { productIndex[key] = index } else { textProductIndex[code] = index }
        productMapped.append(entry?.mineral != nil)
        productExcluded.append(entry != nil && entry?.mineral == nil)
        productPadded.append(padded)
        productTally.append(TradeTally())
        productRowsWithoutTonnes.append(0)
        if padded { summary.paddedCodes += 1 }
        return index
    }

    // MARK: Years and countries

    /// Whether a row of `year` belongs to the import; rows of other years are counted.
    private func accept(year: Int, line: Int, valueUSD: Double) -> Bool {
        if keepsEveryYear {
            if year != lastYear {
                if firstLineOfYear[year] == nil { firstLineOfYear[year] = line }
                lastYear = year
            }
            summary.years[year, default: 0] += 1
            return true
        }
        if year == selectedYear && firstLineOfYear[year] != nil {
            selectedYearRows += 1
            return true
        }
        if firstLineOfYear[year] == nil { firstLineOfYear[year] = line }
        if selectedYear == nil { selectedYear = year }
        if year == selectedYear {
            selectedYearRows += 1
            return true
        }
        summary.years[year, default: 0] += 1
        if reader.year != nil { skip(.otherYear, valueUSD) }
        return false
    }

    private func area(_ code: Int, isoColumn: Int? = nil, record: CSVRecord? = nil) -> Int32 {
        if (0..<1000).contains(code), areaIndex[code] != -1 { return areaIndex[code] }
        var resolved: Int32 = Self.unknown
        let area = reader.countryCodes.map { $0[code] } ?? TradeAreaCodes.area(code)
        switch area {
        case .country(let country, let note):
            resolved = builder.country(country)
            if let note { summary.countryNotes[country] = note }
        case .aggregate:
            resolved = code == 0 ? Self.world : Self.aggregate
        case nil:
            if let isoColumn, let record {
                let iso = record[isoColumn].trimmingCharacters()
                if iso.uppercased() == "W00" {
                    resolved = Self.world
                } else if let country = CountryTable.resolve(iso), iso.count == 3 {
                    resolved = builder.country(country.code)
                }
            }
        }
        if (0..<1000).contains(code) { areaIndex[code] = resolved }
        return resolved
    }

    /// The country index, or `nil` after counting the row as skipped.
    private func countryOrSkip(_ index: Int32, code: Int, valueUSD: Double) -> Int32? {
        switch index {
        case Self.world: skip(.worldPartner, valueUSD)
        case Self.aggregate: skip(.aggregatePartner, valueUSD)
        case Self.unknown:
            skip(.unknownCountry, valueUSD)
            summary.unknownCountryCodes[String(code), default: TradeTally()].add(valueUSD)
        default: return index
        }
        return nil
    }

    private func skip(_ reason: TradeSkipReason, _ valueUSD: Double) {
        summary.skipped[reason, default: TradeTally()].add(valueUSD)
    }

    private func keep(exporter: Int32, importer: Int32, product: Int32, valueUSD: Double, tonnes: Double?, isReexport: Bool, line: Int, year: Int) {
        if exporter == importer { return skip(.sameCountry, valueUSD) }
        builder.add(
            exporter: exporter, importer: importer, product: product, valueUSD: valueUSD, tonnes: tonnes, isReexport: isReexport, line: line,
            year: year)
        productTally[Int(product)].add(valueUSD)
        summary.keptRows += 1
        if tonnes == nil {
            summary.keptRowsWithoutTonnes += 1
            productRowsWithoutTonnes[Int(product)] += 1
        }
    }

    // MARK: End

    func finish(text: (Set<Int>) -> String?) throws(DiagnosticError) -> TradeImport {
        if headerCount == 0 && diagnostics.isEmpty {
            error(.emptyTable, "the file is empty", line: 1, column: 1, notes: ["BACI files start with the header t,i,j,k,v,q"])
        }
        if let selectedYear, selectedYearRows > 0 { summary.years[selectedYear, default: 0] += selectedYearRows }
        let years = summary.years.keys.sorted()
        let yearColumn = (columns.year ?? columns.period).map { $0 + 1 } ?? 1
        if reader.year == nil, !keepsEveryYear, years.count > 1 {
            let second = years.first { $0 != selectedYear }!
            error(.severalYears, "the file has rows for \(years.count) years (" + years.map(String.init).joined(separator: ", ") + "); a graph describes one",
                  line: firstLineOfYear[second] ?? 1, column: yearColumn,
                  notes: ["the first row of \(selectedYear!) is on line \(firstLineOfYear[selectedYear!] ?? 1)", "pick one of them"])
        }
        if headerCount > 0 && summary.dataRows == 0 && diagnostics.isEmpty {
            error(.noRows, "the file has a header but no rows", line: 1, column: 1)
        }
        if let wanted = reader.year, diagnostics.isEmpty, summary.dataRows > 0, selectedYearRows == 0 {
            error(.noRowsOfYear, "the file has no rows for \(wanted)" + (years.isEmpty ? "" : "; it has " + years.map(String.init).joined(separator: ", ")),
                  line: 1, column: yearColumn, notes: years.isEmpty ? [] : ["pick one of its years"])
        }
        var tables: [BilateralTradeTable] = []
        if diagnostics.isEmpty {
            summary.year = selectedYear ?? reader.year ?? years.first ?? 0
            if keepsEveryYear { summary.everyYear = years }
            dropHeadingsReportedWithSubheadings()
            var built: [(table: BilateralTradeTable, duplicates: [BilateralTradeTable.DuplicateRows])]
            built = keepsEveryYear ? builder.buildYears() : []
            if built.isEmpty {
                var duplicates: [BilateralTradeTable.DuplicateRows] = []
                built = [(builder.build(year: summary.year, duplicates: &duplicates), duplicates)]
            }
            let duplicates = built.indices.flatMap { t in built[t].duplicates.map { (t, $0) } }
                .sorted { ($0.1.line, $0.1.firstLine) < ($1.1.line, $1.1.firstLine) }
            for (t, duplicate) in duplicates.prefix(reader.maximumErrors) {
                let table = built[t].table
                let entry = table.entries[duplicate.entry]
                let product = table.products[Int(entry.product)].code
                duplicateDiagnostics.append(diagnostics.count)
                error(.duplicateRow,
                      "a second row for \(table.countries[Int(entry.exporter)]) → \(table.countries[Int(entry.importer)]), HS \(product)"
                        + (entry.isReexport ? " (re-export)" : "") + " in \(table.year); the first is on line \(duplicate.firstLine)",
                      line: duplicate.line, column: 1,
                      notes: ["a trade file has one row per exporter, importer, product and year; remove the repeated row or add the two up in the source"])
            }
            tables = built.map(\.table)
        }
        if !diagnostics.isEmpty {
            let shown = diagnostics.prefix(reader.maximumErrors)
            var list = Array(shown)
            if diagnostics.count >= reader.maximumErrors {
                list[list.count - 1].notes.append("stopped after \(reader.maximumErrors) errors")
            }
            let source = text(errorLines)
            locateDuplicates(in: &list, text: source)
            throw DiagnosticError(diagnostics: list, text: source)
        }
        for (index, product) in builder.addedProducts.enumerated() where productTally[index].rows > 0 {
            if productExcluded[index] {
                summary.excludedProducts[product.code] = productTally[index]
            } else if !productMapped[index] {
                summary.unmappedProducts[product.code] = productTally[index]
            }
        }
        summary.release = TradeTableRelease.parse(fileName: file, source: summary.source)
        var imported = TradeImport(tables: tables, summary: summary)
        imported.mirrors = mirrors.compactMapValues { $0 }
        return imported
    }

    /// Points each duplicate-row error at the row's first key field (exporter or reporter code),
    /// read off the row's text.
    private func locateDuplicates(in list: inout [Diagnostic], text: String?) {
        guard let text, !duplicateDiagnostics.isEmpty, let column = source == .baci ? columns.exporter : columns.reporter else { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in duplicateDiagnostics where index < list.count {
            guard let location = list[index].location, location.line <= lines.count,
                let record = try? CSVParser.records(in: Array(lines[location.line - 1].utf8)).first, column < record.count
            else { continue }
            list[index].location?.column = record.position(of: column).column
        }
    }

    /// Drops the rows of an HS heading (`2504`) where the same exporter and importer (and
    /// re-export flag) also report one of its subheadings (`250410`): those rows would count the
    /// trade twice (Comtrade files mixing aggregation levels). Rows of the heading from other
    /// pairs are kept; they are the only record of that pair's trade. Counted per heading.
    private func dropHeadingsReportedWithSubheadings() {
        let products = builder.addedProducts
        var indexByCode: [String: Int32] = [:]
        for (index, product) in products.enumerated() where productTally[index].rows > 0 { indexByCode[product.code] = Int32(index) }
        // Each used code's used headings (shorter codes it starts with).
        var headings: [Int32: [Int32]] = [:]
        for (code, index) in indexByCode {
            var prefix = code.dropLast()
            while prefix.count >= 2 {
                if let heading = indexByCode[String(prefix)] { headings[index, default: []].append(heading) }
                prefix = prefix.dropLast()
            }
        }
        guard !headings.isEmpty else { return }
        struct PairKey: Hashable {
            var key: UInt64
            var year: Int
        }
        func pairKey(_ entry: BilateralTradeEntry, product: Int32, year: Int) -> PairKey {
            PairKey(key: UInt64(UInt32(bitPattern: entry.exporter) & 0xFFFF) << 48 | UInt64(UInt32(bitPattern: entry.importer) & 0xFFFF) << 32
                | UInt64(UInt32(bitPattern: product)) << 1 | (entry.isReexport ? 1 : 0), year: year)
        }
        var reportedWithSubheadings = Set<PairKey>()
        builder.forEachRowWithYear { entry, year in
            for heading in headings[entry.product] ?? [] { reportedWithSubheadings.insert(pairKey(entry, product: heading, year: year)) }
        }
        guard !reportedWithSubheadings.isEmpty else { return }
        builder.removeRowsWithYear { entry, year in
            guard reportedWithSubheadings.contains(pairKey(entry, product: entry.product, year: year)) else { return false }
            let product = Int(entry.product)
            summary.skipped[.parentProduct, default: TradeTally()].add(entry.valueUSD)
            summary.droppedHeadings[products[product].code, default: TradeTally()].add(entry.valueUSD)
            summary.keptRows -= 1
            productTally[product].rows -= 1
            productTally[product].valueUSD -= entry.valueUSD
            if entry.tonnes == nil {
                summary.keptRowsWithoutTonnes -= 1
                productRowsWithoutTonnes[product] -= 1
            }
            return true
        }
    }
}
