#!/usr/bin/env python3
"""Writes the large and malformed inputs of issue 19 ("Hangs and memory blow-ups") into a folder.

Usage: scripts/hostile-inputs.py OUTDIR

Nothing here is data: the files are generated so that scripts/hostile-inputs.sh can time every
reader on them (docs/limits.md). Deterministic: the same files every run.
"""
import os
import sys

MB = 1 << 20


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def big_graph(path, target_bytes):
    """A valid graph in canonical form, grown to about target_bytes: chains of a mine, a
    refinery, a manufacturer and a market with a flow between each neighbour."""
    head = (
        "format: mineral-graph/1\nname: Synthetic large graph\nyear: 2023\n"
        "units:\n  mass: t\n  value: USD\n  water: m3\n\nnodes:\n"
    )
    kinds = ["mine", "processor", "manufacturer", "consumer"]
    countries = ["COD", "CHN", "FIN", "JPN", "KOR", "USA", "DEU", "AUS"]
    node_parts = []
    flow_parts = []
    size = len(head) + len("\nflows:\n")
    i = 0
    while size < target_bytes:
        node = (
            f"  - id: n{i}\n    name: Node {i}\n    kind: {kinds[i % 4]}\n"
            f"    country: {countries[i % 8]}\n"
        )
        if i % 4 != 3:
            node += "    outputs:\n      - mineral: cobalt\n        contained_tonnes: 1000\n"
        node += "\n"
        node_parts.append(node)
        size += len(node)
        if i % 4 != 0:
            flow = (
                f"  - from: n{i - 1}\n    to: n{i}\n    mineral: cobalt\n"
                f"    contained_tonnes: 1000\n    value_usd: 33000000\n\n"
            )
            flow_parts.append(flow)
            size += len(flow)
        i += 1
    write(path, head + "".join(node_parts) + "flows:\n" + "".join(flow_parts))


def one_line_graph(path, target_bytes):
    """A valid graph in YAML flow style on a single line."""
    parts = []
    size = 0
    i = 0
    while size < target_bytes:
        part = f"{{id: n{i}, kind: mine, country: COD}}"
        parts.append(part)
        size += len(part) + 2
        i += 1
    write(path, "{format: mineral-graph/1, name: One line, year: 2023, nodes: [" + ", ".join(parts) + "]}")


