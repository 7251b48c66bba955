import MineralGraphAnalysis
import MineralGraphCore

/// The node and region rows of a what-if run that the shock touches under either bound, with
/// each lower-bound row's upper-bound twin.
///
/// A node row is affected when it falls short, strands volume, changes its activity or
/// delivers spare capacity; a region row when it falls short or strands volume. The Markdown
/// and HTML tables list these rows, and so does the JSON without `--detail`
/// (``WhatIfReport/detail``). Rows are matched on node and mineral (regions: country or group,
/// mineral and stage) through dictionaries, so that pairing stays linear in the rows.
struct AffectedRows {
    private struct NodeKey: Hashable {
        var node: String
        var mineral: MineralID
    }

    private struct RegionKey: Hashable {
        var party: String
        var mineral: MineralID
        var stage: Stage
    }

    private let upperNodes: [NodeKey: NodeShock]
    private let upperRegions: [RegionKey: RegionShock]
    private let nodes: Set<NodeKey>
    private let regions: Set<RegionKey>

    init(_ result: ShockResult) {
        let key = { (row: NodeShock) in NodeKey(node: row.nodeID, mineral: row.mineral) }
        let regionKey = { (row: RegionShock) in RegionKey(party: row.party.id, mineral: row.mineral, stage: row.stage) }
        var nodes = Set<NodeKey>(), regions = Set<RegionKey>()
        for bound in result.bounds {
            for row in bound.nodes where Self.isAffected(row) { nodes.insert(key(row)) }
            for row in bound.regions where Self.isAffected(row) { regions.insert(regionKey(row)) }
        }
        self.nodes = nodes
        self.regions = regions
        upperNodes = Dictionary(result.withSubstitution.nodes.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        upperRegions = Dictionary(result.withSubstitution.regions.map { (regionKey($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the node's row for its mineral is affected under either bound.
    func contains(_ row: NodeShock) -> Bool { nodes.contains(NodeKey(node: row.nodeID, mineral: row.mineral)) }

    /// Whether the region's row for its mineral and stage is affected under either bound.
    func contains(_ row: RegionShock) -> Bool {
        regions.contains(RegionKey(party: row.party.id, mineral: row.mineral, stage: row.stage))
    }

    /// The upper bound's row of the same node and mineral.
    func upper(_ row: NodeShock) -> NodeShock? { upperNodes[NodeKey(node: row.nodeID, mineral: row.mineral)] }

    /// The upper bound's row of the same country or group, mineral and stage.
    func upper(_ row: RegionShock) -> RegionShock? {
        upperRegions[RegionKey(party: row.party.id, mineral: row.mineral, stage: row.stage)]
    }

    static func isAffected(_ row: NodeShock) -> Bool {
        row.shortfallTonnes != 0 || row.strandedTonnes != 0 || row.outputRatio != 1 || row.substitutionOutTonnes != 0
    }

    static func isAffected(_ row: RegionShock) -> Bool {
        row.shortfallTonnes != 0 || row.strandedTonnes != 0
    }
}

extension WhatIfReport {
    /// The rows the shock touches under either bound (``AffectedRows``).
    var affected: AffectedRows { AffectedRows(result) }

    /// Whether the JSON carries every node and region row and every figure (`whatif --detail`,
    /// the reports' ``ReportBuilder/detail``), rather than what the Markdown shows: affected
    /// rows and changed figures.
    public var detail: Bool { before.detail }
}
