import ArgumentParser
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the metrics of two graph files: every report figure before and after.",
        discussion: """
            Builds the report of each graph (as `mineral-graph report` does) and joins their figures: \
            HHI per mineral and stage with ΔHHI and band changes, import-source HHI, value added, \
            unequal exchange, water and waste. Formats: md (default), html, txt, json, csv; see \
            docs/whatif.md. When either graph has uncertain figures, each changed headline index \
            also gets the interval of its change over paired Monte Carlo draws and whether the change \
            exceeds the uncertainty (--draws, --seed, --interval; docs/methods.md §11.4). Exit status: 0, also when the graphs differ; with --exit-code, 0 when \
            no figure differs, 1 when some do, 2 on an error (like diff(1)).
            """
    )

    @Argument(help: "The graph before (- for standard input).")
    var before: String

    @Argument(help: "The graph after (- for standard input).")
    var after: String

    @Option(help: "Output format: md, html, txt, json or csv.")
    var format: ReportFormat = .markdown

    @Option(name: .shortAndLong, help: "Write to this file (- for standard output).")
    var output: String = "-"

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var detail: DetailOption

    @OptionGroup var spreadsheet: SpreadsheetOptions

    @OptionGroup var typography: TypographyOptions

    @Flag(help: "Leave unchanged figures out.")
    var changedOnly = false

    @Flag(help: "Exit with 1 when some figure differs and 2 on an error.")
    var exitCode = false

    func validate() throws {
        if before == "-" && after == "-" { throw ValidationError("only one of the graphs can be read from standard input") }
        try spreadsheet.check(writesCSV: format == .csv, format: format.rawValue)
    }

    func run() throws {
        let comparison: ReportComparison
        do {
            let builder = detail.applied(to: try reportOptions.builder())
            let (a, b) = (try loadValidDocument(before, refusal: "not compared"), try loadValidDocument(after, refusal: "not compared"))
            do {
                comparison = try builder.compare(
                    a.graph, file: before == "-" ? "<stdin>" : before, with: b.graph, file: after == "-" ? "<stdin>" : after)
            } catch {
                throw UserError("\(before), \(after): \(error)")
            }
            var text = try ComparisonFormatter(format: format, changedOnly: changedOnly).format(comparison)
            text = format == .csv ? spreadsheet.csv(text) : typography.apply(text, format: format)
            try writeOutputs([(output, text)], inputs: [before, after])
        } catch {
            guard exitCode else { throw error }
            if !(error is ExitCode) { printError(MineralGraph.fullMessage(for: error) + "\n") }
            throw ExitCode(2)
        }
        if exitCode && !comparison.isUnchanged { throw ExitCode(1) }
    }
}

extension ReportFormat: ExpressibleByArgument {}
