import MineralGraphAnalysis
import MineralGraphCore

/// A table of figures some of which may be missing, rendered so that missing values say why
/// without drowning the table: a missing cell prints `n/a [k]`, and the notes after the table
/// give, per reason code, the reason in words and examples of the detailed reasons. A column
/// whose every cell is missing is left out and named in a sentence with its reason; so is,
/// when asked, a row whose every figure is missing.
struct MetricTable {
    enum Cell {
        case text(String)
        case missing(Unavailable)
    }

    var columns: [ReportDocument.Column]
    /// The first cell of each row is its label and is never dropped.
    var rows: [[Cell]] = []
    /// Leave out rows whose every figure is missing (listed by label after the table).
    var dropEmptyRows = false

    /// How many detailed reasons a note quotes; the JSON report has all of them.
    static let examples = 3

    init(_ columns: [ReportDocument.Column], dropEmptyRows: Bool = false) {
        self.columns = columns
        self.dropEmptyRows = dropEmptyRows
    }

    /// A label cell.
    static func label(_ text: String) -> Cell { .text(text) }

    /// `format(value)`, or the missing reason.
    static func cell(_ metric: Report.Metric, _ format: (Double) -> String) -> Cell {
        if let value = metric.value { return .text(format(value)) }
        return .missing(metric.unavailable ?? Unavailable(.missingValue, "no value"))
    }

    mutating func append(_ row: [Cell]) { rows.append(row) }

    var blocks: [ReportDocument.Block] {
        func isMissing(_ cell: Cell) -> Bool { if case .missing = cell { true } else { false } }
        var rows = self.rows
        var droppedRows: [(label: String, reasons: [Unavailable])] = []
        func reasons(_ cells: [Cell]) -> [Unavailable] {
            var found: [Unavailable] = []
            for cell in cells {
                if case .missing(let reason) = cell, !found.contains(where: { $0.code == reason.code }) { found.append(reason) }
            }
            return found
        }
        func because(_ reasons: [Unavailable]) -> String {
            reasons.map { "\(Display.words($0.code)) (\($0.code)): \(Display.innermost($0))" }.joined(separator: "; ")
        }
        if dropEmptyRows {
            rows = rows.filter { row in
                guard row.count > 1, row.dropFirst().allSatisfy(isMissing) else { return true }
                if case .text(let label) = row[0] { droppedRows.append((label, reasons(Array(row.dropFirst())))) }
                return false
            }
        }
        let dropped = Set(columns.indices.dropFirst().filter { i in
            !rows.isEmpty && rows.allSatisfy { i < $0.count && isMissing($0[i]) }
        })
        let kept = columns.indices.filter { !dropped.contains($0) }

        var codes: [ReasonCode] = []
        /// Note number of each code (its position in `codes` + 1).
        var numbers: [ReasonCode: Int] = [:]
        var examples: [ReasonCode: [String]] = [:]
        /// (code, example) pairs already quoted: a set, as a table may have a distinct reason per row.
        var seenExamples = Set<[String]>()
        func note(_ reason: Unavailable) -> Int {
            if numbers[reason.code] == nil {
                codes.append(reason.code)
                numbers[reason.code] = codes.count
            }
            let example = Display.innermost(reason)
            if seenExamples.insert([reason.code.rawValue, example]).inserted { examples[reason.code, default: []].append(example) }
            return numbers[reason.code]!
        }
        var blocks: [ReportDocument.Block] = []
        if kept.count > 1 && !rows.isEmpty {
            let table = ReportDocument.Table(
                columns: kept.map { columns[$0] },
                rows: rows.map { row in
                    kept.map { i -> [ReportDocument.Inline] in
                        guard i < row.count else { return [] }
                        switch row[i] {
                        case .text(let text): return [.text(text)]
                        case .missing(let reason): return [.text("n/a [\(note(reason))]")]
                        }
                    }
                })
            blocks.append(.table(table))
        }
        var items: [[ReportDocument.Inline]] = codes.enumerated().map { i, code in
            [.text("[\(i + 1)] "), .strong(Display.words(code)), .text(" (\(code)): " + Self.quote(examples[code] ?? []))]
        }
        for i in dropped.sorted() {
            items.append([.strong(columns[i].title), .text(" is unknown for every row: " + because(reasons(rows.map { $0[i] })))])
        }
        if !droppedRows.isEmpty {
            var all: [Unavailable] = []
            for row in droppedRows {
                for reason in row.reasons where !all.contains(where: { $0.code == reason.code }) { all.append(reason) }
            }
            items.append([
                .text("No figure at all for "), .strong(Display.series(droppedRows.map(\.label))),
                .text(": " + because(all)),
            ])
        }
        if !items.isEmpty { blocks.append(.list(items)) }
        return blocks
    }

