import MineralGraphCore

/// Which published trade table a file is.
public enum TradeSource: String, CaseIterable, Sendable {
    /// CEPII BACI: `t,i,j,k,v,q`, value in thousand USD, quantity in metric tonnes.
    case baci
    /// UN Comtrade (API, Comtrade+ or legacy bulk CSV): one reporter's view per row.
    case comtrade

    public var title: String {
        switch self {
        case .baci: "CEPII BACI"
        case .comtrade: "UN Comtrade"
        }
    }
}

/// Whose reports a Comtrade import uses. Every flow is reported twice, by the exporter (FOB) and
/// by the importer (CIF), and the two rarely agree (DATA-FORMATS.md).
public enum ComtradeSide: String, CaseIterable, Sendable {
    /// Import rows (flowCode M): the reporter is the importer and the partner the country of
    /// origin, which is what import-source concentration asks for. Values are CIF.
    case importer
    /// Export and re-export rows (X, RX): the reporter is the exporter and the partner the
    /// country of last known destination. Values are FOB; re-exports are kept as flows from the
    /// re-exporting hub and flagged.
    case exporter
}

/// Why a data row did not become trade in the table.
public enum TradeSkipReason: String, CaseIterable, Comparable, Sendable {
    case worldPartner = "world-partner"
    case aggregatePartner = "aggregate-partner"
    case unknownCountry = "unknown-country-code"
    case sameCountry = "same-country"
    case otherSide = "other-reporting-side"
    case reimport = "re-import"
    case otherFlow = "other-flow-code"
    case breakdown = "breakdown-row"
    case otherYear = "other-year"
    case parentProduct = "parent-product"

    public static func < (a: TradeSkipReason, b: TradeSkipReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// One sentence for the import summary.
    public var explanation: String {
        switch self {
        case .worldPartner: "partner is World (code 0, W00), an aggregate"
        case .aggregatePartner: "partner or reporter is an aggregate or 'nes' area (Areas nes, bunkers, free zones, EU ...)"
        case .unknownCountry: "country code neither in ISO 3166-1 nor among the BACI/Comtrade exceptions (the release's country table may list it)"
        case .sameCountry: "exporter and importer are the same country"
        case .otherSide: "reported by the other side of the trade than the one imported"
        case .reimport: "re-import (RM): goods of the reporter's own origin coming back"
        case .breakdown: "a breakdown by mode of transport, customs procedure or second partner (the totals are kept)"
        case .otherFlow: "a flow code other than M, X, RX and RM (DX, FM, MIP, XIP ...)"
        case .otherYear: "a year other than the one imported"
        case .parentProduct: "an HS heading (2504) whose subheadings (250410) the same exporter and importer also report: the trade would be counted twice"
        }
    }
}

/// Rows and their value.
public struct TradeTally: Hashable, Sendable {
    public var rows = 0
    public var valueUSD = 0.0

    public init(rows: Int = 0, valueUSD: Double = 0) {
        self.rows = rows
        self.valueUSD = valueUSD
    }

    mutating func add(_ value: Double) {
        rows += 1
        valueUSD += value
    }

    mutating func add(_ other: TradeTally) {
        rows += other.rows
        valueUSD += other.valueUSD
    }
}

/// What an import read, kept and left out, for the summary on standard error and the graph's
/// header comment. Nothing is dropped without being counted here.
public struct TradeImportSummary: Sendable {
    public var source: TradeSource
    /// The file as given, and the dataset release read off its name (`HS22 V202401b`), if any.
    public var file: String
    public var release: String?
    public var year: Int
    /// Every year read, when an import keeps them all (``TradeTableReader/everyYear``); empty
    /// otherwise.
    public var everyYear: [Int] = []
    /// Comtrade only.
    public var side: ComtradeSide?
    /// Data rows (after the header).
    public var dataRows = 0
    /// Rows that became trade in the table, and how many of them had no quantity.
    public var keptRows = 0
    public var keptRowsWithoutTonnes = 0
    /// Comtrade RX rows kept (exporter side).
    public var reexportRows = 0
    /// Rows whose HS code had an odd number of digits and got its lost leading zero back.
    public var paddedCodes = 0
    /// Comtrade rows with a zero net weight but a value: the weight is treated as not reported.
    public var zeroWeightRows = 0
    public var skipped: [TradeSkipReason: TradeTally] = [:]
    /// Country codes that could not be resolved, as written.
    public var unknownCountryCodes: [String: TradeTally] = [:]
    /// Kept rows of products the map does not know, and of codes it marks "not a mineral product".
    public var unmappedProducts: [String: TradeTally] = [:]
    public var excludedProducts: [String: TradeTally] = [:]
    /// Countries whose code in the file covers more or less than ISO's, with the note.
    public var countryNotes: [CountryCode: String] = [:]
    /// Years seen (with rows), for the several-years error.
    public var years: [Int: Int] = [:]
    /// The `--countries` table, when one was given: unknown codes are codes it lacks.
    public var countryTable: String?
    /// The HS revision of the file (BACI's file name, Comtrade's classification column); `nil`
    /// when the file does not say.
    public var revision: HSRevision?
    /// HS headings dropped because the same exporter and importer also report their subheadings,
    /// with the rows dropped (the heading's rows of other pairs are kept).
    public var droppedHeadings: [String: TradeTally] = [:]
    /// Five-digit codes (as written) whose restored leading zero gives a code the product table
    /// (`--products`) does not list, with a reading the table or the map does know, if any.
    public var paddedCodesNotInProductTable: [String: String?] = [:]
    /// Codes mapped through map rows limited to some HS revisions while the file does not state
    /// its revision.
    public var codesMappedWithoutRevision: Set<String> = []

