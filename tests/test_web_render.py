"""Offset highlighting and the SVG pictures, without a server."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.records import Analysis, Entity, Figure
from newsprism.web.highlight import Mark, analysis_marks, parse_span, pieces
from newsprism.web.map import Place, label_box, map_picture
from newsprism.web.svg import timeline_picture


def test_pieces_cover_text_and_nest() -> None:
    text = "Ida Holtz said \"no deal\" in Tarvik."
    marks = [Mark(0, 9, "ent ent-person", "PERSON: Ida Holtz", "/entities/Ida%20Holtz"),
             Mark(15, 24, "quote", "quote"), Mark(0, 35, "event", "event"),
             Mark(28, 34, "place", "place: Tarvik"), Mark(5, 3, "bad", "reversed"),
             Mark(30, 99, "bad", "past the end")]
    out = pieces(text, marks)
    assert "".join(p.text for p in out) == text
    first = out[0]
    assert first.text == "Ida Holtz" and first.link == "/entities/Ida%20Holtz"
    assert "event" in first.classes and "ent-person" in first.classes
    tarvik = next(p for p in out if p.text == "Tarvik")
    assert tarvik.classes == "event place"
    assert all("bad" not in p.classes for p in out)


def test_anchor_marks_only_the_first_piece() -> None:
    text = "alpha beta gamma"
    out = pieces(text, [Mark(0, 16, "cited", "cited", anchor="hl"), Mark(6, 10, "ent", "x")])
    assert [p.anchor for p in out] == ["hl", None, None]


@settings(deadline=None)  # the machine is shared; timing is not what this tests
@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=12))
def test_pieces_always_rebuild_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    out = pieces(text, [Mark(a, b, "k", "") for a, b in spans])
    assert "".join(p.text for p in out) == text


def test_analysis_marks_from_records() -> None:
    analysis = Analysis(
        article_id="a", versions={"entities": "1", "figures": "1"},
        entities=[Entity(text="NATO", type="ORG", canonical="NATO", start=0, end=4)],
        figures=[Figure(value=30000.0, text="30,000 troops", object="troops", qualifier="up to",
                        start=10, end=23)])
    marks = analysis_marks(analysis)
    assert {m.kind for m in marks} == {"ent ent-org", "fig"}
    assert any("up to 30000 troops" in m.label for m in marks)
    assert next(m for m in marks if m.kind == "ent ent-org").link == "/entities/NATO"


def test_parse_span() -> None:
    assert parse_span("3-9", 100) == (3, 9)
    assert parse_span("3-900", 100) == (3, 100)
    assert parse_span("9-3", 100) is None and parse_span("x-1", 100) is None and parse_span(None, 5) is None


def test_map_frames_the_places_on_country_outlines() -> None:
    pic = map_picture([Place("Kyiv", 50.45, 30.52, 2, "UKR"), Place("Minsk", 53.9, 27.57, 1, "BLR"),
                       Place("Ukraine", 49.0, 31.4, 5, "UKR")])
    x0, y0, w, h = (float(v) for v in pic.view_box.split())
    assert w < 60 and h < 40, "a regional story is framed, not the whole world"
    for mk in pic.markers:
        assert x0 <= mk.x <= x0 + w and y0 <= mk.y <= y0 + h
    assert [m.name for m in pic.markers] == ["Ukraine", "Kyiv", "Minsk"] and pic.markers[1].count == 2
    assert pic.markers[0].r == 0 and pic.markers[1].r > 0, "a country is shaded, not dotted"
    shapes = {c.name: c for c in pic.land}
    assert {"Ukraine", "Belarus", "Poland"} <= set(shapes), "neighbours are drawn around the places"
    assert shapes["Ukraine"].named and shapes["Belarus"].named and not shapes["Poland"].named
    ring = shapes["Ukraine"].d
    assert ring.startswith("M") and ring.endswith("Z") and ring.count("L") > 20, "a polygon, not dots"
    world = map_picture([])
    assert world.view_box.split()[2] == "360.00" and not world.markers
    assert len(world.land) > 150 and all("Z" in c.d for c in world.land)


def test_map_frame_skips_a_large_countrys_centre_but_keeps_a_small_one() -> None:
    pic = map_picture([Place("Kharkiv", 49.99, 36.23, 6, "UKR"), Place("Russia", 60.0, 100.0, 9, "RUS")])
    x0, y0, w, h = (float(v) for v in pic.view_box.split())
    assert x0 + w < 100 + 180, "Russia's centre in Siberia does not frame a story about Kharkiv"
    assert next(c for c in pic.land if c.name == "Russia").named
    pic = map_picture([Place("Mumbai", 19.07, 72.88, 3, "IND"), Place("Somalia", 6.0, 48.0, 2, "SOM")])
    x0, y0, w, h = (float(v) for v in pic.view_box.split())
    assert x0 <= 48 + 180 <= x0 + w and x0 <= 72.88 + 180 <= x0 + w, "a small country frames the map"


def test_map_country_shapes_come_from_the_shipped_data() -> None:
    from newsprism import lexicon
    from newsprism.web.map import countries

    doc = lexicon.json_file("world_110m.json")
    assert "Natural Earth" in doc["about"] and "world-atlas" in doc["about"]
    russia = next(c for c in countries() if c.iso3 == "RUS")
    west, south, east, north = russia.box
    assert 40 < south < 45 and 75 < north < 82 and west < 30 and east > 179


@settings(deadline=None, max_examples=60, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["Aa", "Bbbbbbbb", "Cc Ccccc", "Ddddddddddddd", "E"]),
                          st.floats(40, 55), st.floats(10, 35), st.integers(1, 9)),
                min_size=1, max_size=14))
def test_map_labels_never_overlap(raw: list[tuple[str, float, float, int]]) -> None:
    places = [Place(f"{name} {i}", lat, lon, n) for i, (name, lat, lon, n) in enumerate(raw)]
    pic = map_picture(places, labels=14)
    boxes = [label_box(m, pic.font) for m in pic.markers if m.label]
    assert boxes, "the most mentioned place is always labelled"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    x0, y0, w, h = (float(v) for v in pic.view_box.split())
    assert all(x0 <= b[0] and b[2] <= x0 + w and y0 <= b[1] and b[3] <= y0 + h for b in boxes)


def test_timeline_keeps_the_busy_weeks() -> None:
    entries = [("2022-02-10", "Thursday", "drills began", 3), ("2022-02-10", "today", "talks", 1),
               ("2022-02-20", "20 February", "drills end", 2), ("2014-03-18", "2014", "annexation", 1),
               (None, "last Monday", "statement", 1), ("2022", "this year", "record", 1),
               ("2022-02", "in February", "talks", 1)]
    pic = timeline_picture(entries)
    assert [p.date for p in pic.points] == ["2022-02-10", "2022-02-10", "2022-02-20"]
    assert pic.undated == 4, "a year or month alone is listed, never drawn on its first day"
    assert pic.points[0].y != pic.points[1].y, "same-day entries stack"
    assert pic.ticks[0].label == "2022-02-10" and pic.points[-1].x > pic.points[0].x


def test_story_page_flags_a_quote_whose_wording_differs() -> None:
    from newsprism.stories.view_records import QuoteItem, Span, SpeakerQuotes, StoryView
    from newsprism.web.pages import _env
    from newsprism.web.story import build_model

    item = QuoteItem(text="we will not reopen the pier", kind="direct", articles=["a1", "a2"],
                     spans=[Span(article_id="a1", start=0, end=27)],
                     discrepancy="one version has a negation the other lacks")
    view = StoryView(story_id="s1", title="Pier", quotes=[SpeakerQuotes(speaker="Ines Vale", quotes=[item])])
    html = _env.get_template("story.html").render(m=build_model(view), view=view)
    assert 'class="discrepancy"' in html and "one version has a negation" in html


def test_outlet_cards_and_map_escape_untrusted_text() -> None:
    from newsprism.stories.view_records import (
        MapPlace,
        Member,
        QuoteItem,
        SpeakerQuotes,
        StoryView,
    )
    from newsprism.web.pages import _env
    from newsprism.web.story import build_model

    evil = "<script>window.pwned=1</script><img src=x onerror=alert(1)>"
    members = [Member(id="a1", outlet="<b>Alpha</b>", title=evil), Member(id="b1", outlet="Beta")]
    quotes = [SpeakerQuotes(speaker=evil, quotes=[QuoteItem(text=evil, kind="direct", articles=["a1"])])]
    places = [MapPlace(name=evil, lat=50.0, lon=30.0, mentions=3, articles=["a1"])]
    view = StoryView(story_id="s1", title=evil, members=members, quotes=quotes, places=places)
    html = _env.get_template("story.html").render(m=build_model(view, {"a1": evil}), view=view)
    assert "<script>" not in html and "<img" not in html and "<b>Alpha" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert html.count('class="outlet-card"') == 2 and "Only &lt;b&gt;Alpha&lt;/b&gt; reports" in html


def test_article_part_counts_what_its_lists_leave_out() -> None:
    from newsprism.records import Quote
    from newsprism.web.article_parts import MAX_LISTED, part_of

    text = "The pier board met and said so. " * 400
    quotes = [Quote(text="said so", kind="indirect", start=i * 32 + 22, end=i * 32 + 29) for i in range(300)]
    part = part_of(text, [], quotes, [], 1, None)
    assert len(part.quotes) == MAX_LISTED and part.quotes_total == 300 and part.more_listed
    assert part.events_total == 0
