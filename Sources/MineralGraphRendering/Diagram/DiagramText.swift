import MineralGraphCore

/// The words and numbers diagrams print: quantities, shares, money, stage and kind names.
///
/// Fixed, locale-independent formats (via ``NumberFormatting``), so DOT output is
/// deterministic.
enum DiagramText {
    /// `170,000`, `12.5`, `0.25`: grouped thousands from 1,000, up to two decimals below.
    static func quantity(_ value: Double) -> String {
        abs(value) >= 1000 ? NumberFormatting.grouped(value) : NumberFormatting.compact(value, decimals: 2)
    }

    /// `170,000 t Co` for contained tonnes, `40,000 t (gross)` when some figure is gross.
    static func tonnes(_ value: Double, mineral: MineralID, contained: Bool) -> String {
        let basis = MineralCatalog.info(mineral)?.containedBasis ?? "t"
        if !contained { return quantity(value) + " t (gross)" }
        return quantity(value) + " " + basis
    }

    /// `USD 3.6 bn`, `USD 360 M`, `USD 12 k`, `USD 950`; negative values keep their sign.
    static func usd(_ value: Double) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "−" : ""
        let (scaled, suffix): (Double, String) =
            magnitude >= 1e9 ? (magnitude / 1e9, " bn")
            : magnitude >= 1e6 ? (magnitude / 1e6, " M")
            : magnitude >= 1e3 ? (magnitude / 1e3, " k") : (magnitude, "")
        return "USD " + sign + NumberFormatting.compact(scaled, decimals: scaled >= 100 ? 0 : 1) + suffix
    }

    /// `68 %`, `4.2 %`, `<0.1 %`.
    static func share(_ value: Double) -> String {
        if value > 0 && value < 0.001 { return "<0.1 %" }
        let percent = value * 100
        return NumberFormatting.compact(percent, decimals: percent >= 10 ? 0 : 1) + " %"
    }

    /// `mine`/`mines` and so on, for counts of facilities at a stage.
    static func facilities(_ count: Int, at stage: Stage) -> String {
        let (one, many) = switch stage {
        case .mining: ("mine", "mines")
        case .processing: ("processor", "processors")
        case .manufacturing: ("manufacturer", "manufacturers")
        case .use: ("consumer", "consumers")
        case .waste: ("waste site", "waste sites")
        }
        return "\(count) " + (count == 1 ? one : many)
    }

    /// A node kind in words: `mine`, `waste destination (informal)`.
    static func kind(_ kind: NodeKind) -> String {
        switch kind {
        case .wasteDestination(let fate): "waste destination (\(fate.rawValue))"
        default: kind.keyword
        }
    }

    /// `DR Congo (COD)`.
    static func country(_ code: CountryCode) -> String {
        (CountryTable.country(code)?.name).map { "\($0) (\(code))" } ?? code.rawValue
    }

    /// `Mining`.
    static func stageTitle(_ stage: Stage) -> String {
        stage.rawValue.prefix(1).uppercased() + stage.rawValue.dropFirst()
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word gets
    /// a line of its own); existing line breaks are kept.
    static func wrap(_ text: String, width: Int = 26) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph in
            var lines: [String] = []
            var line = ""
            for word in paragraph.split(separator: " ") {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// An output in words: `cobalt 170,000 t Co contained (570,000 t cobalt hydroxide), USD 5.1 bn`;
    /// `contained_tonnes` on the output's own basis (`lithium 149,800 t Li₂O contained`,
    /// `graphite 79,372 t gross`).
    static func output(_ output: Output) -> String {
        var parts: [String] = []
        if let contained = output.containedTonnes {
            if let basis = output.basis ?? MineralCatalog.info(output.mineral)?.referenceBasis {
                parts.append(quantity(contained) + " " + basis.unitLabel(for: output.mineral) + (basis.isContained ? " contained" : ""))
            } else {
                parts.append(tonnes(contained, mineral: output.mineral, contained: true) + " contained")
            }
        }
        if let gross = output.tonnes {
            let text = quantity(gross) + " t" + (output.product.map { " " + $0 } ?? "")
            parts.append(output.containedTonnes == nil ? text : "(" + text + ")")
        } else if let product = output.product {
            parts.append("(" + product + ")")
        }
        var text = output.mineral.rawValue + (parts.isEmpty ? " (quantity not reported)" : " " + parts.joined(separator: " "))
        if let value = output.valueUSD { text += ", " + usd(value) }
        return text
    }

    /// Water use in words, or `not reported`.
    static func water(_ water: WaterUse?) -> String {
        guard let water, !water.isEmpty else { return "not reported" }
        var parts: [String] = []
        if let v = water.withdrawalM3PerTonne { parts.append("withdrawal \(quantity(v)) m³/t") }
        if let v = water.consumptionM3PerTonne { parts.append("consumption \(quantity(v)) m³/t") }
        if let v = water.brineM3PerTonne { parts.append("brine \(quantity(v)) m³/t") }
        if let v = water.seawaterM3PerTonne { parts.append("seawater \(quantity(v)) m³/t") }
        if let v = water.awareFactor { parts.append("AWARE factor \(quantity(v))") }
        if let v = water.baselineWaterStress { parts.append("baseline water stress \(share(v))") }
        return parts.joined(separator: ", ")
    }
}
