import ArgumentParser
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Propagate a scenario's shocks through a graph and report before and after.",
        discussion: """
            Runs the supply-driven propagation of METHODS §4.3 (topological order, proportional \
            rationing, Leontief multi-input nodes, recycling loops to a fixed point) under two \
            bounds, without and with substitution from spare capacity, and reports per node, \
            country and group the shortfall, stranded volume and value at risk, and every report \
            figure (HHI and ΔHHI, import-source HHI, unequal exchange, value added) before and \
            after. When the graph has uncertain figures, the scenario is applied to each of \
            --draws Monte Carlo draws of the graph (--seed, as in report) and the headline \
            figures get their --interval. Formats: md (default), html, json, or all (with \
            --out-dir: DIR/<scenario-file-stem>.md, .html, .json). Scenario files: docs/whatif.md.
            """
    )

    enum FormatOption: String, ExpressibleByArgument, CaseIterable {
        case md, html, txt, json, all
        var formats: [ReportFormat] {
            self == .all ? [.markdown, .html, .json] : [ReportFormat(rawValue: rawValue)!]
        }
    }

    @Argument(help: "The graph file (- for standard input).")
    var graph: String

    @Argument(help: "The scenario file.")
    var scenario: String

    @Option(help: "Output format: md, html, txt, json, or all (md, html and json; needs --out-dir).")
    var format: FormatOption = .md

    @Option(name: .shortAndLong, help: "Write to this file (- for standard output).")
    var output: String?

    @Option(help: "Write DIR/<scenario-file-stem>.<ext> for each format.")
    var outDir: String?

    @Option(help: "Also write the shocked graph of each bound as DIR/<scenario-file-stem>.no-substitution.yaml and .with-substitution.yaml.")
    var writeGraphs: String?

    @Option(help: "Loops stop when the largest change of a sweep is below this share of the total baseline flow.")
    var tolerance: Double = ShockPropagationOptions.default.relativeTolerance

    @Option(help: "Most sweeps per loop before the result is flagged as not converged.")
    var maxIterations: Int = ShockPropagationOptions.default.maxIterations

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var detail: DetailOption

    @OptionGroup var typography: TypographyOptions

    func validate() throws {
        if output != nil && outDir != nil { throw ValidationError("use either --output or --out-dir, not both") }
        if format == .all && outDir == nil { throw ValidationError("--format all writes several files: give --out-dir") }
        if scenario == "-" { throw ValidationError("the scenario is read from a file; only the graph can come from standard input") }
        if !(tolerance > 0 && tolerance < 1) { throw ValidationError("--tolerance must be between 0 and 1") }
        if maxIterations < 1 { throw ValidationError("--max-iterations must be at least 1") }
    }

    func run() throws {
        let graphDocument = try loadValidDocument(graph, refusal: "no what-if run")
        let scenarioDocument: ScenarioDocument
        do {
            scenarioDocument = try ScenarioFileReader().read(contentsOf: scenario)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        let warnings = scenarioDocument.validate(against: graphDocument.graph)
        if !warnings.isEmpty { printError(DiagnosticRenderer(text: scenarioDocument.text).render(warnings)) }

        let builder = WhatIfReportBuilder(
            reports: detail.applied(to: try reportOptions.builder()),
            options: ShockPropagationOptions(relativeTolerance: tolerance, maxIterations: maxIterations))
        let report: WhatIfReport
        do {
            report = try builder.build(
                graph: graphDocument.graph, scenario: scenarioDocument.scenario,
                graphFile: graph == "-" ? nil : URL(fileURLWithPath: graph).lastPathComponent,
                scenarioFile: URL(fileURLWithPath: scenario).lastPathComponent)
        } catch {
            if case .scenario(let failure) = error {
                printError(scenarioDocument.error(failure).description)
                throw ExitCode.failure
            }
            throw UserError("\(graph): \(error)")
        }

        // Format everything first, so that a failure leaves no file half-updated.
        let stem = URL(fileURLWithPath: scenario).deletingPathExtension().lastPathComponent
        var outputs: [(path: String, text: String)] = []
        for reportFormat in format.formats {
            let text = typography.apply(try WhatIfFormatter(format: reportFormat).format(report), format: reportFormat)
            let path = outDir.map { URL(fileURLWithPath: $0).appendingPathComponent("\(stem).\(reportFormat.fileExtension)").path }
            outputs.append((path ?? output ?? "-", text))
        }
        if let writeGraphs {
            for bound in report.result.bounds {
                let path = URL(fileURLWithPath: writeGraphs).appendingPathComponent("\(stem).\(bound.bound.rawValue).yaml").path
                let header = [
                    "# The \(bound.bound.title) bound of scenario \(report.scenario.id) applied to \(graph).",
                    "# Written by `mineral-graph whatif`; regenerate rather than edit.",
                ]
                outputs.append((path, GraphFileWriter().write(bound.graph, headerComment: header)))
            }
        }
        try writeOutputs(outputs, creating: [outDir, writeGraphs].compactMap { $0 }, inputs: [graph, scenario])
    }
}
