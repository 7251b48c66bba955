import MineralGraphCore
import MineralGraphFormats

extension FuzzTarget {
    /// The graph fuzzed edit scripts are applied to: the layouts the patcher must keep (comments
    /// at every indentation, a literal block, flow-style items, a first key that is not the id,
    /// aliases for countries and minerals, blank lines between some items and not others).
    public static let sampleGraph = """
        # A hand-written graph for the edit fuzzer.

        format: mineral-graph/1
        name: Fuzzed cobalt chain   # the title
        year: 2023
        description: |-
          Two mines, two refiners, one market.
        units:
          mass: t
          value: USD

        sources:
          - id: usgs                     # the main source
            title: "Mineral Commodity Summaries 2024"

        nodes:
          # --- mining ---
          - id: cod-kamoto
            name: Kamoto mine
            kind: mine
            country: Congo (Kinshasa)
            outputs:
              - mineral: cobalt
                tonnes: 100000           # hydroxide
                contained_tonnes: 30000
                value_usd: 4.9e8
              - mineral: Cu
                contained_tonnes: 200000
            water:
              aware_cf: 0.56
            source: usgs
            notes: Largest producer.     # keep this comment
        # a comment at column 0 inside the node list
          - {id: idn-hpal, name: "Indonesian HPAL", kind: mine, country: IDN, outputs: [{mineral: cobalt, contained_tonnes: 9000}]}
          - name: Chinese refiners
            id: chn-refiners
            kind: processor
            country: CN
            outputs:
              - mineral: cobalt
                contained_tonnes: 39000
          - id: fin-kokkola
            kind: processor
        # a comment at column 0 inside the last but one node
            country: FIN
            outputs:
              - {mineral: cobalt, contained_tonnes: 3000}

          - id: chn-market
            kind: consumer
            country: CHN

        flows:
          - from: cod-kamoto
            to: chn-refiners
            mineral: cobalt
            contained_tonnes: 27000   # most of it
            notes: "Hydroxide, cif China."
          - from: cod-kamoto
            to: fin-kokkola
            mineral: cobalt
            contained_tonnes: 3000
          - {from: idn-hpal, to: chn-refiners, mineral: cobalt, contained_tonnes: 9000}
          - from: chn-refiners
            to: chn-market
            mineral: cobalt
        # inside the last flow
            contained_tonnes: 36000
        """ + "\n"

    /// ``sampleGraph`` read.
    static let sampleDocument: GraphDocument = {
        do {
            return try GraphFileReader().read(text: sampleGraph, file: "sample.yaml")
        } catch {
            fatalError("the fuzzers' sample graph does not read: \(error)")
        }
    }()

    /// A few BACI rows of codes the built-in map knows, imported with fuzzed product maps.
    static let sampleBACI = """
        t,i,j,k,v,q
        2022,180,156,260500,1000,10
        2022,180,156,810520,250.5,NA
        2022,36,156,253090,40,2
        2022,156,410,283691,12,0.5
        """ + "\n"

    /// The built-in HS product map.
    static let builtInMap: HSProductMap = {
        do {
            return try HSProductMap.builtIn()
        } catch {
            fatalError("the built-in product map does not read: \(error)")
        }
    }()
}

extension FuzzTarget {
    /// Edits of every form (docs/editing.md), seeds of the edit-script target.
    public static let sampleEdits = """
        # What if DRC cobalt output halves?
        nodes[country=COD,kind=mine].output[cobalt]*=0.5
        node[cod-kamoto].notes="Two\\nlines"
        node[chn-refiners].capacity_tonnes=60000
        node[cod-kamoto].water.withdrawal_m3_per_t=120
        flow[cod-kamoto->chn-refiners].contained_tonnes+=500
        flows[from.country=COD,to.country!=COD].value_usd*=1.1
        node[idn-hpal].name=null
        add node {id: mar-refinery, kind: processor, country: Morocco, outputs: [{mineral: cobalt, contained_tonnes: 500}]}
        add flow {from: cod-kamoto, to: mar-refinery, mineral: cobalt, contained_tonnes: 500}
        remove flow[idn-hpal->chn-refiners]
        rename node[fin-kokkola] fin-refinery
        remove node[chn-market]
        """ + "\n"

    /// Seeds for this target made from graph files' texts (fixtures and bundled graphs): the
    /// texts themselves for the YAML readers and round trips, their DOT and JSON exports for
    /// those readers, and ``sampleEdits`` line by line for edit scripts. Graph texts that do
    /// not read give no export. Trade and production tables and scenarios are seeded from
    /// their own fixtures by `Fuzz/run.sh`; this adds nothing for them.
    public func seeds(fromGraphs texts: [String]) -> [[UInt8]] {
        let documents = texts.compactMap { try? GraphFileReader().read(text: $0, file: "seed.yaml") }
        switch self {
        case .graphYAML, .editRoundTrip, .exportRoundTrip:
            return texts.map { Array($0.utf8) } + [Array(Self.sampleGraph.utf8)]
        case .dot:
            return documents.map { Array(DOTDataWriter().write($0.graph).utf8) }
        case .jsonGraph:
            return documents.map { Array(JSONGraphWriter().write($0.graph).utf8) }
        case .editScript:
            return [Array(Self.sampleEdits.utf8)] + Self.sampleEdits.split(separator: "\n").map { Array($0.utf8) }
        case .scenario, .productionCSV, .tradeCSV:
            return []
        }
    }
}
