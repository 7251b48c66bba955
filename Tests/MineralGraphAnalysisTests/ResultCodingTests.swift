import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

/// Results are Codable values that encode deterministically (reports print them as JSON).
@Suite("Result coding")
struct ResultCodingTests {
    static func roundTrip<T: Codable & Equatable>(_ value: T) throws -> (Bool, Bool) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(value)
        let second = try encoder.encode(value)
        let decoded = try JSONDecoder().decode(T.self, from: first)
        return (decoded == value, first == second)
    }

    @Test func metricValueEncodesValueOrReason() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(MetricValue(2.5)), as: UTF8.self) == #"{"value":2.5}"#)
        #expect(String(decoding: try encoder.encode(MetricValue(2.5, imputed: true)), as: UTF8.self) == #"{"imputed":true,"value":2.5}"#)
        #expect(String(decoding: try encoder.encode(MetricValue.unavailable(.noTrade, "none")), as: UTF8.self)
            == #"{"unavailable":{"code":"NO_TRADE","reason":"none"}}"#)
        #expect(MetricValue(4).divided(by: MetricValue(0), ifZero: .zeroValue, "zero").unavailable?.code == .zeroValue)
        #expect(MetricValue(4).combined(with: .unavailable(.noTrade, "a"), +).unavailable?.code == .noTrade)
        #expect(MetricValue(4, imputed: true).combined(with: MetricValue(1), +).imputed)
    }

    @Test func everyResultRoundTripsAndEncodesDeterministically() throws {
        let chain = ChainFixtures.valueChain()
        let loop = ChainFixtures.recyclingLoop()
        let checks: [(Bool, Bool)] = [
            try Self.roundTrip(WaterFootprintPass().run(on: loop)),
            try Self.roundTrip(VirtualWaterTradePass().run(on: ChainFixtures.twoCountry())),
            try Self.roundTrip(PhysicalTradeBalancePass().run(on: ChainFixtures.twoCountry())),
            try Self.roundTrip(TermsOfTradePass().run(on: ChainFixtures.twoCountry())),
            try Self.roundTrip(BurdenBenefitPass().run(on: chain)),
            try Self.roundTrip(ValueAddedPass().run(on: loop)),
            try Self.roundTrip(ValueCapturePass().run(on: chain)),
            try Self.roundTrip(StageUnitValuePass().run(on: chain)),
            try Self.roundTrip(WasteBalancePass().run(on: WasteBalanceTests.graph())),
            try Self.roundTrip(ExposurePass().run(on: loop)),
        ]
        for (index, check) in checks.enumerated() {
            #expect(check.0, "result \(index) does not round-trip")
            #expect(check.1, "result \(index) encodes differently twice")
        }
    }

    @Test func passesDoNotDependOnNodeOrFlowOrderForTheirNumbers() {
        var shuffled = ChainFixtures.recyclingLoop()
        shuffled.nodes.reverse()
        shuffled.flows.reverse()
        let a = WaterFootprintPass().run(on: ChainFixtures.recyclingLoop())
        let b = WaterFootprintPass().run(on: shuffled)
        for id in ["M", "M2", "R", "J", "Y"] {
            let x = a.nodes.first { $0.nodeID == id }!.water.consumption.embodiedM3PerTonne.value
            let y = b.nodes.first { $0.nodeID == id }!.water.consumption.embodiedM3PerTonne.value
            #expect(approx(x, y!, tolerance: 1e-12), "\(id)")
        }
        #expect(PhysicalTradeBalancePass().run(on: shuffled).countries.map(\.party.id) == ["AUS", "BEL", "CHN", "COD", "KOR"])
    }
}
