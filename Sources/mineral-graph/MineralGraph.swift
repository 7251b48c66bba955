import ArgumentParser
import MineralGraphFormats

@main
struct MineralGraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mineral-graph",
        abstract: "Analyse critical-mineral supply chains as graphs.",
        discussion: """
            Graph files are YAML (see docs/graph-format.md). Every command that reads a graph \
            reports problems as FILE:LINE:COLUMN and exits non-zero on errors.
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, SummaryCommand.self, FormatCommand.self, EditCommand.self, ReportCommand.self,
            RenderCommand.self, ImportCommand.self, ExportCommand.self, WhatIfCommand.self, DiffCommand.self,
            TradeHHICommand.self, MergeCommand.self, TrendCommand.self, BriefCommand.self, MapCommand.self,
        ]
    )

    static func main() {
        OutputFile.removeTemporaryFilesOnSignals()
        main(nil)
    }
}
