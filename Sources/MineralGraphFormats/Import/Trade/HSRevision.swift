/// A revision of the Harmonized System nomenclature. Codes are added, split and deleted from one
/// revision to the next (HS 2002 split `810510` into `810520` mattes and `810530` scrap; HS 2012
/// created `850760` lithium-ion accumulators; HS 2022 created heading `8549` for e-waste), so a
/// code means something only together with its revision.
///
/// Trade files state it: BACI in its file name (`BACI_HS92_Y2023_V202501.csv`), UN Comtrade in
/// the classification column (`H0` = HS 1992 … `H6` = HS 2022).
public enum HSRevision: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case hs92 = 1992, hs96 = 1996, hs02 = 2002, hs07 = 2007, hs12 = 2012, hs17 = 2017, hs22 = 2022

    public static func < (a: HSRevision, b: HSRevision) -> Bool { a.rawValue < b.rawValue }

    /// `HS92`, `HS22`: the spelling of BACI's file names and of the product map.
    public var code: String {
        let twoDigits = rawValue % 100
        return twoDigits < 10 ? "HS0\(twoDigits)" : "HS\(twoDigits)"
    }

    /// `HS 1992`.
    public var description: String { "HS \(rawValue)" }

    /// Comtrade's classification code: `H0` for HS 1992 … `H6` for HS 2022.
    public var comtradeCode: String { "H\(HSRevision.allCases.firstIndex(of: self)!)" }

    /// Reads `HS92`, `HS1992`, `HS 2022`, `H0` … `H6` (any case); `nil` for anything else,
    /// including Comtrade's `HS` ("as reported", no one revision).
    public init?(_ text: String) {
        let upper = text.uppercased().filter { $0 != " " }
        if upper.count == 2, upper.first == "H", let digit = upper.last?.wholeNumberValue, digit < HSRevision.allCases.count {
            self = HSRevision.allCases[digit]
            return
        }
        guard upper.hasPrefix("HS"), let number = Int(upper.dropFirst(2)) else { return nil }
        let year = number < 100 ? (number >= 88 ? 1900 + number : 2000 + number) : number
        guard let revision = HSRevision(rawValue: year) else { return nil }
        self = revision
    }
}

/// The revisions in which an HS code exists, such as `HS92–HS22` or `HS12–HS22`.
public struct HSRevisionRange: Hashable, Sendable, CustomStringConvertible {
    public var first: HSRevision
    public var last: HSRevision

    public init(_ first: HSRevision, _ last: HSRevision) {
        self.first = first
        self.last = last
    }

    public func contains(_ revision: HSRevision) -> Bool { first <= revision && revision <= last }

    /// Whether the range covers every revision from HS 1992 to HS 2022.
    public var isAll: Bool { first == .hs92 && last == .hs22 }

    /// `HS92-HS22`, or `HS22` for a single revision.
    public var description: String { first == last ? first.code : "\(first.code)-\(last.code)" }

    /// Reads `HS92-HS22`, `HS12–HS22` (hyphen or en dash) or a single `HS22`.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { String($0).trimmingCharacters() }
        guard parts.count == 1 || parts.count == 2, let first = HSRevision(parts[0]), let last = HSRevision(parts[parts.count - 1]),
            first <= last
        else { return nil }
        self.init(first, last)
    }
}
