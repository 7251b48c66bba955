import MineralGraphCore

/// The visual vocabulary of supply-chain diagrams: colours, shapes and line widths.
///
/// Fills by development group use three colours of the Okabe–Ito palette that stay distinct
/// under the common colour-vision deficiencies and differ in lightness (sky blue, yellow,
/// vermillion); Okabe, M. & Ito, K. (2008), *Color Universal Design*,
/// https://jfly.uni-koeln.de/color/. Fills by stage share use the five-class ColorBrewer
/// "YlOrBr" sequential scheme, which is colour-blind safe (https://colorbrewer2.org).
public enum DiagramStyle {
    /// Font for all text: DejaVu Sans, which the set-up installs (Debian `fonts-dejavu-core`),
    /// so that layouts, and the committed SVGs, are the same on every machine; a font name
    /// fontconfig does not find would be replaced by whatever the machine has, with other
    /// widths. SVG output names CSS fallbacks after it (``svgFontFamily``).
    public static let fontName = "DejaVu Sans"

    /// The `font-family` written into SVG: DejaVu Sans, then Verdana (DejaVu Sans descends from
    /// Bitstream Vera, whose widths Verdana's resemble), then any sans-serif.
    public static let svgFontFamily = "DejaVu Sans,Verdana,sans-serif"

    /// Fill of a development group.
    public static func fill(_ group: DevelopmentGroup) -> String {
        switch group {
        case .developed: "#56B4E9"
        case .developing: "#F0E442"
        case .leastDeveloped: "#D55E00"
        }
    }

    /// Upper bounds of the stage-share classes (the last class is open).
    public static let shareClassBounds: [Double] = [0.05, 0.15, 0.30, 0.50]
    /// Fills of the five stage-share classes, light to dark.
    public static let shareFills = ["#FFFFD4", "#FED98E", "#FE9929", "#D95F0E", "#993404"]

    /// The class (0…4) of a stage share.
    public static func shareClass(_ share: Double) -> Int {
        shareClassBounds.firstIndex { share < $0 } ?? shareClassBounds.count
    }

    /// Legend text of share class `index`: `<5 %`, `5–15 %`, `≥50 %`.
    public static func shareClassTitle(_ index: Int) -> String {
        func percent(_ value: Double) -> String { NumberFormatting.compact(value * 100) }
        if index == 0 { return "<" + percent(shareClassBounds[0]) + " %" }
        if index == shareClassBounds.count { return "≥" + percent(shareClassBounds[index - 1]) + " %" }
        return percent(shareClassBounds[index - 1]) + "–" + percent(shareClassBounds[index]) + " %"
    }

    /// Text colour readable on `fill`.
    public static func fontColor(onFill fill: String) -> String {
        fill == shareFills[3] || fill == shareFills[4] ? "white" : "black"
    }

    /// Fill of "other" summary nodes and of nodes whose share is unknown.
    public static let neutralFill = "#EEEEEE"

    /// Edge colours.
    public static let productColor = "#555555"
    public static let wasteColor = "#CC79A7"
    public static let recyclingColor = "#009E73"
    public static let summaryColor = "#A0A0A0"

    /// Widest line, in points, drawn for the largest flow; others are proportional.
    public static let maximumPenWidth = 16.0
    /// Thinnest line drawn, so that tiny flows stay visible.
    public static let minimumPenWidth = 0.6

    /// The Graphviz shape of a node kind.
    public static func shape(_ kind: NodeKind) -> String {
        switch kind {
        case .mine: "invtrapezium"
        case .processor: "box"
        case .manufacturer: "component"
        case .consumer: "ellipse"
        case .wasteDestination(.recycling): "hexagon"
        case .wasteDestination: "cylinder"
        }
    }

    /// What a shape stands for, in the legend.
    public static func shapeMeaning(_ shape: String) -> String {
        switch shape {
        case "invtrapezium": "inverted trapezium = mine"
        case "box": "box = processor"
        case "component": "component box = manufacturer"
        case "ellipse": "ellipse = consumer"
        case "hexagon": "hexagon = recycler"
        case "cylinder": "cylinder = waste destination"
        default: shape
        }
    }
}