def chain_graph(path, flows):
    """A valid graph of one chain: a mine, flows-1 refineries, a market."""
    parts = ["format: mineral-graph/1\nname: Chain\nyear: 2023\n\nnodes:\n"]
    for i in range(flows + 1):
        kind = "mine" if i == 0 else "consumer" if i == flows else "processor"
        parts.append(f"  - id: n{i}\n    kind: {kind}\n    country: COD\n")
        if i < flows:
            parts.append("    outputs:\n      - mineral: cobalt\n        contained_tonnes: 1\n")
        parts.append("\n")
    parts.append("flows:\n")
    for i in range(flows):
        parts.append(f"  - from: n{i}\n    to: n{i + 1}\n    mineral: cobalt\n    contained_tonnes: 1\n\n")
    write(path, "".join(parts))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)

    # Graph YAML: 60 MB valid graph, 10 MB lines, deep nesting, many keys.
    big_graph(p("big-60mb.yaml"), 60 * MB)
    chain_graph(p("chain-100k.yaml"), 100_000)
    one_line_graph(p("one-line-graph-10mb.yaml"), 10 * MB)
    write(p("one-line-plain-10mb.yaml"), "name: " + "a" * (10 * MB) + "\n")
    write(p("one-line-junk-10mb.yaml"), "x" * (10 * MB))
    write(p("deep-flow-1m.yaml"), "[" * MB + "]" * MB + "\n")
    write(p("deep-flow-lines-1m.yaml"), "a:\n" + "  [\n" * MB + "  ]\n" * MB)
    write(p("deep-block-10k.yaml"), "".join(" " * i + "- \n" for i in range(10_000)))
    write(p("deep-map-100k.yaml"), "a: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n")
    write(p("many-errors.yaml"), "format: mineral-graph/1\nname: x\nyear: 2023\nnodes:\n"
          + "".join(f"  - id: n{i}\n    kind: quarry\n    country: COD\n" for i in range(200_000)))
    write(p("unknown-countries-200k.yaml"), "name: x\nyear: 2023\nnodes:\n"
          + "".join(f"  - id: n{i}\n    kind: mine\n    country: Q{i:06d}\n" for i in range(200_000)))
    write(p("unknown-minerals-200k.yaml"), "name: x\nyear: 2023\nnodes:\n"
          + "".join(f"  - id: n{i}\n    kind: mine\n    country: COD\n    outputs:\n      - mineral: m{i}\n" for i in range(200_000)))
    write(p("unknown-flow-ends-50k.yaml"), "name: x\nyear: 2023\nnodes:\n"
          + "".join(f"  - id: node-{i}\n    kind: mine\n    country: COD\n" for i in range(50_000))
          + "flows:\n" + "".join(f"  - from: nowhere-{i}\n    to: node-{i}\n    mineral: cobalt\n" for i in range(50_000)))
    write(p("many-unknown-keys.yaml"), "".join(f"k{i}: {i}\n" for i in range(1_000_000)))

    # Scenarios.
    write(p("scenario-one-line-10mb.yaml"),
          "{format: mineral-graph-scenario/1, scenario: s, shocks: ["
          + ", ".join("{cut: {country: COD}, mineral: cobalt, fraction: 0.5}" for _ in range(200_000)) + "]}")
    write(p("scenario-deep-1m.yaml"), "shocks: " + "[" * MB + "]" * MB + "\n")
    write(p("scenario-deep-lines-1m.yaml"), "scenario: s\nshocks:\n" + "  [\n" * MB + "  ]\n" * MB)

    # Production CSV: 1M columns, a 10 MB field, many rows of errors.
    header = "mineral,stage,country,quantity,year," + ",".join(f"c{i}" for i in range(1_000_000 - 5))
    write(p("wide-1m-columns.csv"), header + "\ncobalt,mining,COD,1000,2023\n")
    write(p("wide-row-1m-fields.csv"), "mineral,stage,country,quantity,year\n"
          + "cobalt,mining,COD,1000,2023" + "," * 1_000_000 + "\n")
    write(p("one-line-10mb.csv"), "mineral,stage,country,quantity,year\ncobalt,mining,COD,1000," + "9" * (10 * MB) + "\n")
    write(p("many-bad-rows.csv"), "mineral,stage,country,quantity,year\n"
          + "".join(f"cobalt,mining,Atlantis{i},1000,2023\n" for i in range(300_000)))

    # Trade (BACI) with 1M columns.
    write(p("baci-1m-columns.csv"), "t,i,j,k,v,q" + ",x" * 1_000_000 + "\n2023,180,156,810520,1,1\n")

    # DOT: a 100k-edge chain, 100k separate edges, a 10 MB line, deep nesting.
    write(p("chain-100k.dot"), "digraph g {\n  graph [name=\"Chain\", year=2023];\n  "
          + " -> ".join(f"n{i}" for i in range(100_001)) + " [mineral=cobalt];\n}\n")
    write(p("chain-100k-valid.dot"), "digraph g {\n  graph [name=\"Chain\", year=2023];\n"
          + "  n0 [kind=mine, country=COD, outputs=cobalt, output_cobalt_contained_tonnes=1];\n"
          + "".join(f"  n{i} [kind=processor, country=CHN, outputs=cobalt, output_cobalt_contained_tonnes=1];\n" for i in range(1, 100_000))
          + "  n100000 [kind=consumer, country=USA];\n"
          + "  " + " -> ".join(f"n{i}" for i in range(100_001)) + " [mineral=cobalt, contained_tonnes=1];\n}\n")
    write(p("edges-100k.dot"), "digraph g {\n  graph [name=\"Edges\", year=2023];\n"
          + "".join(f"  n{i} [kind=mine, country=COD];\n" for i in range(100_001))
          + "".join(f"  n{i} -> n{i + 1} [mineral=cobalt, contained_tonnes=1];\n" for i in range(100_000)) + "}\n")
    write(p("one-line-10mb.dot"), "digraph g { graph [name=\"" + "a" * (10 * MB) + "\", year=2023]; }")
    write(p("many-attributes.dot"), "digraph g { n [" + ", ".join(f"a{i}=1" for i in range(1_000_000)) + "]; }")
    write(p("many-attributes-lines.dot"), "digraph g {\nn [\n" + "".join(f"a{i}=1\n" for i in range(1_000_000)) + "];\n}\n")
    write(p("unclosed-braces.dot"), "digraph g {" + "{" * MB + "\n")

    # JSON graph: a 10 MB line, deep nesting.
    write(p("one-line-10mb.json"), "{\"format\": \"mineral-graph-json/1\", \"metadata\": {\"name\": \"x\", \"year\": 2023}, \"nodes\": ["
          + ", ".join("{\"id\": \"n%d\", \"kind\": \"mine\", \"country\": \"COD\"}" % i for i in range(200_000)) + "], \"flows\": []}")
    write(p("deep-lines-1m.json"), "{\"metadata\":\n" + "[\n" * MB + "]\n" * MB + "}\n")
    write(p("deep-1m.json"), "{\"metadata\": " + "[" * MB + "]" * MB + "}")

    # Edit scripts: a 10 MB line, many edits, deep values.
    write(p("edit-one-line-10mb.txt"), "graph.description=\"" + "a" * (10 * MB) + "\"\n")
    write(p("edit-many-200k.txt"), "".join(f"node[cod-mines].notes=\"note {i}\"\n" for i in range(200_000)))
    write(p("edit-deep-1m.txt"), "add node {id: x, kind: mine, country: COD, notes: " + "[" * MB + "]" * MB + "}" + "\n")


if __name__ == "__main__":
    main()
