"""One seat-icon drawing: the pygame drawer and the HTML (SVG) draw the same eight shapes from
`game.content.icons`, and the eight shapes are eight different shapes everywhere."""

from __future__ import annotations

import os
import re
import typing

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from game.content.icons import ICON_SHAPES, icon_parts  # noqa: E402
from game.content.schema import SeatDef  # noqa: E402
from game.session.templating import environment  # noqa: E402
from game.ui.draw import icon  # noqa: E402


def test_the_table_has_every_shape_content_may_name():
    allowed = typing.get_args(SeatDef.model_fields["icon"].annotation)
    assert set(allowed) == set(ICON_SHAPES)


def _mask(shape: str) -> frozenset[tuple[int, int]]:
    surf = pygame.Surface((40, 40))
    surf.fill((0, 0, 0))
    icon(surf, shape, (20, 20), 16, (200, 0, 0), outline=(200, 0, 0))
    return frozenset((x, y) for x in range(40) for y in range(40) if surf.get_at((x, y))[0] > 100)


def test_pygame_draws_eight_different_shapes():
    masks = {s: _mask(s) for s in ICON_SHAPES}
    assert len(set(masks.values())) == len(ICON_SHAPES)
    assert (20, 20) not in masks["ring"] and (20, 20) in masks["circle"]  # the ring is hollow


def test_svg_draws_the_same_geometry_as_pygame():
    macro = environment().get_template("svg.html.j2").module.icon
    svgs = {}
    for shape in ICON_SHAPES:
        svg = str(macro(shape, "#123456", 34))
        svgs[shape] = svg
        parts = icon_parts(shape, 17, 17, 34 * 0.42)
        polys = re.findall(r'<polygon points="([^"]+)"', svg)
        assert polys == [p.svg_points for p in parts if p.kind == "polygon"], shape
        circles = re.findall(r'<circle [^>]*r="([\d.]+)"', svg)
        assert [float(r) for r in circles] == [round(p.radius if p.kind == "disc" else p.mid_radius, 2)
                                              for p in parts if p.kind != "polygon"], shape
    assert len(set(svgs.values())) == len(ICON_SHAPES)  # no two shapes share a drawing (as the report once did)
    assert 'fill="none"' in svgs["ring"]