    public init(source: TradeSource, file: String, year: Int) {
        self.source = source
        self.file = file
        self.year = year
    }

    /// Adds the counts of a later part of the same file read apart (``TradeTableReader``'s
    /// parallel reading); the tables of kept products and dropped headings are filled in at the
    /// end, from the whole table.
    mutating func absorb(_ other: TradeImportSummary) {
        dataRows += other.dataRows
        keptRows += other.keptRows
        keptRowsWithoutTonnes += other.keptRowsWithoutTonnes
        reexportRows += other.reexportRows
        paddedCodes += other.paddedCodes
        zeroWeightRows += other.zeroWeightRows
        for (reason, tally) in other.skipped { skipped[reason, default: TradeTally()].add(tally) }
        for (code, tally) in other.unknownCountryCodes { unknownCountryCodes[code, default: TradeTally()].add(tally) }
        countryNotes.merge(other.countryNotes) { ours, _ in ours }
        years.merge(other.years, uniquingKeysWith: +)
        paddedCodesNotInProductTable.merge(other.paddedCodesNotInProductTable) { ours, _ in ours }
        codesMappedWithoutRevision.formUnion(other.codesMappedWithoutRevision)
    }

    /// Lines describing the import (for standard error and the graph's header comment): counts,
    /// skipped rows by reason, and the first `limit` unmapped codes by value.
    public func lines(limit: Int = 20) -> [String] {
        var lines: [String] = []
        let grouped = { (n: Int) in NumberFormatting.grouped(Double(n)) }
        let rows = { (n: Int) in "\(grouped(n)) row\(n == 1 ? "" : "s")" }
        let usd = { (v: Double) in "USD " + NumberFormatting.grouped(v) }
        let years = everyYear.count > 1 ? everyYear.map(String.init).joined(separator: ", ") : String(year)
        lines.append("\(source.title)\(release.map { " " + $0 } ?? "") \(years): \(grouped(dataRows)) rows read, \(grouped(keptRows)) kept"
            + (side.map { ", \($0.rawValue)-reported" } ?? "") + ".")
        if keptRowsWithoutTonnes > 0 {
            lines.append("\(rows(keptRowsWithoutTonnes)) kept without a quantity (NA or blank): value only, tonnes left empty.")
        }
        if reexportRows > 0 {
            lines.append("\(rows(reexportRows)) of re-exports (RX) kept as flows from the re-exporting hub: the shipping partner is not the origin (METHODS §1.5).")
        }
        if paddedCodes > 0 {
            lines.append("\(rows(paddedCodes)) had an HS code with an odd number of digits; its lost leading zero was restored (81059 → 081059).")
        }
        if zeroWeightRows > 0 {
            lines.append("\(rows(zeroWeightRows)) with a net weight of 0 kg and a value: the weight is read as not reported.")
        }
        if !paddedCodesNotInProductTable.isEmpty {
            lines.append("Five-digit codes whose restored zero gives a code the product table lacks: "
                + paddedCodesNotInProductTable.keys.sorted().map { code in
                    "\(code) → 0\(code)" + (paddedCodesNotInProductTable[code]!.map { " (\($0)?)" } ?? "")
                }.joined(separator: ", ") + ".")
        }
        for reason in skipped.keys.sorted() {
            let tally = skipped[reason]!
            lines.append("Skipped \(rows(tally.rows)) (\(usd(tally.valueUSD))): \(explanation(of: reason)).")
        }
        if !droppedHeadings.isEmpty {
            lines.append("HS headings dropped where the same exporter and importer also report their subheadings: "
                + droppedHeadings.sorted { $0.key < $1.key }.map { "\($0.key) (\(rows($0.value.rows)), \(usd($0.value.valueUSD)))" }
                .joined(separator: ", ") + "; the headings' rows of other pairs are kept.")
        }
        if !unknownCountryCodes.isEmpty {
            lines.append((countryTable.map { "Country codes not in \(Self.fileName($0)): " } ?? "Unknown country codes: ")
                + unknownCountryCodes.sorted { $0.key < $1.key }.map { code, tally in
                    var text = "\(code) (\(rows(tally.rows))"
                    if countryTable != nil, let number = Int(code), case .country(let country, _)? = TradeAreaCodes.area(number) {
                        text += "; \(country) in ISO 3166-1"
                    }
                    return text + ")"
                }.joined(separator: ", ") + ".")
            if let countryTable, let tableRelease = TradeTableRelease.version(fileName: countryTable),
                let dataRelease = release.flatMap({ TradeTableRelease.version(fileName: $0) }), tableRelease != dataRelease {
                lines.append("The country table is release \(tableRelease) and the data \(dataRelease): use the table of the data's release.")
            }
        }
        for (code, note) in countryNotes.sorted(by: { $0.key < $1.key }) {
            lines.append("\(code): \(note).")
        }
        if !excludedProducts.isEmpty {
            let tally = excludedProducts.values.reduce(TradeTally()) { TradeTally(rows: $0.rows + $1.rows, valueUSD: $0.valueUSD + $1.valueUSD) }
            lines.append("\(rows(tally.rows)) (\(usd(tally.valueUSD))) of \(excludedProducts.count) codes the product map marks as not a mineral product.")
        }
        if !unmappedProducts.isEmpty {
            let tally = unmappedProducts.values.reduce(TradeTally()) { TradeTally(rows: $0.rows + $1.rows, valueUSD: $0.valueUSD + $1.valueUSD) }
            lines.append("\(rows(tally.rows)) (\(usd(tally.valueUSD))) of \(unmappedProducts.count) HS codes not in the product map"
                + " (left out of the graph and of mineral-level HHI; product-level HHI covers them):")
            let top = unmappedProducts.sorted { ($1.value.valueUSD, $0.key) < ($0.value.valueUSD, $1.key) }
            for (code, tally) in top.prefix(limit) {
                lines.append("  \(code): \(rows(tally.rows)), \(usd(tally.valueUSD))")
            }
            if top.count > limit { lines.append("  ... and \(top.count - limit) more codes") }
        }
        if !codesMappedWithoutRevision.isEmpty {
            lines.append("The file does not state its HS revision; mapped through rows of the product map valid in some revisions only: "
                + codesMappedWithoutRevision.sorted().joined(separator: ", ") + ".")
        }
        return lines
    }

