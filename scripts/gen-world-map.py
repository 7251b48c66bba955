#!/usr/bin/env python3
"""Builds Sources/MineralGraphRendering/Resources/world-110m.tsv, the country outlines of
`mineral-graph map`, from Natural Earth's 1:110m admin-0 countries (public domain).

    python3 scripts/gen-world-map.py ne_110m_admin_0_countries.geojson > \
        Sources/MineralGraphRendering/Resources/world-110m.tsv

Source: Natural Earth, "Admin 0 - Countries", 1:110m cultural vectors, version 4 (177 features)
(https://www.naturalearthdata.com/downloads/110m-cultural-vectors/; the file
geojson/ne_110m_admin_0_countries.geojson of github.com/nvkelso/natural-earth-vector).
Natural Earth is in the public domain ("No permission is needed to use Natural Earth").

What this does (standard library only, deterministic output):
- the ISO 3166-1 alpha-3 code of each feature is ISO_A3, or ADM0_A3 where Natural Earth gives
  -99 (France and Norway, whose overseas parts make ISO_A3 ambiguous); Kosovo is written XKX
  as mineral-graph spells it; Northern Cyprus and Somaliland, which have no ISO code, are drawn
  as parts of Cyprus and Somalia; Antarctica is left out (no mineral supply, a third of the
  map's height);
- projects longitude and latitude with the Equal Earth projection (Šavrič, Patterson & Jenny
  2018, International Journal of Geographical Information Science 33(3)), an equal-area
  projection, so that the area of a country on the map is proportional to its real area;
- scales to a 1,000-unit-wide frame with y downwards, simplifies each ring with
  Douglas-Peucker at 0.35 units, drops rings smaller than 1 square unit (tiny islets) unless
  they are a country's only ring, and rounds to 0.1 units;
- writes one line per country, sorted by code: code, name, label point x and y (centre of the
  largest ring's area, or the middle of its widest horizontal stretch where that centre falls
  outside the ring) and the SVG path data ("M x y L ... Z", absolute coordinates).
"""
import json
import math
import sys

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
WIDTH = 1000.0
X_MAX = 2.7063   # Equal Earth x at longitude 180°, latitude 0
Y_MAX = 1.3173   # Equal Earth y at latitude 90°
SCALE = WIDTH / (2 * X_MAX)
TOLERANCE = 0.35
MIN_AREA = 1.0

RENAME = {"KOS": "XKX", "CYN": "CYP", "SOL": "SOM"}
SKIP = {"ATA"}


def project(lon, lat):
    lam = math.radians(lon)
    theta = math.asin(M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return (x + X_MAX) * SCALE, (Y_MAX - y) * SCALE


def douglas_peucker(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, index = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def area_and_centre(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0]
    return abs(area), (cx / (6 * area), cy / (6 * area))


def inside(point, ring):
    x, y = point
    result = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            result = not result
    return result


def label_point(ring, centre):
    """The area centre when it lies inside the ring; otherwise (Chile, Norway, Vietnam: thin or
    bent shapes whose centre falls outside) the middle of the widest stretch of the ring on
    the horizontal line through the centre."""
    if inside(centre, ring):
        return centre
    y = centre[1]
    crossings = sorted(
        x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]) if (y0 > y) != (y1 > y))
    spans = list(zip(crossings[0::2], crossings[1::2]))
    if not spans:
        return centre
    left, right = max(spans, key=lambda span: span[1] - span[0])
    return ((left + right) / 2, y)


def number(value):
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def main(path):
    with open(path, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    countries = {}
    for feature in features:
        properties = feature["properties"]
        code = properties["ISO_A3"] if properties["ISO_A3"] != "-99" else properties["ADM0_A3"]
        code = RENAME.get(properties["ADM0_A3"], code)
        if code in SKIP:
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        entry = countries.setdefault(code, {"name": None, "rings": []})
        if properties["ADM0_A3"] == code or entry["name"] is None:
            entry["name"] = properties["NAME"]
        for polygon in polygons:
            for ring in polygon:
                projected = [project(lon, lat) for lon, lat in ring]
                if projected[0] == projected[-1]:
                    projected = projected[:-1]
                entry["rings"].append(projected)

    print("# Country outlines for `mineral-graph map`: Natural Earth 1:110m admin-0 countries, version 4")
    print("# (https://www.naturalearthdata.com, public domain), Equal Earth projection, 1000 units wide,")
    print("# y downwards; simplified (Douglas-Peucker 0.35 units, rings under 1 square unit dropped), Antarctica")
    print("# left out, Northern Cyprus and Somaliland drawn with Cyprus and Somalia, Kosovo as XKX.")
    print("# Generated by scripts/gen-world-map.py. Tab-separated: a frame line (width, height), then per country")
    print("# iso3, name, label x, label y, SVG path.")
    lines = []
    bottom = 0.0
    for code in sorted(countries):
        entry = countries[code]
        rings = []
        for ring in entry["rings"]:
            simplified = douglas_peucker(ring + [ring[0]], TOLERANCE)[:-1]
            if len(simplified) < 3:
                continue
            area, centre = area_and_centre(simplified)
            rings.append((area, label_point(simplified, centre), simplified))
        if not rings:
            continue
        largest = max(rings, key=lambda r: r[0])
        kept = [r for r in rings if r[0] >= MIN_AREA] or [largest]
        path = "".join(
            "M" + " L".join(number(x) + " " + number(y) for x, y in ring) + "Z" for _, _, ring in kept)
        bottom = max([bottom] + [y for _, _, ring in kept for _, y in ring])
        lines.append("\t".join([code, entry["name"], number(largest[1][0]), number(largest[1][1]), path]))
    # The frame: the projection's full width, and from the top to the lowest point drawn.
    print(f"frame\t{number(WIDTH)}\t{number(math.ceil(bottom + 5))}")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1])
