import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// The exports of ``ExportFixtures/tiny``, checked by hand: key types, escaping (`&`, `<`, quotes,
/// line breaks, commas, non-ASCII), derived attributes (DR Congo is an LDC, Finland developed),
/// flattened outputs with the second year in the name, parallel edges with their flow ids.
@Suite("Export golden text")
struct ExportGoldenTests {
    @Test func graphML() {
        expectSameLines(GraphMLWriter().write(ExportFixtures.tiny), Self.graphML + "\n")
    }

    @Test func dot() {
        expectSameLines(DOTDataWriter().write(ExportFixtures.tiny), Self.dot + "\n")
    }

    @Test func nodeLink() {
        expectSameLines(NodeLinkWriter().write(ExportFixtures.tiny), Self.nodeLink + "\n")
    }

    @Test func csvTables() {
        let tables = CSVTableWriter().write(ExportFixtures.tiny)
        expectSameLines(tables.nodes, Self.nodes + "\n")
        expectSameLines(tables.edges, Self.edges + "\n")
        #expect(CSVTableWriter().write(ExportFixtures.tiny, table: .edges) == tables.edges)
    }

    static let graphML = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- mineral-graph export: attributes in docs/export.md -->
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
          <key id="g0" for="graph" attr.name="name" attr.type="string"/>
          <key id="g1" for="graph" attr.name="year" attr.type="int"/>
          <key id="g2" for="graph" attr.name="price_year" attr.type="int"/>
          <key id="g3" for="graph" attr.name="description" attr.type="string"/>
          <key id="g4" for="graph" attr.name="group_scheme" attr.type="string"/>
          <key id="g5" for="graph" attr.name="source_1_id" attr.type="string"/>
          <key id="g6" for="graph" attr.name="source_1_title" attr.type="string"/>
          <key id="g7" for="graph" attr.name="source_1_year" attr.type="int"/>
          <key id="g8" for="graph" attr.name="other_countries_1_mineral" attr.type="string"/>
          <key id="g9" for="graph" attr.name="other_countries_1_stage" attr.type="string"/>
          <key id="g10" for="graph" attr.name="other_countries_1_tonnes" attr.type="double"/>
          <key id="n0" for="node" attr.name="label" attr.type="string"/>
          <key id="n1" for="node" attr.name="name" attr.type="string"/>
          <key id="n2" for="node" attr.name="kind" attr.type="string"/>
          <key id="n3" for="node" attr.name="fate" attr.type="string"/>
          <key id="n4" for="node" attr.name="stage" attr.type="string"/>
          <key id="n5" for="node" attr.name="country" attr.type="string"/>
          <key id="n6" for="node" attr.name="country_name" attr.type="string"/>
          <key id="n7" for="node" attr.name="development_group" attr.type="string"/>
          <key id="n8" for="node" attr.name="least_developed" attr.type="boolean"/>
          <key id="n9" for="node" attr.name="outputs" attr.type="string"/>
          <key id="n10" for="node" attr.name="output_cobalt_product" attr.type="string"/>
          <key id="n11" for="node" attr.name="output_cobalt_tonnes" attr.type="double"/>
          <key id="n12" for="node" attr.name="output_cobalt_contained_tonnes" attr.type="double"/>
          <key id="n13" for="node" attr.name="output_cobalt_value_usd" attr.type="double"/>
          <key id="n14" for="node" attr.name="output_copper_2022_tonnes" attr.type="double"/>
          <key id="n15" for="node" attr.name="capacity_tonnes" attr.type="double"/>
          <key id="n16" for="node" attr.name="water_consumption_m3_per_t" attr.type="double"/>
          <key id="n17" for="node" attr.name="source" attr.type="string"/>
          <key id="n18" for="node" attr.name="notes" attr.type="string"/>
          <key id="e0" for="edge" attr.name="flow_id" attr.type="string"/>
          <key id="e1" for="edge" attr.name="mineral" attr.type="string"/>
          <key id="e2" for="edge" attr.name="tonnes" attr.type="double"/>
          <key id="e3" for="edge" attr.name="contained_tonnes" attr.type="double"/>
          <key id="e4" for="edge" attr.name="value_usd" attr.type="double"/>
          <key id="e5" for="edge" attr.name="type" attr.type="string"/>
          <key id="e6" for="edge" attr.name="source" attr.type="string"/>
          <key id="e7" for="edge" attr.name="notes" attr.type="string"/>
          <graph id="G" edgedefault="directed">
            <data key="g0">Tiny &amp; &lt;small&gt;</data>
            <data key="g1">2023</data>
            <data key="g2">2022</data>
            <data key="g3">Two &quot;nodes&quot;
        and a loop</data>
            <data key="g4">unctad-der-2024</data>
            <data key="g5">s1</data>
            <data key="g6">Survey, 2024</data>
            <data key="g7">2024</data>
            <data key="g8">cobalt</data>
            <data key="g9">mining</data>
            <data key="g10">5</data>
            <node id="mine-a">
              <data key="n0">Mine Ä</data>
              <data key="n1">Mine Ä</data>
              <data key="n2">mine</data>
              <data key="n4">mining</data>
              <data key="n5">COD</data>
              <data key="n6">DR Congo</data>
              <data key="n7">developing</data>
              <data key="n8">true</data>
              <data key="n9">cobalt,copper@2022</data>
              <data key="n10">hydroxide</data>
              <data key="n11">100</data>
              <data key="n12">30</data>
              <data key="n13">1500000</data>
              <data key="n14">50</data>
              <data key="n15">40</data>
              <data key="n16">2.5</data>
              <data key="n17">s1</data>
            </node>
            <node id="dump">
              <data key="n0">dump</data>
              <data key="n2">waste</data>
              <data key="n3">landfill</data>
              <data key="n4">waste</data>
              <data key="n5">FIN</data>
              <data key="n6">Finland</data>
              <data key="n7">developed</data>
              <data key="n8">false</data>
              <data key="n18">a,b</data>
            </node>
            <edge source="mine-a" target="dump">
              <data key="e0">f0</data>
              <data key="e1">cobalt</data>
              <data key="e2">10</data>
              <data key="e5">waste</data>
            </edge>
            <edge source="mine-a" target="dump">
              <data key="e0">f1</data>
              <data key="e1">cobalt</data>
              <data key="e3">3</data>
              <data key="e4">0.25</data>
              <data key="e5">product</data>
              <data key="e6">s1</data>
              <data key="e7">second, &quot;parallel&quot;</data>
            </edge>
          </graph>
        </graphml>
        """#

    static let nodeLink = #"""
        {
          "directed": true,
          "multigraph": true,
          "graph": {
            "name": "Tiny & <small>",
            "year": 2023,
            "price_year": 2022,
            "description": "Two \"nodes\"\nand a loop",
            "group_scheme": "unctad-der-2024",
            "source_1_id": "s1",
            "source_1_title": "Survey, 2024",
            "source_1_year": 2024,
            "other_countries_1_mineral": "cobalt",
            "other_countries_1_stage": "mining",
            "other_countries_1_tonnes": 5
          },
          "nodes": [
            {
              "id": "mine-a",
              "label": "Mine Ä",
              "name": "Mine Ä",
              "kind": "mine",
              "stage": "mining",
              "country": "COD",
              "country_name": "DR Congo",
              "development_group": "developing",
              "least_developed": true,
              "outputs": "cobalt,copper@2022",
              "output_cobalt_product": "hydroxide",
              "output_cobalt_tonnes": 100,
              "output_cobalt_contained_tonnes": 30,
              "output_cobalt_value_usd": 1500000,
              "output_copper_2022_tonnes": 50,
              "capacity_tonnes": 40,
              "water_consumption_m3_per_t": 2.5,
              "data_source": "s1"
            },
            {
              "id": "dump",
              "label": "dump",
              "kind": "waste",
              "fate": "landfill",
              "stage": "waste",
              "country": "FIN",
              "country_name": "Finland",
              "development_group": "developed",
              "least_developed": false,
              "notes": "a,b"
            }
          ],
          "links": [
            {
              "source": "mine-a",
              "target": "dump",
              "key": "f0",
              "mineral": "cobalt",
              "tonnes": 10,
              "type": "waste"
            },
            {
              "source": "mine-a",
              "target": "dump",
              "key": "f1",
              "mineral": "cobalt",
              "contained_tonnes": 3,
              "value_usd": 0.25,
              "type": "product",
              "data_source": "s1",
              "notes": "second, \"parallel\""
            }
          ]
        }
        """#

    static let dot = #"""
        // mineral-graph data export: every attribute of the graph (docs/export.md).
        // Read it back with `mineral-graph import dot FILE`; draw it with `mineral-graph render`.
        digraph "Tiny & <small>" {
          graph [
            graph_name="Tiny & <small>"
            year="2023"
            price_year="2022"
            description="Two \"nodes\"\nand a loop"
            group_scheme="unctad-der-2024"
            source_1_id="s1"
            source_1_title="Survey, 2024"
            source_1_year="2024"
            other_countries_1_mineral="cobalt"
            other_countries_1_stage="mining"
            other_countries_1_tonnes="5"
          ];
          "mine-a" [
            label="Mine Ä"
            node_name="Mine Ä"
            kind="mine"
            stage="mining"
            country="COD"
            country_name="DR Congo"
            development_group="developing"
            least_developed="true"
            outputs="cobalt,copper@2022"
            output_cobalt_product="hydroxide"
            output_cobalt_tonnes="100"
            output_cobalt_contained_tonnes="30"
            output_cobalt_value_usd="1500000"
            output_copper_2022_tonnes="50"
            capacity_tonnes="40"
            water_consumption_m3_per_t="2.5"
            source="s1"
          ];
          "dump" [
            label="dump"
            kind="waste"
            fate="landfill"
            stage="waste"
            country="FIN"
            country_name="Finland"
            development_group="developed"
            least_developed="false"
            notes="a,b"
          ];
          "mine-a" -> "dump" [
            mineral="cobalt"
            tonnes="10"
            type="waste"
          ];
          "mine-a" -> "dump" [
            mineral="cobalt"
            contained_tonnes="3"
            value_usd="0.25"
            type="product"
            source="s1"
            notes="second, \"parallel\""
          ];
        }
        """#

    static let nodes = #"""
        id,label,name,kind,fate,stage,country,country_name,development_group,least_developed,outputs,output_cobalt_product,output_cobalt_tonnes,output_cobalt_contained_tonnes,output_cobalt_value_usd,output_copper_2022_tonnes,capacity_tonnes,water_consumption_m3_per_t,source,notes
        mine-a,Mine Ä,Mine Ä,mine,,mining,COD,DR Congo,developing,true,"cobalt,copper@2022",hydroxide,100,30,1500000,50,40,2.5,s1,
        dump,dump,,waste,landfill,waste,FIN,Finland,developed,false,,,,,,,,,,"a,b"
        """#

    static let edges = #"""
        id,from,to,mineral,tonnes,contained_tonnes,value_usd,type,source,notes
        f0,mine-a,dump,cobalt,10,,,waste,,
        f1,mine-a,dump,cobalt,,3,0.25,product,s1,"second, ""parallel"""
        """#
}
