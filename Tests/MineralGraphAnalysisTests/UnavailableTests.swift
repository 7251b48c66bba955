import Testing
import MineralGraphCore

@testable import MineralGraphAnalysis

@Test func unavailableDescribesCodeAndReason() {
    #expect(Unavailable(.noSupply, "total quantity is zero").description == "NO_SUPPLY: total quantity is zero")
}
