"""The canvas the demo pictures are drawn on, colour arithmetic and shared shapes."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterable, Sequence
from itertools import pairwise

from PIL import Image as PillowImage
from PIL import ImageDraw

WIDTH, HEIGHT = 1600, 900
# Drawn at twice the size and reduced: smooth edges without anti-aliasing every shape.
SCALE = 2
JPEG_QUALITY = 85

Colour = tuple[int, ...]
Point = tuple[float, float]
WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)

# --- colours ----------------------------------------------------------------------------------------


def rgb(hex_colour: str) -> Colour:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))


def lighter(colour: Colour, t: float) -> Colour:
    return mix(colour, WHITE, t)


def darker(colour: Colour, t: float) -> Colour:
    return mix(colour, BLACK, t)


def alpha(colour: Colour, value: int) -> Colour:
    return (*colour[:3], value)


def is_dark(colour: Colour) -> bool:
    return (0.2126 * colour[0] + 0.7152 * colour[1] + 0.0722 * colour[2]) < 90


# --- the canvas -------------------------------------------------------------------------------------


class Canvas:
    """A 1600×900 drawing surface in design coordinates, backed by a larger image."""

    def __init__(self, palette: tuple[str, str, str], seed: str) -> None:
        self.image = PillowImage.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE))
        self.draw = ImageDraw.Draw(self.image, "RGBA")
        self.background, self.main, self.accent = (rgb(colour) for colour in palette)
        self.rng = random.Random(seed)

    @staticmethod
    def _scaled(points: Iterable[Point]) -> list[Point]:
        return [(x * SCALE, y * SCALE) for x, y in points]

    def polygon(self, points: Sequence[Point], fill: Colour) -> None:
        self.draw.polygon(self._scaled(points), fill=fill)

    def rectangle(self, x0: float, y0: float, x1: float, y1: float, fill: Colour, radius: float = 0) -> None:
        box = (x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE)
        if radius:
            self.draw.rounded_rectangle(box, radius * SCALE, fill=fill)
        else:
            self.draw.rectangle(box, fill=fill)

    def ellipse(
        self, cx: float, cy: float, rx: float, ry: float, fill: Colour | None = None,
        outline: Colour | None = None, width: float = 1,
    ) -> None:  # fmt: skip
        box = ((cx - rx) * SCALE, (cy - ry) * SCALE, (cx + rx) * SCALE, (cy + ry) * SCALE)
        self.draw.ellipse(box, fill=fill, outline=outline, width=max(1, round(width * SCALE)))

    def line(self, points: Sequence[Point], fill: Colour, width: float) -> None:
        self.draw.line(self._scaled(points), fill=fill, width=max(1, round(width * SCALE)), joint="curve")

    def gradient(self, top: Colour, bottom: Colour, y0: float = 0, y1: float = HEIGHT) -> None:
        """A vertical blend across the whole width, from `top` at y0 to `bottom` at y1."""
        size = (WIDTH * SCALE, max(1, round((y1 - y0) * SCALE)))
        mask = stretched_gradient(size)
        band = PillowImage.composite(
            PillowImage.new("RGB", size, bottom[:3]), PillowImage.new("RGB", size, top[:3]), mask
        )
        self.image.paste(band, (0, round(y0 * SCALE)))

    def glow(self, cx: float, cy: float, radius: float, colour: Colour, strength: float = 1.0) -> None:
        """A soft light that fades out from its centre."""
        size = max(2, round(radius * 2 * SCALE))
        falloff = PillowImage.radial_gradient("L").resize((size, size), PillowImage.Resampling.BILINEAR)
        # Pillow's radial gradient reaches 255 in the corners, 181 at the middle of each edge.
        mask = falloff.point(lambda v: round(255 * strength * max(0.0, 1 - v / 181) ** 2))
        self.image.paste(colour[:3], (round((cx - radius) * SCALE), round((cy - radius) * SCALE)), mask)

    def haze(self, y0: float, y1: float, colour: Colour, opacity: float) -> None:
        """Mist across the whole width, clear at y0 and thickest at y1."""
        size = (WIDTH * SCALE, max(1, round((y1 - y0) * SCALE)))
        mask = stretched_gradient(size).point(lambda v: round(v * opacity))
        self.image.paste(colour[:3], (0, round(y0 * SCALE)), mask)

    def paint_mask(self, mask: PillowImage.Image, colour: Colour) -> None:
        self.image.paste(colour[:3], (0, 0), mask)

    def new_mask(self) -> tuple[PillowImage.Image, ImageDraw.ImageDraw]:
        mask = PillowImage.new("L", self.image.size, 0)
        return mask, ImageDraw.Draw(mask)

    def jpeg(self) -> bytes:
        output = io.BytesIO()
        self.image.reduce(SCALE).save(
            output, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
        )
        return output.getvalue()


def stretched_gradient(size: tuple[int, int]) -> PillowImage.Image:
    """A top-to-bottom ramp from 0 to 255; made as one column and widened, which is much quicker."""
    column = PillowImage.linear_gradient("L").resize((1, size[1]), PillowImage.Resampling.BILINEAR)
    return column.resize(size, PillowImage.Resampling.NEAREST)


# --- shapes shared by several motifs -----------------------------------------------------------------


def ridge(rng: random.Random, base: float, height: float, peaks: int) -> list[Point]:
    """A jagged mountain line: alternating peaks and saddles, with small steps in between."""
    step = (WIDTH + 160) / (peaks * 2)
    corners = []
    for i in range(peaks * 2 + 1):
        x = -80 + i * step + rng.uniform(-0.3, 0.3) * step
        rise = rng.uniform(0.6, 1.0) if i % 2 else rng.uniform(0.0, 0.35)
        corners.append((x, base - height * rise))
    points = [corners[0]]
    for (x0, y0), (x1, y1) in pairwise(corners):
        for t in (0.33, 0.66):
            points.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + rng.uniform(-0.06, 0.06) * height))
        points.append((x1, y1))
    return points


def rolling(rng: random.Random, base: float, amplitude: float, waves: float = 2.0) -> list[Point]:
    """A smooth line of hills or swell."""
    phase_a, phase_b = rng.uniform(0, math.tau), rng.uniform(0, math.tau)
    frequency = waves * math.tau / WIDTH
    return [
        (
            x,
            base
            + amplitude * (math.sin(x * frequency + phase_a) + 0.4 * math.sin(x * frequency * 2.7 + phase_b)),
        )
        for x in range(-20, WIDTH + 40, 20)
    ]


def fill_below(canvas: Canvas, line: Sequence[Point], fill: Colour, bottom: float = HEIGHT + 10) -> None:
    canvas.polygon([*line, (line[-1][0], bottom), (line[0][0], bottom)], fill)


def height_at(line: Sequence[Point], x: float) -> float:
    for (x0, y0), (x1, y1) in pairwise(line):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / ((x1 - x0) or 1)
    return line[-1][1]


def rotated(points: Iterable[Point], cx: float, cy: float, angle: float) -> list[Point]:
    cos, sin = math.cos(angle), math.sin(angle)
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in points]


def sky(canvas: Canvas, horizon: float, top_shade: float = 0.25) -> None:
    canvas.gradient(darker(canvas.background, top_shade), lighter(canvas.background, 0.35), 0, horizon)


def buildings(canvas: Canvas, base: float, lit: float) -> None:
    """Three layers of towers, far and hazy to near and dark, with lit windows in the front row."""
    rng = canvas.rng
    horizon_colour = mix(canvas.main, canvas.accent, 0.4)
    for layer in range(3):
        colour = mix(darker(canvas.background, 0.2 + layer * 0.25), horizon_colour, 0.4 - layer * 0.17)
        x = -30.0
        while x < WIDTH:
            width = rng.uniform(55, 150)
            height = rng.uniform(140, 430) * (1 - layer * 0.22)
            top = base - height
            canvas.rectangle(x, top, x + width, base, colour)
            if rng.random() < 0.35:
                top -= height * 0.12
                canvas.rectangle(x + width * 0.2, top, x + width * 0.8, base, colour)
            if rng.random() < 0.2:
                canvas.line([(x + width / 2, top), (x + width / 2, top - height * 0.2)], colour, 4)
            if layer == 2:
                for wy in range(round(top) + 18, round(base) - 14, 26):
                    for wx in range(round(x) + 10, round(x + width) - 14, 22):
                        if rng.random() < lit:
                            canvas.rectangle(
                                wx, wy, wx + 10, wy + 13, alpha(lighter(canvas.accent, 0.2), 210)
                            )
            x += width + rng.uniform(-10, 14)


# --- motifs -------------------------------------------------------------------------------------------
