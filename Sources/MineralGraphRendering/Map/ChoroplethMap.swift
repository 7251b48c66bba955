import Foundation
import MineralGraphCore

/// A world map of one market's country shares: what `mineral-graph map` draws, in pure Swift
/// (no Graphviz), as a self-contained SVG.
///
/// - Countries with a positive share are filled by share class, in the same five ColorBrewer
///   "YlOrBr" classes as the diagrams' `--color-by share` (<5, 5–15, 15–30, 30–50, ≥50 %,
///   ``DiagramStyle/shareFills``); countries with no supply get a neutral grey, so producers
///   and non-producers differ at a glance, and under colour-vision deficiencies (grey is not
///   in the scale).
/// - Every country path has its ISO alpha-3 code as `id` (after ``idPrefix``), the class
///   `country` plus `producer` and `share-N` for producers, and a `<title>` tooltip.
/// - The legend states the scale, the "other countries" residual (supply the source does not
///   assign to a country), suppliers the outlines cannot show (historical countries, small
///   islands) and the boundaries' source.
/// - Optional flow arrows (``flows``) run between label points, widths proportional to tonnes.
///
/// ```swift
/// let svg = ChoroplethMap(title: "Cobalt, mining, 2023", basis: "t Co", shares: [...]).svg()
/// ```
public struct ChoroplethMap: Sendable {
    /// One supplier on the map.
    public struct Supplier: Hashable, Sendable {
        public var country: CountryCode
        public var tonnes: Double
        /// Share of the market, residual included (0…1).
        public var share: Double

        public init(country: CountryCode, tonnes: Double, share: Double) {
            self.country = country
            self.tonnes = tonnes
            self.share = share
        }
    }

    /// A flow between two countries, drawn as an arrow.
    public struct FlowArrow: Hashable, Sendable {
        public var from: CountryCode
        public var to: CountryCode
        public var tonnes: Double

        public init(from: CountryCode, to: CountryCode, tonnes: Double) {
            self.from = from
            self.to = to
            self.tonnes = tonnes
        }
    }

    public var title: String
    /// What the tonnes measure ("t Co", "t Li₂O", "t gross").
    public var basis: String
    public var suppliers: [Supplier]
    /// The "other countries" residual as a share of the market (0…1), `nil` when the source
    /// gives none.
    public var residualShare: Double?
    /// Arrows, largest first (the command passes the `--flows N` largest).
    public var flows: [FlowArrow]
    /// Prefixed to every `id`, so that several maps can share one HTML page.
    public var idPrefix: String
    public var outlines: WorldOutlines

    /// Fill of countries with no supply.
    public static let noSupplyFill = "#D9D9D9"
    /// Colour of flow arrows (Okabe–Ito blue, distinct from the orange-brown scale).
    public static let flowColor = "#0072B2"
    /// Widest arrow, in map units (the map is 1,000 wide).
    public static let maximumFlowWidth = 7.0
    public static let minimumFlowWidth = 0.8

    public init(
        title: String, basis: String, suppliers: [Supplier], residualShare: Double? = nil,
        flows: [FlowArrow] = [], idPrefix: String = "", outlines: WorldOutlines = .bundled
    ) {
        self.title = title
        self.basis = basis
        self.suppliers = suppliers
        self.residualShare = residualShare
        self.flows = flows
        self.idPrefix = idPrefix
        self.outlines = outlines
    }

    /// The suppliers the outlines have no shape for, by share descending.
    public var undrawnSuppliers: [Supplier] {
        suppliers.filter { outlines.country($0.country) == nil }.sorted(by: Self.largestFirst)
    }

    static func largestFirst(_ a: Supplier, _ b: Supplier) -> Bool {
        (a.share, b.country) > (b.share, a.country)
    }

    /// The map as SVG text: same input, same bytes.
    public func svg() -> String {
        let bySupplier = Dictionary(suppliers.map { ($0.country, $0) }, uniquingKeysWith: { a, b in
            Supplier(country: a.country, tonnes: a.tonnes + b.tonnes, share: a.share + b.share)
        })
        let width = outlines.width
        let mapTop = 34.0
        let legend = legendLines()
        let legendTop = mapTop + outlines.height + 12
        let height = legendTop + 26 + Double(legend.count) * 17 + 8
        var out = ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\""
        out += " width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(idPrefix)map-title\""
        out += " font-family=\"\(DiagramStyle.svgFontFamily)\">\n"
        out += "<title id=\"\(idPrefix)map-title\">\(Self.escape(title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"10\" y=\"22\" font-size=\"17\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
        out += "<g id=\"\(idPrefix)countries\" transform=\"translate(0 \(n(mapTop)))\" stroke=\"white\" stroke-width=\"0.4\" stroke-linejoin=\"round\">\n"
        for country in outlines.countries {
            var classes = ["country"]
            let fill: String
            let tooltip: String
            if let supplier = bySupplier[country.code], supplier.share > 0 {
                let shareClass = DiagramStyle.shareClass(supplier.share)
                classes += ["producer", "share-\(shareClass)"]
                fill = DiagramStyle.shareFills[shareClass]
                tooltip = DiagramText.country(country.code) + ": " + DiagramText.share(supplier.share) + " ("
                    + DiagramText.quantity(supplier.tonnes) + " " + basis + ")"
            } else {
                fill = Self.noSupplyFill
                tooltip = DiagramText.country(country.code) + ": no supply in the data"
            }
            out += "<path id=\"\(Self.escape(idPrefix + country.code.rawValue))\" class=\"\(classes.joined(separator: " "))\""
            out += " fill=\"\(fill)\" d=\"\(country.path)\"><title>\(Self.escape(tooltip))</title></path>\n"
        }
        out += "</g>\n"
        out += flowArrows(top: mapTop)
        out += legendSVG(legend, top: legendTop)
        out += "</svg>\n"
        return out
    }

