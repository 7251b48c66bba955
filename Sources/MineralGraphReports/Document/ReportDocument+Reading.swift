import MineralGraphAnalysis
import MineralGraphCore

extension ReportDocument {
    /// "Reading": one plain-language paragraph per mineral, generated from the report's numbers —
    /// who dominates extraction and processing, what share of the value added each captures,
    /// where the water and waste burden sits and the net mass and money positions — saying what
    /// is unknown and why when inputs are missing. Figures that cover the whole graph rather than
    /// one mineral (value shares by group, water, waste balance, trade) join the mineral's
    /// paragraph when the graph has one mineral, and form a paragraph of their own otherwise.
    @Sendable static func readingSection(_ report: Report) -> [Block] {
        var blocks: [Block] = [.heading(level: 2, text: "Reading: where the value and the burden sit")]
        let minerals = orderedUnique(
            report.concentration.map(\.mineral) + (report.valueAdded?.valueCapture.map(\.mineral) ?? []))
        let whole = WholeGraphReading(report)
        if minerals.isEmpty {
            let text = ["The graph has no production at any stage, so no shares can be read from it."] + whole.all
            blocks.append(.paragraph([.text(text.joined(separator: " "))]))
        } else if minerals.count == 1 {
            let mineral = MineralReading(report, minerals[0])
            let sentences = mineral.supply + mineral.value + whole.groupValue + whole.water + mineral.waste + whole.waste + whole.trade
            blocks.append(paragraph(minerals[0], sentences))
        } else {
            for id in minerals {
                let mineral = MineralReading(report, id)
                blocks.append(paragraph(id, mineral.supply + mineral.value + mineral.waste))
            }
            if !whole.all.isEmpty {
                blocks.append(.paragraph([.strong("All minerals together."), .text(" " + whole.all.joined(separator: " "))]))
            }
        }
        let scheme = report.settings.scheme
        blocks.append(.paragraph([.emphasis(
            "Country groups: \(scheme.title) (scheme \(scheme.id), as of \(scheme.asOf)). Value added is a gross margin over materials at the graph's price year. The sections below give every figure and say why a missing one is missing.")]))
        return blocks
    }

    static func paragraph(_ mineral: MineralID, _ sentences: [String]) -> Block {
        .paragraph([.strong("\(Display.mineral(mineral))."), .text(" " + sentences.joined(separator: " "))])
    }

    /// The largest supplier of a market.
    struct Leader {
        var name: String
        var country: CountryCode
        var share: Double?

        init?(_ row: Report.ConcentrationRow?) {
            guard let row, row.hhi != nil, let top = row.top.first else { return nil }
            name = top.name
            country = top.country
            share = top.share
        }
    }

    /// The sentences about one mineral: supply, value capture, end of life.
    struct MineralReading {
        var supply: [String] = []
        var value: [String] = []
        var waste: [String] = []

