/// The code of a ``ValidationIssue``: a stable kebab-case name (`unknown-country`) that
/// scripts and tests match on, and the one place these names are spelled.
public enum ValidationCode: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case awareOutOfRange = "aware-out-of-range"
    case consumptionAboveWithdrawal = "consumption-above-withdrawal"
    case controlCharacter = "control-character"
    case countryOutOfPeriod = "country-out-of-period"
    case duplicateNodeId = "duplicate-node-id"
    case duplicateOtherCountries = "duplicate-other-countries"
    case duplicateOutput = "duplicate-output"
    case duplicateSourceId = "duplicate-source-id"
    case emptyFlow = "empty-flow"
    case emptyId = "empty-id"
    case emptyName = "empty-name"
    case implausibleYear = "implausible-year"
    case massBalance = "mass-balance"
    case mineralNotOutput = "mineral-not-output"
    case negativeQuantity = "negative-quantity"
    case nonFinite = "non-finite"
    case outputAboveCapacity = "output-above-capacity"
    case selfLoop = "self-loop"
    case shareAbove100 = "share-above-100"
    case shipsMoreThanOutput = "ships-more-than-output"
    case unknownCountry = "unknown-country"
    case unknownCountryScheme = "unknown-country-scheme"
    case unknownMineral = "unknown-mineral"
    case unknownNode = "unknown-node"
    case wasteToNonWasteNode = "waste-to-non-waste-node"

    public var description: String { rawValue }
}