    // MARK: Flows

    private func flowArrows(top: Double) -> String {
        let drawn = flows.filter { outlines.country($0.from) != nil && outlines.country($0.to) != nil && $0.from != $0.to && $0.tonnes > 0 }
        guard let largest = drawn.map(\.tonnes).max() else { return "" }
        var out = "<defs><marker id=\"\(idPrefix)arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\""
        out += " markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 0 L10 5 L0 10 Z\" fill=\"\(Self.flowColor)\"/></marker></defs>\n"
        out += "<g id=\"\(idPrefix)flows\" transform=\"translate(0 \(n(top)))\" fill=\"none\" stroke=\"\(Self.flowColor)\" stroke-opacity=\"0.8\" stroke-linecap=\"round\">\n"
        for flow in drawn {
            let from = outlines.country(flow.from)!, to = outlines.country(flow.to)!
            let (x0, y0, x1, y1) = (from.labelX, from.labelY, to.labelX, to.labelY)
            // A quadratic curve bending to the left of the direction of travel, by a fifth of
            // its length, so that flows both ways between two countries do not overlap.
            let (dx, dy) = (x1 - x0, y1 - y0)
            let (cx, cy) = ((x0 + x1) / 2 + dy * 0.2, (y0 + y1) / 2 - dx * 0.2)
            let width = max(Self.minimumFlowWidth, Self.maximumFlowWidth * flow.tonnes / largest)
            let tooltip = DiagramText.country(flow.from) + " → " + DiagramText.country(flow.to) + ": "
                + DiagramText.quantity(flow.tonnes) + " " + basis
            out += "<path class=\"flow\" data-from=\"\(flow.from.rawValue)\" data-to=\"\(flow.to.rawValue)\" stroke-width=\"\(n(width))\""
            out += " marker-end=\"url(#\(idPrefix)arrow)\" d=\"M\(n(x0)) \(n(y0)) Q\(n(cx)) \(n(cy)) \(n(x1)) \(n(y1))\">"
            out += "<title>\(Self.escape(tooltip))</title></path>\n"
        }
        out += "</g>\n"
        return out
    }

    // MARK: Legend

    /// The legend's text lines below the swatches.
    func legendLines() -> [String] {
        var lines: [String] = []
        let top = suppliers.filter { $0.share > 0 }.sorted(by: Self.largestFirst).prefix(5)
        if !top.isEmpty {
            lines.append("Largest: " + top.map { DiagramText.country($0.country) + " " + DiagramText.share($0.share) }.joined(separator: ", "))
        }
        if let residualShare, residualShare > 0 {
            lines.append("Other countries (not assigned to a country by the source, not drawn): " + DiagramText.share(residualShare))
        } else {
            lines.append("Other countries: none stated by the source")
        }
        let undrawn = undrawnSuppliers.filter { $0.share > 0 }
        if !undrawn.isEmpty {
            lines.append("Not on the map (no outline at 1:110m): " + undrawn.prefix(6).map {
                DiagramText.country($0.country) + " " + DiagramText.share($0.share)
            }.joined(separator: ", ") + (undrawn.count > 6 ? " and \(undrawn.count - 6) more" : ""))
        }
        if !flows.isEmpty {
            lines.append("Arrows: the \(flows.count) largest flows out of the stage between countries, width ∝ tonnes (contained where given)")
        }
        lines.append("Boundaries: Natural Earth 1:110m (public domain), Equal Earth projection. Shares include the residual.")
        return lines
    }

    private func legendSVG(_ lines: [String], top: Double) -> String {
        var out = "<g id=\"\(idPrefix)legend\" font-size=\"13\" transform=\"translate(10 \(n(top)))\">\n"
        out += "<text x=\"0\" y=\"14\">Share of supply (\(Self.escape(basis))):</text>\n"
        var x = 190.0
        let swatches = DiagramStyle.shareFills.indices.map { (DiagramStyle.shareFills[$0], DiagramStyle.shareClassTitle($0)) }
            + [(Self.noSupplyFill, "no supply")]
        for (fill, label) in swatches {
            out += "<rect x=\"\(n(x))\" y=\"2\" width=\"16\" height=\"14\" fill=\"\(fill)\" stroke=\"#777777\" stroke-width=\"0.5\"/>"
            out += "<text x=\"\(n(x + 21))\" y=\"14\">\(Self.escape(label))</text>\n"
            x += 21 + Double(label.count) * 7.5 + 14
        }
        for (index, line) in lines.enumerated() {
            out += "<text x=\"0\" y=\"\(n(14 + 26 + Double(index) * 17))\">\(Self.escape(line))</text>\n"
        }
        out += "</g>\n"
        return out
    }

    // MARK: Text

    private func n(_ value: Double) -> String { DOTValue.format((value * 10).rounded() / 10) }

    static func escape(_ text: String) -> String { HTMLLabel.escape(text) }
}