        init(_ report: Report, _ mineral: MineralID) {
            let name = Display.inSentence(Display.mineral(mineral))
            func market(_ stage: Stage) -> Report.ConcentrationRow? {
                report.concentration.first { $0.mineral == mineral && $0.stage == stage && $0.year == report.graph.year }
                    ?? report.concentration.first { $0.mineral == mineral && $0.stage == stage }
            }
            let mining = market(.mining)
            let processing = market(.processing)
            // A graph with several years says which year its shares are (the graph's year).
            let multiYear = Set(report.concentration.map(\.year)).count > 1
            func when(_ row: Report.ConcentrationRow) -> String { multiYear ? " in \(row.year)" : "" }
            let miner = Leader(mining)
            let processor = Leader(processing)

            // Who dominates extraction and processing. A stage whose figures are only shipments
            // (trade data) is read as exports, never as mining or processing (METHODS §1.10).
            func exports(_ row: Report.ConcentrationRow) -> String? {
                guard row.unavailable?.code == .noProductionFigures else { return nil }
                let verb = row.stage == .mining ? "mining" : row.stage.rawValue
                guard let exports = report.exportConcentration.first(where: { $0.mineral == mineral && $0.stage == row.stage }),
                      let top = exports.top.first
                else { return "the graph states no \(verb) output of \(name), only shipments" }
                return "the graph states no \(verb) output of \(name), only shipments: \(top.name) ships \(Display.percent(top.share)) "
                    + "of the \(name) exported from the \(row.stage.rawValue) stage (\(exports.basis)), a share of exports, not of production"
            }
            var clauses: [String] = []
            if let mining {
                if let clause = exports(mining) {
                    clauses.append(clause)
                } else if let miner {
                    clauses.append("\(miner.name) mines \(Display.percent(miner.share)) of the \(name) in this graph\(when(mining)) (\(mining.basis))" + Self.caveat(mining))
                } else {
                    clauses.append("who mines the \(name) in this graph is unknown (\(Self.unknownShares(mining)))")
                }
            }
            if let processing {
                let object = mining == nil ? "of the \(name) in this graph\(when(processing)) (\(processing.basis))" : "of it" + when(processing)
                if let clause = exports(processing) {
                    clauses.append(clause)
                } else if let processor {
                    let verb = processor.country == miner?.country ? "also processes" : "processes"
                    clauses.append("\(processor.name) \(verb) \(Display.percent(processor.share)) \(object)" + Self.caveat(processing))
                } else {
                    clauses.append("who processes it is unknown (\(Self.unknownShares(processing)))")
                }
            }
            if clauses.isEmpty, let row = report.concentration.first(where: { $0.mineral == mineral }), let top = Leader(row) {
                let verb = row.stage == .waste ? "receives" : row.stage == .manufacturing ? "manufactures" : "supplies"
                let object = row.stage == .waste ? "of the \(name) reaching waste destinations" : "of the \(name) at the \(row.stage.rawValue) stage"
                clauses.append("the graph measures no mining or processing output of \(name); \(top.name) \(verb) \(Display.percent(top.share)) \(object) (\(row.basis))")
            }
            if !clauses.isEmpty {
                var sentence = Display.capitalized(clauses.joined(separator: " and "))
                if let groups = mining?.groupShares, mining?.unavailable?.code != .noProductionFigures {
                    sentence += "; developing economies mine \(Display.percent(groups.developing)) of it, the least developed countries \(Display.percent(groups.ldc))"
                }
                supply.append(sentence + ".")
            }

            if let va = report.valueAdded {
                value = Self.valueSentences(va, mineral: mineral, miner: miner, processor: processor)
            }

            // Where the end-of-life material goes (contained tonnes received by waste destinations).
            if let row = market(.waste), let groups = row.groupShares, row.totalTonnes > 0, mining != nil || processing != nil {
                var text = "Of the \(name) reaching waste destinations (\(row.basis)), developing economies receive \(Display.percent(groups.developing))"
                if abs(groups.developingExclChina - groups.developing) >= 0.0005 {
                    text += " (\(Display.percent(groups.developingExclChina)) without China)"
                }
                waste.append(text + " and developed economies \(Display.percent(groups.developed)).")
            }
        }

        static func caveat(_ row: Report.ConcentrationRow) -> String {
            var parts: [String] = []
            if !row.complete { parts.append("some figures are withheld") }
            if row.residualFlag { parts.append("\(Display.percent(row.residualShare)) is unattributed \"other countries\"") }
            return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
        }

        static func unknownShares(_ row: Report.ConcentrationRow) -> String {
            row.unavailable.map { "\(Display.words($0.code)): \($0.reason)" } ?? "no supplier has a figure"
        }

        static func valueSentences(_ va: Report.ValueAddedSection, mineral: MineralID, miner: Leader?, processor: Leader?) -> [String] {
            let measured = va.measured
            guard let capture = va.valueCapture.first(where: { $0.mineral == mineral }) else { return [] }
            guard !measured.stages.isEmpty, let total = measured.totalUsd.value else {
                let reason = measured.excluded.first.map {
                    "the value added of the \($0.stage.rawValue) stage is unknown (\(Display.innermostExample($0.unavailable)))"
                } ?? (measured.totalUsd.unavailable.map { Display.innermostExample($0) } ?? "no node has a value")
                return ["How the value added is shared cannot be read, because \(reason)."]
            }
            var sentences: [String] = []
            let scope: String
            if measured.complete {
                scope = "of the chain's value added (\(Display.usd(total)) at \(va.priceYear) prices)"
            } else {
                let stages = Display.series(measured.stages.map(\.rawValue))
                let unknown = Display.series(measured.excluded.map { $0.stage.rawValue })
                let example = measured.excluded.first.map { " (\(Display.innermostExample($0.unavailable)))" } ?? ""
                sentences.append(
                    "The value added of the \(unknown) stage\(measured.excluded.count == 1 ? " is" : "s is") unknown\(example), so value shares are read over \(stages), which add \(Display.usd(total)) at \(va.priceYear) prices.")
                scope = "of that value added"
            }
            func item(_ leader: Leader) -> Report.ValueCaptureItem? {
                capture.countries.first { $0.party.kind == .country && $0.party.id == leader.country.rawValue }
            }
            func share(_ item: Report.ValueCaptureItem) -> Double? {
                (measured.complete ? item.valueShare : item.measuredValueShare).value
            }
            var text = ""
            if let miner, let m = item(miner), let s = share(m) {
                text = "\(miner.name) captures \(Display.percent(s)) \(scope)"
                let ratio = measured.complete ? m.valueCaptureRatio : m.measuredValueCaptureRatio
                let gap = measured.complete ? m.gap : m.measuredGap
                if let r = ratio.value, let g = gap.value {
                    let direction = g < 0 ? "below" : "above"
                    // V2 counts the "other countries" residual in the mining total, as C1 does.
                    text += ": a value-capture ratio of \(Display.ratio(r)), \(NumberFormatting.grouped(abs(g) * 100, decimals: 1)) percentage points \(direction) its \(Display.percent(m.physicalShare.value)) share of the mining"
                }
            }
            if let processor, processor.country != miner?.country, let p = item(processor), let s = share(p) {
                text += text.isEmpty ? "\(processor.name) captures \(Display.percent(s)) \(scope)" : "; \(processor.name) captures \(Display.percent(s))"
            }
            if !text.isEmpty { sentences.append(text + ".") }
            return sentences
        }
    }

