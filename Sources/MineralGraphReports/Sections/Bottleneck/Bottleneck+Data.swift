import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    public struct BottleneckCandidate: Codable, Hashable, Sendable {
        public var stage: Stage
        public var hhi: Double?
        public var hhiLo: Double?
        public var hhiHi: Double?
        public var complete: Bool

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(stage, forKey: .stage)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(hhiLo, forKey: .hhiLo)
            try c.encode(hhiHi, forKey: .hhiHi)
            try c.encode(complete, forKey: .complete)
        }
    }

    public struct BottleneckRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var year: Int
        public var stage: Stage?
        public var hhi: Double?
        public var band: ConcentrationBand?
        public var tie: Bool
        public var robust: Bool
        public var candidates: [BottleneckCandidate]
        public var unavailable: Unavailable?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mineral, forKey: .mineral)
            try c.encode(year, forKey: .year)
            try c.encode(stage, forKey: .stage)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(band, forKey: .band)
            try c.encode(tie, forKey: .tie)
            try c.encode(robust, forKey: .robust)
            try c.encode(candidates, forKey: .candidates)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }
}
