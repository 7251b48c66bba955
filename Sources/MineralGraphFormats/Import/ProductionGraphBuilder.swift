import Foundation
import MineralGraphCore

/// Builds the graph and its header comment from the rows of an import
/// (``ProductionTableReader``): one node per country and stage, one output per mineral and
/// year, the "other countries" rows and derived residuals, the graph's sources.
struct ProductionGraphBuilder {
    typealias Row = ProductionTableReader.Row
    typealias Marker = ProductionTableVocabulary.Marker

    let reader: ProductionTableReader
    let files: [String]

    var rows: [Row] { reader.rows }
    var years: [Int] { Set(rows.map(\.year) + reader.residuals.map(\.key.year)).sorted() }

    var graphName: String {
        if let name = reader.importer.graphName { return name }
        guard files.count == 1, let file = files.first, file != "<stdin>" else { return "production" }
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return stem.isEmpty ? "production" : stem
    }

    func fileName(_ file: String) -> String { file == "<stdin>" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent }

    var fileNames: String { files.map(fileName).joined(separator: ", ") }

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

    /// The basis to write after `basis:`: `nil` on the mineral's reference basis.
    static func storedBasis(_ basis: QuantityBasis, of mineral: MineralInfo) -> QuantityBasis? {
        basis == mineral.referenceBasis ? nil : basis
    }

