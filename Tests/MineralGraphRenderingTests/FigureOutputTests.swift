import Foundation
import MineralGraphCore
import Testing
@testable import MineralGraphRendering

/// Publication figures: resolution, deterministic PDF, JPEG, the font named in SVG.
@Suite("Figure output")
struct FigureOutputTests {
    let graph: SupplyGraph

    init() throws {
        graph = try Fixtures.cobalt()
    }

    /// Width and height of a PNG from its IHDR chunk.
    static func pngSize(_ data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        func int(_ offset: Int) -> Int { bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    @Test func dpiScalesBitmapsOnly() throws {
        let normal = Self.pngSize(try DiagramRenderer().render(graph, as: .png).data)
        let print = Self.pngSize(try DiagramRenderer(figure: FigureOptions(dpi: 300)).render(graph, as: .png).data)
        let ratio = Double(print.0) / Double(normal.0)
        #expect(abs(ratio - 300.0 / 96) < 0.05, "\(normal) → \(print)")
        // SVG is the same with or without --dpi (Graphviz 2.43 would scale its size, not its viewBox).
        #expect(try DiagramRenderer(figure: FigureOptions(dpi: 300)).render(graph, as: .svg).data
                == DiagramRenderer().render(graph, as: .svg).data)
    }

    @Test func sizeFitsTheDrawingIntoTheBox() throws {
        let figure = FigureOptions(dpi: 100, size: FigureOptions.Size(widthInches: 3.5, heightInches: 10))
        let (width, height) = Self.pngSize(try DiagramRenderer(figure: figure).render(graph, as: .png).data)
        // Scaled to 3.5 in wide at 100 dpi (height follows the aspect ratio, within 10 in).
        #expect(abs(width - 350) <= 2, "\(width)×\(height)")
        #expect(height <= 1000)
    }

    @Test func scaleSaysHowLargeTextPrints() throws {
        func width(_ svg: Data) throws -> Double {
            let text = String(decoding: svg, as: UTF8.self)
            let match = try #require(text.firstMatch(of: /<svg width="([0-9.]+)pt"/))
            return Double(match.1)!
        }
        let unsized = DiagramRenderer(figure: FigureOptions(fontScale: 2))
        let natural = try width(unsized.render(graph, as: .svg).data)
        #expect(try unsized.render(graph, as: .svg).scale == nil)
        let figure = FigureOptions(size: FigureOptions.Size(widthInches: 3.5, heightInches: 100), fontScale: 2)
        let fitted = try DiagramRenderer(figure: figure).render(graph, as: .svg)
        let scale = try #require(fitted.scale)
        // Graphviz's own scaling: 252 pt wide from the natural width (pad included).
        #expect(abs(scale - 252 / natural) < 0.005, "\(scale) vs \(252 / natural)")
        #expect(abs(try width(fitted.data) - 252) < 1)
        #expect(fitted.nodeTextPoints(fontScale: 2) == 20 * scale)
    }

    @Test func pdfIsTheSameBytesTwiceAndHasNoRunDate() throws {
        let first = try DiagramRenderer().render(graph, as: .pdf).data
        Thread.sleep(forTimeInterval: 1.1)  // cairo's date has whole seconds
        let second = try DiagramRenderer().render(graph, as: .pdf).data
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(!text.contains("/CreationDate"))
        #expect(text.hasPrefix("%PDF-") && text.contains("%%EOF"))
    }

    @Test func pdfDatesFollowSourceDateEpochAndKeepOffsets() {
        let pdf = Data("1 0 obj\n<< /Producer (cairo) /CreationDate (D:20261206234623Z) >>\nendobj\nxref 42\n".utf8)
        let fixed = DeterministicPDF.fixingDates(pdf, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(String(decoding: fixed, as: UTF8.self).contains("/CreationDate (D:20231114221320Z)"))
        #expect(fixed.count == pdf.count)
        let blanked = DeterministicPDF.fixingDates(pdf, environment: [:])
        #expect(blanked.count == pdf.count)
        #expect(String(decoding: blanked, as: UTF8.self) == "1 0 obj\n<< /Producer (cairo) " + String(repeating: " ", count: 33) + " >>\nendobj\nxref 42\n")
        // The offset forms keep their length too; an epoch that is not a number blanks.
        let offset = Data("/ModDate (D:20240101000000+01'00')".utf8)
        #expect(String(decoding: DeterministicPDF.fixingDates(offset, environment: ["SOURCE_DATE_EPOCH": "0"]), as: UTF8.self)
                == "/ModDate (D:19700101000000+00'00')")
        #expect(DeterministicPDF.fixingDates(offset, environment: ["SOURCE_DATE_EPOCH": "soon"]) == Data(repeating: 0x20, count: offset.count))
    }

    @Test func jpegIsARealJPEGWhereGraphvizHasTheRenderer() throws {
        guard GraphvizRenderer.supportsFormat("jpg") else {
            print("skipped: this Graphviz has no JPEG renderer")
            return
        }
        let jpeg = try DiagramRenderer().render(graph, as: .jpg).data
        #expect(Array(jpeg.prefix(3)) == [0xFF, 0xD8, 0xFF])
        #expect(GraphvizRenderer.supportsFormat("svg"))
        #expect(!GraphvizRenderer.supportsFormat("no-such-format"))
    }

    @Test func svgNamesDejaVuSansWithFallbacks() throws {
        let svg = String(decoding: try DiagramRenderer().render(graph, as: .svg).data, as: UTF8.self)
        #expect(svg.contains("font-family=\"DejaVu Sans,Verdana,sans-serif\""))
        #expect(!svg.contains("font-family=\"DejaVu Sans\""))
        #expect(!svg.contains("Helvetica"))
    }

    @Test func formatsComeFromExtensions() {
        #expect(RenderFormat(fileExtensionOf: "a/b.JPEG") == .jpg)
        #expect(RenderFormat(fileExtensionOf: "x.jpg") == .jpg)
        #expect(RenderFormat(fileExtensionOf: "x.txt") == nil)
        #expect(RenderFormat(fileExtensionOf: "dir.svg/x") == nil)
        #expect(RenderFormat.jpg.isBinary && RenderFormat.jpg.isBitmap && !RenderFormat.pdf.isBitmap)
    }
}
