/// A publication that lists a commodity, as the catalogue's `sources` column names it.
public enum CommoditySource: String, CaseIterable, Codable, Sendable {
    /// A chapter (or a world production table of a chapter) of the USGS *Mineral Commodity
    /// Summaries* 2024/2025 (https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries).
    case usgsMCS = "usgs-mcs"
    /// A table of *World Mining Data* (Austrian Federal Ministry of Finance,
    /// https://www.world-mining-data.info/), one per commodity, as in `../shared/data/world-mining-data/`.
    case worldMiningData = "wmd"
    /// The 34 critical raw materials of the EU's 2023 list (Critical Raw Materials Act,
    /// Regulation (EU) 2024/1252, Annex II section 2; *Study on the critical raw materials for the
    /// EU 2023*), copper and nickel included as strategic; groups (PGMs, heavy and light rare
    /// earths) and their members are both tagged.
    case euCritical2023 = "eu-crm-2023"
    /// Assessed in the EU's 2023 criticality study but not found critical (lead, zinc, tin,
    /// chromium, molybdenum, silver, gold, aggregates …).
    case euAssessed2023 = "eu-assessed-2023"
    /// Named by UNCTAD's *Digital Economy Report 2024* (e-waste).
    case unctadDER2024 = "unctad-der-2024"

    /// The publication, for documentation and reports.
    public var title: String {
        switch self {
        case .usgsMCS: "USGS Mineral Commodity Summaries"
        case .worldMiningData: "World Mining Data"
        case .euCritical2023: "EU critical raw materials 2023"
        case .euAssessed2023: "EU 2023 criticality assessment (not critical)"
        case .unctadDER2024: "UNCTAD Digital Economy Report 2024"
        }
    }
}

/// A row of the commodity catalogue that cannot be read; the message names the file, line and row.
public struct CommodityTableError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads the commodity catalogue (`Resources/commodities.csv`) into ``MineralInfo`` entries.
///
/// Columns, named in the header in any order: `id` (lower case letters, digits and `-`),
/// `name`, `element` (a chemical symbol or empty), `reference_basis`, `bases` (`|`-separated),
/// `bare_tonnes_basis` (empty where sources differ), `aliases` (`|`-separated), `sources`
/// (`|`-separated ``CommoditySource`` keys) and `notes`. Bases are spelled as graph files write
/// them: `gross`, `element` or a ``Compound`` code (`Li2O`, `REO`). Every problem is an error
/// naming the line and row: an unknown basis or source, a compound of another element, a
/// reference basis that is not among the bases, an alias that another row already uses.
enum CommodityTable {
    static let columns = ["id", "name", "element", "reference_basis", "bases", "bare_tonnes_basis", "aliases", "sources", "notes"]

    /// The entries of `text`, in file order, or the first problem found.
    static func parse(_ text: String, file: String) throws(CommodityTableError) -> [MineralInfo] {
        func fail(_ line: Int, _ message: String) -> CommodityTableError {
            CommodityTableError(file: file, line: line, message: message)
        }
        let records: [CSVText.Record]
        do {
            records = try CSVText.records(in: text)
        } catch {
            throw fail(error.line, error.message)
        }
        guard let header = records.first else { throw fail(1, "the file is empty; expected the header " + columns.joined(separator: ",")) }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let key = name.trimmingSpaces().lowercased()
            guard columns.contains(key) else { throw fail(header.line, "unknown column '\(name)'; columns: " + columns.joined(separator: ", ")) }
            guard index[key] == nil else { throw fail(header.line, "column '\(key)' appears twice") }
            index[key] = i
        }
        if let missing = columns.first(where: { index[$0] == nil }) {
            throw fail(header.line, "no '\(missing)' column; columns: " + columns.joined(separator: ", "))
        }