    func graph() -> SupplyGraph {
        let multiYear = years.count > 1
        let latest = years.last ?? reader.importer.defaultYear ?? 0
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
                Output(mineral: row.mineral.id, year: multiYear ? row.year : nil, containedTonnes: row.tonnes,
                       basis: Self.storedBasis(row.basis, of: row.mineral), uncertainty: Self.uncertainty(of: row))
            }
            let sourceIDs = Set(group.compactMap { $0.sourceText.flatMap { sourceID[$0] } }).sorted()
            var notes: [String] = []
            let withheld = group.filter { $0.tonnes == nil }
            if !withheld.isEmpty { notes.append("Withheld in the source table: " + Self.listing(withheld) + ".") }
            // A withheld figure lies between 0 and the world total less the listed rows.
            let bounds = withheld.compactMap { row in
                reader.residuals.first { $0.key == ProductionTableReader.MarketKey(mineral: row.mineral.id, stage: row.stage, year: row.year) }.map {
                    "\(row.mineral.id) \(row.year) at most \(Self.trimmed($0.tonnes + $0.totalRounding)) \($0.basis.unitLabel(for: row.mineral.id))"
                }
            }
            if !bounds.isEmpty { notes.append("Bounded by the world total less the listed rows: " + bounds.joined(separator: "; ") + ".") }
            for marker in Marker.allCases {
                let marked = group.filter { $0.markers.contains(marker) || $0.dataSourceMarker == marker }
                if !marked.isEmpty { notes.append("\(marker.word.capitalized) (\(marker.rawValue)) in the source table: " + Self.listing(marked) + ".") }
            }
            let countryName = CountryTable.country(key.country)?.name ?? key.country.rawValue
            return Node(
                id: "\(key.country.rawValue.lowercased())-\(key.stage.rawValue)", name: "\(countryName) (\(key.stage.rawValue))",
                kind: kind, country: key.country, outputs: outputs,
                source: sourceIDs.isEmpty ? nil : sourceIDs.joined(separator: "; "),
                notes: notes.isEmpty ? nil : notes.joined(separator: " "))
        }
        var others = otherRows.map { row in
            OtherCountries(
                mineral: row.mineral.id, stage: row.stage, year: multiYear ? row.year : nil, containedTonnes: row.tonnes,
                basis: Self.storedBasis(row.basis, of: row.mineral), source: row.sourceText.flatMap { sourceID[$0] },
                uncertainty: Self.uncertainty(of: row))
        }
        for residual in reader.residuals {
            guard let info = MineralCatalog.info(residual.key.mineral) else { continue }
            let unit = residual.basis.unitLabel(for: residual.key.mineral)
            // A rounded total leaves the residual uncertain by half a unit of its last digit.
            let rounding = residual.totalRounding
            others.append(OtherCountries(
                mineral: residual.key.mineral, stage: residual.key.stage, year: multiYear ? residual.key.year : nil,
                containedTonnes: residual.tonnes, basis: Self.storedBasis(residual.basis, of: info),
                notes: "Total \(Self.number(residual.total)) \(unit) (\(fileName(residual.file)) line \(residual.line)) less the listed rows, \(Self.number(residual.listed)) \(unit)"
                    + (residual.withheld > 0
                        ? "; includes the \(residual.withheld) withheld figure\(residual.withheld == 1 ? "" : "s"), each at most the residual."
                        : ".")
                    + (rounding > 0 ? " The total is rounded to three significant digits: the residual is known to ± \(Self.trimmed(rounding)) \(unit)." : ""),
                uncertainty: rounding > 0
                    ? FigureUncertainties(containedTonnes: .range(low: max(residual.tonnes - rounding, 0), high: residual.tonnes + rounding)) : nil))
        }
        others.sort { ($0.mineral, $0.stage, $0.year ?? 0) < ($1.mineral, $1.stage, $1.year ?? 0) }
        let minerals = Set(rows.map(\.mineral.id)).sorted().map(\.rawValue)
        return SupplyGraph(
            name: graphName, year: latest,
            description: "Production by country and stage (\(minerals.joined(separator: ", ")); "
                + (multiYear ? "\(years.first!)–\(latest)" : "\(latest)") + ") imported from the table\(files.count == 1 ? "" : "s") \(fileNames).",
            sources: sourceList.map(\.reference), nodes: nodes, otherCountries: others)
    }

    /// A figure the table marks as estimated (USGS `e`, World Mining Data `data_source` `e`) is
    /// `estimated: true` (METHODS §11); a withheld figure, or an empty cell read as zero
    /// (`--blank zero`), is no estimate of the source's.
    static func uncertainty(of row: Row) -> FigureUncertainties? {
        guard row.tonnes != nil, !row.blank, row.markers.contains(.estimated) || row.dataSourceMarker == .estimated else { return nil }
        return FigureUncertainties(containedTonnes: .estimated)
    }

    /// `cobalt 2018–2020, 2022; lithium 2021`.
    static func listing(_ rows: [Row]) -> String {
        var byMineral: [MineralID: [Int]] = [:]
        for row in rows { byMineral[row.mineral.id, default: []].append(row.year) }
        return byMineral.keys.sorted().map { "\($0) \(ranges(byMineral[$0]!))" }.joined(separator: "; ")
    }

    static func number(_ value: Double) -> String { NumberFormatting.grouped(value, decimals: value == value.rounded() ? 0 : 3) }

    /// ``number(_:)`` without trailing zeros after the point (`5.5`, `5,681`).
    static func trimmed(_ value: Double) -> String {
        var text = number(value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    // MARK: Header comment

    func headerComment() -> [String] {
        var lines = ["# Imported by `mineral-graph import production` from \(fileNames)."]
        lines += layoutLines()
        lines += basisLines()
        lines += conversionLines()
        lines += markerLines()
        let blanks = rows.filter(\.blank)
        if !blanks.isEmpty {
            lines.append("# Blank cells: \(blanks.count), read as \(reader.importer.blankCells == .zero ? "zero" : "withheld").")
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
        lines += totalLines()
        return lines
    }

    /// One line per table: its layout, years and where its mineral and stage come from.
    func layoutLines() -> [String] {
        reader.layouts.map { layout in
            let own = rows.filter { $0.file == layout.file }
            let years = Set(own.map(\.year)).sorted()
            var parts: [String] = []
            if layout.wide {
                parts.append("wide layout" + (layout.worldMiningData ? " (World Mining Data)" : "") + ", years as columns "
                             + Self.ranges(years))
            } else {
                parts.append("long layout, one figure per row" + (years.isEmpty ? "" : ", " + Self.ranges(years)))
            }
            if !layout.skippedYears.isEmpty {
                parts.append("years " + Self.ranges(layout.skippedYears) + " left out (only \(reader.importer.defaultYear!) imported)")
            }
            if let mineral = layout.mineral {
                let from = reader.importer.mineral != nil ? "the mineral given, '\(mineral.text)'" : "the table's name '\(mineral.text)'"
                parts.append("mineral \(mineral.info.id) from \(from)")
            }
            if layout.columns["stage"] == nil {
                let stages = Set(own.map(\.stage)).sorted().map(\.rawValue).joined(separator: ", ")
                let from = layout.figures.allSatisfy({ $0.stage != nil }) ? "from the year headers"
                    : reader.importer.stage != nil ? "as given" : "World Mining Data tables are mine production unless a stage is given"
                if !stages.isEmpty { parts.append("stage \(stages) (\(from))") }
            }
            return "# \(fileName(layout.file)): " + parts.joined(separator: "; ") + "."
        }
    }

    /// The basis of each mineral's figures and why; the factor to the reference basis where one exists.
    func basisLines() -> [String] {
        var lines = ["# Bases: figures are stored as the source gives them; `basis:` marks those not on the mineral's reference basis."]
        var byMineral: [MineralID: [QuantityBasis: Set<ProductionTableReader.BasisReason>]] = [:]
        for row in rows { byMineral[row.mineral.id, default: [:]][row.basis, default: []].insert(row.basisReason) }
        for id in byMineral.keys.sorted() {
            guard let info = MineralCatalog.info(id) else { continue }
            for basis in byMineral[id]!.keys.sorted() {
                let reasons = byMineral[id]![basis]!.sorted().map(\.sentence).joined(separator: "; ")
                var line = "# - \(id): \(basis.unitLabel(for: id)), \(reasons)"
                if basis == info.referenceBasis {
                    line += "; the reference basis."
                } else if let factor = basis.factor(to: info.referenceBasis) {
                    line += "; not converted: \(id)'s reference basis is \(info.containedBasis) (\(basis.unitLabel(for: id)) × \(NumberFormatting.compact(factor, decimals: 4)) = \(info.containedBasis), for passes that need it)."
                } else {
                    line += "; not converted: \(id)'s reference basis is \(info.containedBasis) and no stoichiometric factor leads there."
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// Every scale conversion (kt → t, kg → t …) with the lines it applied to.
    func conversionLines() -> [String] {
        var conversions: [String: [String: [Int]]] = [:]
        for row in rows where row.tonnesPerUnit != 1 && row.tonnes != nil {
            let step = "\(row.scale) × \(Self.factorText(row.tonnesPerUnit)) → t"
            conversions[step, default: [:]][row.file, default: []].append(row.line)
        }
        return conversions.keys.sorted().map { step in
            let perFile = conversions[step]!
            let places = files.compactMap { file -> String? in
                guard let lines = perFile[file] else { return nil }
                let unique = Array(Set(lines))
                return "line\(unique.count == 1 ? "" : "s") \(Self.ranges(unique))" + (files.count == 1 ? "" : " of \(fileName(file))")
            }
            return "# Converted \(step) on " + places.joined(separator: "; ") + "."
        }
    }

    /// `1,000`, `0.001`, `0.0000002`.
    static func factorText(_ factor: Double) -> String {
        if factor >= 1 { return NumberFormatting.grouped(factor, decimals: factor == factor.rounded() ? 0 : 3) }
        var text = String(format: "%.12f", factor)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Counts of the markers stripped from figures and year headers, and of World Mining Data's
    /// `data_source` estimates.
    func markerLines() -> [String] {
        var lines: [String] = []
        let marked = Marker.allCases.compactMap { marker -> String? in
            let count = rows.filter { $0.markers.contains(marker) }.count
            return count == 0 ? nil : "\(count) \(marker.word) (\(marker.rawValue))"
        }
        if !marked.isEmpty {
            lines.append("# Markers stripped from figures and year headers (kept in the nodes' notes): " + marked.joined(separator: ", ") + ".")
        }
        let dataSource = [Marker.estimated, .preliminary].compactMap { marker -> String? in
            let figures = rows.filter { $0.dataSourceMarker == marker }
            return figures.isEmpty ? nil : "\(figures.count) figures \(marker.word) (\(marker.rawValue))"
        }
        if !dataSource.isEmpty {
            lines.append("# World Mining Data data_source: " + dataSource.joined(separator: ", ") + " (kept in the nodes' notes); the others reported (r).")
        }
        return lines
    }

    /// What was done with "World total" and "Total" rows.
    func totalLines() -> [String] {
        var lines: [String] = []
        if rows.contains(where: { $0.subject == .worldTotal }) {
            lines.append("# Total rows ('World total', 'Total') are not producers; they were checked against the listed rows (warning beyond \(NumberFormatting.compact(reader.importer.worldTotalTolerance * 100)) %).")
        }
        let rounding = reader.roundingTotals.values.reduce(0, +)
        if rounding > 0 {
            lines.append("# \(rounding) \(rounding == 1 ? "total differs" : "totals differ") from the listed rows by at most 0.5 % (rounding, METHODS §1.4): no residual.")
        }
        if !reader.residuals.isEmpty {
            lines.append("# Residuals (other_countries) = total − listed rows, where a table has no 'Other countries' row and the total exceeds the rows by more than 0.5 % (METHODS §1.4): "
                         + reader.residuals.map { "\($0.key.mineral) \($0.key.stage.rawValue) \($0.key.year) \(Self.number($0.tonnes)) \($0.basis.unitLabel(for: $0.key.mineral))" }
                .joined(separator: "; ") + ".")
        }
        return lines
    }

    /// `[3, 4, 5, 9]` → `3–5, 9`.
    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var start: Int?
        var previous: Int?
        for number in Set(numbers).sorted() {
            if let p = previous, number == p + 1 { previous = number; continue }
            if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)–\(p)") }
            start = number
            previous = number
        }
        if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)–\(p)") }
        return parts.joined(separator: ", ")
    }
}