    /// The sentences about the whole graph: value by group, water, waste balance, trade.
    struct WholeGraphReading {
        var groupValue: [String] = []
        var water: [String] = []
        var waste: [String] = []
        var trade: [String] = []

        var all: [String] { groupValue + water + waste + trade }

        init(_ report: Report) {
            if let va = report.valueAdded, let sentence = Self.groupValueSentence(va) { groupValue = [sentence] }
            if let sentence = Self.waterSentence(report) { water = [sentence] }
            if let sentence = Self.wasteSentence(report) { waste = [sentence] }
            trade = Self.tradeSentences(report)
        }

        static func share(_ rows: [Report.PartyShare], _ group: CountryGroup) -> Double? {
            rows.first { $0.party.kind == .group && $0.party.id == group.rawValue }?.share.value
        }

        static func groupValueSentence(_ va: Report.ValueAddedSection) -> String? {
            let measured = va.measured
            guard !measured.stages.isEmpty, let developing = share(measured.groups, .developing),
                  let developed = share(measured.groups, .developed) else { return nil }
            let scope = measured.complete ? "the chain's value added" : "the value added over \(Display.series(measured.stages.map(\.rawValue)))"
            var text = "Developing economies capture \(Display.percent(developing)) of \(scope)"
            if let exclChina = share(measured.groups, .developingExcludingChina), abs(exclChina - developing) >= 0.0005 {
                text += " (\(Display.percent(exclChina)) without China)"
            }
            text += ", developed economies \(Display.percent(developed))"
            if let ldc = share(measured.groups, .leastDeveloped) { text += " and the least developed countries \(Display.percent(ldc))" }
            return text + "."
        }

        static func waterSentence(_ report: Report) -> String? {
            guard let water = report.water, water.coverage.producingNodes > 0 else { return nil }
            let producers = water.coverage.producingNodes
            let missing = water.coverage.intensities.consumption.missing.count
            guard let bb = report.burdenBenefit,
                  let developing = bb.groups.first(where: { $0.party.id == CountryGroup.developing.rawValue }),
                  let consumption = developing.burdens.first(where: { $0.burden == BurdenResource.waterConsumption.rawValue }),
                  let share = consumption.share.value else {
                let count = missing == producers
                    ? "none of the \(producers) producing nodes states a water-consumption intensity"
                    : "\(missing) of the \(producers) producing nodes state no water-consumption intensity"
                let stated = missing == producers ? "" : " (the stated figures are in the water section)"
                return "Where the water burden sits cannot be read: \(count), so the chain's water use is unknown\(stated)."
            }
            var text = "Developing economies account for \(Display.percent(share)) of the water consumed along the chain"
            if let aware = developing.burdens.first(where: { $0.burden == BurdenResource.scarcityWeightedWater.rawValue })?.share.value {
                text += " (\(Display.percent(aware)) once weighted by local scarcity)"
            }
            if let ratio = consumption.ratio.value, let value = developing.valueShare.value {
                text += " against \(Display.percent(value)) of the value added: a burden–benefit ratio of \(Display.ratio(ratio))"
                    + (consumption.band.map { " (\($0.replacingAll("-", with: " ")))" } ?? "")
            } else if let reason = consumption.ratio.unavailable {
                text += "; the burden–benefit ratio is unknown (\(Display.words(reason.code)))"
            }
            return text + "."
        }