    /// Why a row was skipped, in the words of this import (a `--countries` table, when given, is named).
    public func explanation(of reason: TradeSkipReason) -> String {
        if reason == .unknownCountry, let countryTable {
            return "country code not in the country table \(Self.fileName(countryTable))"
        }
        return reason.explanation
    }

    /// When no row was kept, why: the reasons rows were skipped, largest first, with what to do
    /// about the commonest cases (a file of World totals, the other reporting side, a year).
    /// `nil` when rows were kept.
    public var nothingKept: String? {
        guard keptRows == 0 else { return nil }
        let grouped = { (n: Int) in NumberFormatting.grouped(Double(n)) }
        if skipped.isEmpty && droppedHeadings.isEmpty { return "the file has no data rows" }
        // Rows of other years were left out on purpose; the others say what went wrong.
        let reasons = skipped.filter { $0.key != .otherYear }.sorted { ($1.value.rows, $0.key) < ($0.value.rows, $1.key) }
        if reasons.isEmpty { return "the file has no rows of \(year)" }
        if reasons.count == 1, let (reason, tally) = reasons.first {
            let one = tally.rows == 1
            let subject = (one ? "the one row" : "all \(grouped(tally.rows)) rows") + (skipped[.otherYear] == nil ? "" : " of \(year)")
            let (has, are) = one ? ("has", "is") : ("have", "are")
            switch reason {
            case .worldPartner:
                return "\(subject) \(has) partner World (code 0): the file holds each reporter's totals, not bilateral trade; "
                    + "download it with the partners listed one by one"
            case .aggregatePartner:
                return "\(subject) \(has) an aggregate partner or reporter (World, Areas nes, EU ...), not a country"
            case .otherSide:
                let other = side == .exporter ? "importer" : "exporter"
                return "\(subject) \(are) reported by the other side of the trade; import the \(other) side instead"
            case .unknownCountry:
                return "\(subject) \(has) a \(explanation(of: reason))"
            default:
                break
            }
        }
        return "no row was kept: " + reasons.map { "\(grouped($0.value.rows)) skipped because \(explanation(of: $0.key))" }.joined(separator: "; ")
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