        var infos: [MineralInfo] = []
        var keyOwner: [String: (id: MineralID, line: Int)] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw fail(record.line, "\(record.fields.count) fields, expected \(header.fields.count) (" + columns.joined(separator: ",") + ")")
            }
            func column(_ name: String) -> String { record.fields[index[name]!].trimmingSpaces() }
            let id = column("id")
            let row = "row '\(id)'"
            guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw fail(record.line, "id '\(id)' is not lower case letters, digits and '-'")
            }
            if let first = infos.firstIndex(where: { $0.id.rawValue == id }) {
                throw fail(record.line, "\(row): id defined twice (first as entry #\(first + 1))")
            }
            let name = column("name")
            guard !name.isEmpty else { throw fail(record.line, "\(row): empty name") }

            let elementText = column("element")
            let element: String? = elementText.isEmpty ? nil : elementText
            if let element, !ChemicalElements.symbols.contains(element) {
                throw fail(record.line, "\(row): '\(element)' is not a chemical element symbol")
            }

            func basis(_ text: String, _ columnName: String) throws(CommodityTableError) -> QuantityBasis {
                guard let basis = strictBasis(text) else {
                    throw fail(record.line, "\(row): unknown basis '\(text)' in column \(columnName); bases: gross, element, "
                        + Compound.all.map(\.code).joined(separator: ", "))
                }
                switch basis {
                case .element where element == nil:
                    throw fail(record.line, "\(row): basis 'element' in column \(columnName) needs an element symbol")
                case .compound(let compound) where compound.element != nil && compound.element != element:
                    throw fail(record.line, "\(row): basis '\(text)' in column \(columnName) is a compound of \(compound.element!), not of \(element ?? "an element-less commodity")")
                default:
                    return basis
                }
            }
            var bases: [QuantityBasis] = []
            for text in list(column("bases")) {
                let parsed = try basis(text, "bases")
                guard !bases.contains(parsed) else { throw fail(record.line, "\(row): basis '\(text)' listed twice") }
                bases.append(parsed)
            }
            guard !bases.isEmpty else { throw fail(record.line, "\(row): no bases") }
            let reference = try basis(column("reference_basis"), "reference_basis")
            guard bases.contains(reference) else {
                throw fail(record.line, "\(row): reference basis '\(reference.code)' is not among its bases (\(bases.map(\.code).joined(separator: "|")))")
            }
            var bare: QuantityBasis?
            if !column("bare_tonnes_basis").isEmpty {
                let parsed = try basis(column("bare_tonnes_basis"), "bare_tonnes_basis")
                guard bases.contains(parsed) else {
                    throw fail(record.line, "\(row): bare tonnes basis '\(parsed.code)' is not among its bases (\(bases.map(\.code).joined(separator: "|")))")
                }
                bare = parsed
            }

            let aliasText = column("aliases")
            let aliases = list(aliasText)
            if aliases.count != aliasText.split(separator: "|", omittingEmptySubsequences: false).count, !aliasText.isEmpty {
                throw fail(record.line, "\(row): an empty alias (two '|' in a row, or one at an end)")
            }
            var sources: [CommoditySource] = []
            for text in list(column("sources")) {
                guard let source = CommoditySource(rawValue: text) else {
                    throw fail(record.line, "\(row): unknown source '\(text)'; sources: " + CommoditySource.allCases.map(\.rawValue).joined(separator: ", "))
                }
                sources.append(source)
            }
            guard !sources.isEmpty else { throw fail(record.line, "\(row): no sources") }
            let notes = column("notes")

            let info = MineralInfo(
                id: MineralID(id), name: name, element: element, referenceBasis: reference, bases: bases,
                bareTonnesBasis: bare, aliases: aliases, sources: sources, note: notes.isEmpty ? nil : notes)
            for key in MineralCatalog.keys(of: info) {
                if let owner = keyOwner[key], owner.id != info.id {
                    throw fail(record.line, "\(row): '\(key)' already names '\(owner.id)' (line \(owner.line))")
                }
                keyOwner[key] = (info.id, record.line)
            }
            infos.append(info)
        }
        return infos
    }

    /// `|`-separated items, trimmed, empty ones dropped.
    private static func list(_ text: String) -> [String] {
        text.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// A basis in its canonical spelling only (`gross`, `element`, a compound code as written in
    /// ``Compound/all``): the data file is checked, not guessed at.
    static func strictBasis(_ text: String) -> QuantityBasis? {
        switch text {
        case "gross": .gross
        case "element": .element
        default: Compound.all.first { $0.code == text }.map(QuantityBasis.compound)
        }
    }
}

/// The symbols of the 118 elements (IUPAC), to catch typos in the catalogue's `element` column.
enum ChemicalElements {
    static let symbols: Set<String> = Set("""
        H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr
        Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm
        Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No
        Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