        static func wasteSentence(_ report: Report) -> String? {
            guard let waste = report.waste, waste.wasteFlowCount > 0,
                  let developing = waste.groups.first(where: { $0.party.id == CountryGroup.developing.rawValue }),
                  let share = developing.wasteReceivedShare.value else { return nil }
            var text = "Developing economies receive \(Display.percent(share)) of the waste in the graph (gross tonnes"
            if let net = developing.wasteTonnes.net.value, net != 0 {
                text += "; \(net > 0 ? "net imports" : "net exports") of \(Display.amount(abs(net))) t from outside the group"
            }
            text += ")"
            if let value = developing.recoveredValueUsd.exported.value, value > 0 {
                text += " and send recovered fractions worth \(Display.usd(value)) back to developed economies"
                if let ratio = developing.valueRecaptureRatio.value {
                    text += ", \(Display.ratio(ratio)) times the value of the waste they import"
                } else if let reason = developing.valueRecaptureRatio.unavailable {
                    text += " (against the value of the waste they import: unknown, \(Display.words(reason.code)))"
                }
            }
            return text + "."
        }

        static func tradeSentences(_ report: Report) -> [String] {
            guard let ue = report.unequalExchange else { return [] }
            guard ue.tradeBalance.contains(where: { $0.party.kind == .country && $0.exportFlows + $0.importFlows > 0 }) else {
                return ["No product flows cross a border, so there is no mass-against-money trade position to read."]
            }
            var subjects: [CountryOrGroup] = []
            if let mining = report.concentration.first(where: { $0.stage == .mining }), let top = Leader(mining) {
                subjects.append(.country(top.country))
            }
            subjects.append(.group(.developing))
            let texts = subjects.compactMap { party in
                ue.tradeBalance.first { $0.party.kind == party.kind && $0.party.id == party.id }.flatMap(position)
            }
            return texts.isEmpty ? [] : ["In trade, " + texts.joined(separator: "; ") + "."]
        }

        /// A party's net mass and money position in words; `nil` without trade.
        static func position(_ row: Report.TradeBalanceRow) -> String? {
            guard row.exportFlows + row.importFlows > 0 else { return nil }
            let isGroup = row.party.kind == .group
            let name = isGroup ? Display.inSentence(row.party.name) + " as a group" : row.party.name
            let verb = isGroup ? "are" : "is"
            let (a, plural) = isGroup ? ("", "s") : ("a ", "")
            let mass: String
            if let net = row.tonnes.net.value {
                mass = net < 0 ? "\(a)net exporter\(plural) of \(Display.amount(-net)) t of product (gross)"
                    : net > 0 ? "\(a)net importer\(plural) of \(Display.amount(net)) t of product (gross)" : "balanced in mass"
            } else if let net = row.containedTonnes.net.value {
                mass = (net < 0 ? "\(a)net exporter\(plural) of \(Display.amount(-net)) t contained"
                    : net > 0 ? "\(a)net importer\(plural) of \(Display.amount(net)) t contained" : "balanced in contained tonnes")
                    + " (gross tonnes are not stated for every flow)"
            } else {
                mass = "of unknown mass balance (\(Display.words(row.tonnes.net.unavailable?.code ?? .missingTonnes)))"
            }
            let money: String
            if let tb = row.tradeBalanceUsd.value {
                money = tb > 0 ? "a trade surplus of \(Display.usd(tb))" : tb < 0 ? "a trade deficit of \(Display.usd(-tb))" : "balanced trade in money"
            } else {
                money = "an unknown money balance (\(Display.words(row.tradeBalanceUsd.unavailable?.code ?? .missingValue)))"
            }
            var text = "\(name) \(verb) \(mass) with \(money)"
            if row.eueFlag == true {
                text += ": the unequal-exchange pattern (EUE flag), more mass leaving than arriving without a matching monetary surplus"
            } else if row.compensatedExporter == true {
                text += ", compensated in money (no EUE flag)"
            } else if row.eueFlag == false {
                text += " (no EUE flag)"
            } else if let reason = row.unavailable {
                text += ", so the EUE flag cannot be set (\(Display.words(reason.code)))"
            }
            return text
        }
    }
}

extension Display {
    /// The innermost reason of a nested "n of m terms unavailable, for example: …" message.
    static func innermost(_ reason: Unavailable) -> String {
        let text = reason.reason
        guard let range = text.range(of: "for example: ", options: .backwards) else { return text }
        return String(text[range.upperBound...])
    }

    /// The innermost reason, with "among others" when several terms were missing.
    static func innermostExample(_ reason: Unavailable) -> String {
        innermost(reason) + (reason.reason.contains("terms unavailable, for example: ") ? ", among others" : "")
    }

    /// `text` with its first letter lowercased when the next one is lowercase too ("Cobalt" →
    /// "cobalt", "E-waste (WEEE)" and "LDCs" unchanged), for use inside a sentence.
    static func inSentence(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 1, characters[0].isUppercase, characters[1].isLowercase else { return text }
        return characters[0].lowercased() + String(characters.dropFirst())
    }

    /// `text` with its first letter uppercased.
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