    /// Up to ``examples`` detailed reasons, and how many more there are.
    static func quote(_ reasons: [String]) -> String {
        var text = reasons.prefix(examples).joined(separator: "; ")
        if reasons.count > examples { text += "; and \(reasons.count - examples) more" }
        return text
    }
}

extension Display {
    /// A few words for a reason code, for table cells and the reading.
    static func words(_ code: ReasonCode) -> String {
        switch code {
        case .missingValue: "a value is not stated"
        case .missingQuantity: "a quantity is not stated"
        case .missingTonnes: "gross tonnes not stated"
        case .missingContained: "contained tonnes not stated"
        case .missingIntensity: "no water intensity stated"
        case .missingAware: "no AWARE factor stated"
        case .missingStress: "no water-stress figure stated"
        case .noTrade: "no trade"
        case .oneSided: "trade in one direction only"
        case .belowMinimumShare: "too little trade for a stable ratio"
        case .noResourceReceived: "nothing of it comes back"
        case .zeroValue: "zero value"
        case .chainIncomplete: "value added unknown at some node"
        case .nonPositiveTotal: "total value added not positive"
        case .noPhysicalShare: "mines none of it"
        case .noGroupVA: "captures no value added"
        case .negativeGroupVA: "negative value added"
        case .noBurden: "the chain has none of this burden"
        case .noWasteImports: "imports no waste"
        case .nonPositiveWasteValue: "waste imported at no positive value"
        case .noWaste: "no waste in the graph"
        case .noOutput: "no output"
        case .noProduction: "no production"
        case .notConverged: "loop without a solution"
        case .negativeIntensity: "invalid intensity"
        case .noWithdrawal: "no water withdrawn"
        case .noDirectWater: "no direct water"
        case .upstreamStageIncomplete: "an earlier stage is unknown"
        default: code.rawValue.lowercased().replacingAll("_", with: " ")
        }
    }

    /// `$2.79 billion`, `$845.3 million`, `$12,345`.
    static func usd(_ value: Double) -> String {
        ReportUnit.usd.display(value)
    }

    /// Whole units with separators (`566,667`).
    static func amount(_ value: Double) -> String {
        ReportUnit.tonnes.display(value)
    }

    /// Percentage points of a share difference, signed (`−36.0 pp`).
    static func points(_ difference: Double) -> String {
        let magnitude = NumberFormatting.grouped(abs(difference) * 100, decimals: 1)
        let sign = magnitude == "0.0" ? "" : difference > 0 ? "+" : "−"
        return sign + magnitude + " pp"
    }

    /// A ratio with two decimals (`0.53`).
    static func ratio(_ value: Double) -> String {
        ReportUnit.ratio.display(value)
    }

    /// "DR Congo (COD)" or the group title.
    static func party(_ party: CountryOrGroup) -> String {
        party.kind == .country ? "\(party.name) (\(party.id))" : party.name
    }

    /// Words for a quadrant name (`net-mass-exporter/monetary-surplus`).
    static func quadrant(_ name: String?) -> String {
        guard let name else { return "—" }
        return name.replacingAll("-", with: " ").replacingAll("/", with: ", ")
    }

    /// `yes`, `no`, or `—` when unknown.
    static func flag(_ value: Bool?) -> String {
        value.map { $0 ? "yes" : "no" } ?? "—"
    }

    /// A burden's name in words.
    static func burden(_ id: String) -> String {
        switch id {
        case "water-withdrawal": "water withdrawal"
        case "water-consumption": "water consumption"
        case "aware-water": "scarcity-weighted water (AWARE)"
        case "extraction": "tonnes extracted"
        case "waste-received": "waste received"
        default: id
        }
    }

    /// A water quantity's name in words, with its unit.
    static func waterQuantity(_ quantity: WaterQuantity) -> String {
        switch quantity {
        case .withdrawal: "Withdrawal (m³)"
        case .consumption: "Consumption (m³)"
        case .scarcityWeightedConsumption: "Scarcity-weighted consumption (m³ world-eq)"
        case .brine: "Brine (m³, not freshwater)"
        case .seawater: "Seawater (m³, not freshwater)"
        }
    }

    /// A list in words: `a`, `a and b`, `a, b and c`.
    static func series(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

extension ReportDocument {
    /// Orders rows by a value, largest first; rows without a value last; ties by `key`.
    static func byValue<T>(_ rows: [T], value: (T) -> Double?, key: (T) -> String) -> [T] {
        rows.sorted { a, b in
            switch (value(a), value(b)) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return key(a) < key(b)
            }
        }
    }
}
