import MineralGraphFormats

/// The options that answer diagnostics. The libraries say what is missing in their own words
/// ("pick one of its years"), free of command-line syntax; the tool adds the option that gives
/// it as a last note, by diagnostic code.
enum CommandLineHints {
    static let notes: [String: String] = [
        DiagnosticCode.missingYear: "--year YEAR gives the year",
        .severalYears: "--year YEAR picks one year",
        .noRowsOfYear: "--year YEAR picks one of its years",
        .severalRevisions: "--year YEAR picks one year",
        .missingStage: "--stage mining|processing|manufacturing gives the stage",
        .unknownStage: "--stage gives the stage of every row",
        .missingMineral: "--mineral NAME gives the mineral",
        .unknownMineral: "--mineral NAME gives the mineral of every row",
        .ambiguousBasis: "--basis gives the basis of plain tonnes",
        .unknownBasis: "--basis takes element, gross or a compound",
        .volumeUnit: "--density KG_PER_M3 converts volumes to tonnes",
        .badQuantity: "--blank zero|withheld says how blank cells are read",
    ].reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }

    /// `error` with the option that answers each diagnostic added as its last note.
    static func adding(to error: DiagnosticError) -> DiagnosticError {
        var error = error
        error.diagnostics = error.diagnostics.map(adding(to:))
        return error
    }

    static func adding(to diagnostic: Diagnostic) -> Diagnostic {
        guard let hint = notes[diagnostic.code] else { return diagnostic }
        var diagnostic = diagnostic
        diagnostic.notes.append(Diagnostic.Note(hint))
        return diagnostic
    }
}
