"""Drawing the demo pictures with Pillow: one routine per motif.

Each `content.Image` names a motif and a palette of three colours: background, main and accent. The
drawing is seeded by the image key, so the same key always gives the same picture.
"""

from __future__ import annotations

from collections.abc import Callable

from dateline.demo import content
from dateline.demo.drawing.canvas import HEIGHT, WIDTH, Canvas
from dateline.demo.drawing.landscapes import (
    draw_field,
    draw_forest,
    draw_mountains,
    draw_port,
    draw_rail,
    draw_rain,
    draw_river,
    draw_road,
    draw_rooftops,
    draw_ship,
    draw_skyline,
    draw_solar,
    draw_waves,
    draw_wind,
)
from dateline.demo.drawing.objects import (
    draw_chart,
    draw_chess,
    draw_circuit,
    draw_crowd,
    draw_dome,
    draw_globe,
    draw_lab,
    draw_orbit,
    draw_screens,
    draw_stadium,
    draw_track,
)

__all__ = ["HEIGHT", "MOTIFS", "WIDTH", "render"]

MOTIFS: dict[str, Callable[[Canvas], None]] = {
    "skyline": draw_skyline,
    "rain": draw_rain,
    "rooftops": draw_rooftops,
    "port": draw_port,
    "ship": draw_ship,
    "waves": draw_waves,
    "river": draw_river,
    "chart": draw_chart,
    "field": draw_field,
    "solar": draw_solar,
    "wind": draw_wind,
    "mountains": draw_mountains,
    "forest": draw_forest,
    "stadium": draw_stadium,
    "track": draw_track,
    "dome": draw_dome,
    "crowd": draw_crowd,
    "circuit": draw_circuit,
    "screens": draw_screens,
    "globe": draw_globe,
    "orbit": draw_orbit,
    "road": draw_road,
    "rail": draw_rail,
    "lab": draw_lab,
    "chess": draw_chess,
}


def render(image: content.Image) -> bytes:
    """The picture for `image` as a 1600×900 JPEG; the same key always gives the same bytes."""
    if image.motif not in MOTIFS:
        raise ValueError(f"Demo image {image.key!r} asks for an unknown motif {image.motif!r}")
    canvas = Canvas(image.palette, seed=image.key)
    MOTIFS[image.motif](canvas)
    return canvas.jpeg()
