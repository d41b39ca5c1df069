"""Motifs of things: charts, venues, crowds, screens, instruments and games."""

from __future__ import annotations

import math

from PIL import ImageChops

from dateline.demo.drawing.canvas import (
    HEIGHT,
    SCALE,
    WHITE,
    WIDTH,
    Canvas,
    Point,
    alpha,
    darker,
    fill_below,
    is_dark,
    lighter,
    mix,
    rotated,
    sky,
)


def draw_chart(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(lighter(canvas.background, 0.08), darker(canvas.background, 0.3))
    grid = alpha(lighter(canvas.background, 0.3), 70)
    for row in range(120, 800, 90):
        canvas.line([(80, row), (1520, row)], grid, 1.5)
    for column in range(80, 1540, 120):
        canvas.line([(column, 100), (column, 800)], grid, 1.5)
    value = 450.0
    points: list[Point] = []
    for i in range(72):
        value = min(720, max(170, value + rng.gauss(-3, 22)))
        points.append((80.0 + i * 20, value))
    fill_below(canvas, points, alpha(canvas.main, 55), bottom=800)
    for i, (x, y) in enumerate(points[:-1]):
        rising = points[i + 1][1] < y
        height = rng.uniform(20, 90)
        canvas.rectangle(
            x + 3, 860 - height, x + 16, 860, alpha(canvas.main if rising else canvas.accent, 140)
        )
    canvas.line(points, canvas.main, 5)
    last_x, last_y = points[-1]
    canvas.line([(80, last_y), (1520, last_y)], alpha(canvas.accent, 150), 2)
    canvas.glow(last_x, last_y, 60, canvas.accent, 0.9)
    canvas.ellipse(last_x, last_y, 10, 10, fill=lighter(canvas.accent, 0.3))


def draw_stadium(canvas: Canvas) -> None:
    rng = canvas.rng
    night = is_dark(canvas.background)
    canvas.gradient(darker(canvas.background, 0.2), lighter(canvas.background, 0.1 if night else 0.4), 0, 300)
    stands = darker(mix(canvas.background, canvas.main, 0.25), 0.55 if night else 0.35)
    canvas.ellipse(800, 660, 1050, 470, fill=stands)
    crowd = [canvas.accent, lighter(canvas.main, 0.4), WHITE, canvas.main, lighter(canvas.background, 0.5)]
    for _ in range(2600):
        angle = rng.uniform(math.pi, math.tau)
        radius = rng.uniform(0.62, 0.98)
        x, y = 800 + math.cos(angle) * 1050 * radius, 660 + math.sin(angle) * 470 * radius
        canvas.ellipse(x, y, 4, 4, fill=alpha(rng.choice(crowd), 170))
    pitch = [(360, 420), (1240, 420), (1460, 860), (140, 860)]
    canvas.polygon(pitch, canvas.main)
    for stripe in range(0, 10, 2):
        t0, t1 = stripe / 10, (stripe + 1) / 10

        def edge(t: float, side: int) -> Point:
            near, far = pitch[3 - side], pitch[side]
            return (far[0] + (near[0] - far[0]) * t, far[1] + (near[1] - far[1]) * t)

        canvas.polygon([edge(t0, 0), edge(t0, 1), edge(t1, 1), edge(t1, 0)], darker(canvas.main, 0.1))
    marking = alpha(canvas.accent if not night else WHITE, 200)
    canvas.line([*pitch, pitch[0]], marking, 4)
    canvas.line([(250, 640), (1350, 640)], marking, 4)
    canvas.ellipse(800, 640, 120, 55, outline=marking, width=4)
    canvas.line([(600, 420), (590, 470), (1010, 470), (1000, 420)], marking, 4)
    canvas.line([(480, 860), (510, 780), (1090, 780), (1120, 860)], marking, 4)
    for x in (120, 1480):
        canvas.line([(x, 300), (x + (40 if x < 800 else -40), 40)], darker(stands, 0.3), 8)
        canvas.glow(x + (40 if x < 800 else -40), 50, 240, lighter(canvas.accent, 0.5), 0.9 if night else 0.5)
        canvas.rectangle(
            x - 30 + (40 if x < 800 else -40),
            25,
            x + 30 + (40 if x < 800 else -40),
            70,
            lighter(canvas.accent, 0.7),
            radius=6,
        )


def draw_track(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.rectangle(0, 0, WIDTH, HEIGHT, darker(canvas.accent, 0.2))
    offset = rng.uniform(-120, 60)
    outer = (-900 + offset, 40, 1450 + offset, 860)
    canvas.rectangle(*outer, fill=canvas.background, radius=410)
    lane = 46
    for i in range(9):
        x0, y0, x1, y1 = outer
        box = (x0 + 30 + i * lane, y0 + 30 + i * lane, x1 - 30 - i * lane, y1 - 30 - i * lane)
        radius = (box[3] - box[1]) / 2
        canvas.draw.rounded_rectangle(
            [v * SCALE for v in box], radius * SCALE, outline=alpha(canvas.main, 230), width=3 * SCALE
        )
    inner = (
        outer[0] + 30 + 8 * lane + 6,
        outer[1] + 30 + 8 * lane + 6,
        outer[2] - 30 - 8 * lane - 6,
        outer[3] - 30 - 8 * lane - 6,
    )
    canvas.rectangle(*inner, fill=mix((46, 125, 70), canvas.accent, 0.2), radius=(inner[3] - inner[1]) / 2)
    for stripe in range(round(inner[0] + 150), round(inner[2] - 210), 120):
        canvas.rectangle(stripe, inner[1] + 2, stripe + 60, inner[3] - 2, alpha(WHITE, 18))
    for i in range(8):
        x = 700 + offset - i * 34
        y = outer[3] - 30 - (i + 1) * lane
        canvas.line([(x, y + 4), (x, y + lane - 4)], canvas.main, 5)
    canvas.line([(1150 + offset, outer[1] + 30), (1150 + offset, inner[1] - 6)], canvas.main, 6)


def draw_dome(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, HEIGHT, top_shade=0.1)
    canvas.glow(rng.uniform(200, 1400), 160, 300, WHITE, 0.7)
    stone, shadow = canvas.main, mix(canvas.main, canvas.accent, 0.35)
    canvas.ellipse(800, 360, 200, 190, fill=shadow)
    canvas.ellipse(790, 360, 185, 182, fill=stone)
    canvas.rectangle(590, 360, 1010, 470, stone)
    for rib in range(-3, 4):
        canvas.line([(800 + rib * 55, 360), (800 + rib * 30, 185)], alpha(shadow, 200), 3)
    canvas.rectangle(770, 140, 830, 185, stone)
    canvas.ellipse(800, 140, 34, 28, fill=shadow)
    canvas.line([(800, 115), (800, 40)], darker(canvas.accent, 0.3), 3)
    canvas.polygon([(800, 42), (860, 55), (800, 70)], canvas.accent)
    for x in range(610, 1000, 42):
        canvas.rectangle(x, 380, x + 16, 470, shadow)
    canvas.rectangle(250, 470, 1350, 505, stone)
    canvas.polygon([(560, 470), (800, 390), (1040, 470)], stone)
    canvas.polygon([(600, 462), (800, 405), (1000, 462)], shadow)
    canvas.rectangle(270, 505, 1330, 720, lighter(stone, 0.1))
    for x in range(290, 1320, 58):
        canvas.rectangle(x, 520, x + 24, 720, stone)
        canvas.rectangle(x + 18, 520, x + 24, 720, alpha(shadow, 160))
    for step in range(5):
        canvas.rectangle(
            220 - step * 20, 720 + step * 18, 1380 + step * 20, 738 + step * 18, darker(stone, 0.04 * step)
        )
    hedge = darker(mix(canvas.accent, (60, 120, 70), 0.6), 0.2)
    canvas.rectangle(0, 810, WIDTH, HEIGHT, mix(hedge, canvas.background, 0.3))
    for x in range(-20, WIDTH + 40, 90):
        canvas.ellipse(x + rng.uniform(-10, 10), 815, 60, 40, fill=hedge)


def draw_crowd(canvas: Canvas) -> None:
    rng = canvas.rng
    night = is_dark(canvas.background)
    canvas.gradient(darker(canvas.background, 0.1), mix(canvas.background, canvas.accent, 0.25))
    for string in range(2):
        y_end = 90 + string * 90
        points = [(float(x), y_end + 60 * math.sin(math.pi * x / WIDTH)) for x in range(-20, WIDTH + 40, 40)]
        canvas.line(points, alpha(darker(canvas.accent, 0.5), 200), 2)
        for i, (x, y) in enumerate(points[1:-1:2]):
            if night:
                canvas.glow(x, y + 25, 70, canvas.accent, 0.6)
                canvas.ellipse(x, y + 25, 16, 22, fill=lighter(canvas.accent, 0.2))
            else:
                colour = canvas.main if i % 2 else canvas.accent
                canvas.polygon([(x - 18, y), (x + 18, y), (x, y + 40)], colour)
    rows = 6
    for row in range(rows):
        t = row / (rows - 1)
        scale = 0.55 + t * 0.9
        base = 420 + t * 520
        fade = 0.55 - t * 0.55
        x = rng.uniform(-60, 0)
        while x < WIDTH + 60:
            tone = mix(darker(canvas.main, rng.uniform(0, 0.3)), canvas.background, fade)
            head = 34 * scale
            canvas.rectangle(
                x - 52 * scale, base - 70 * scale, x + 52 * scale, base + 200, tone, radius=40 * scale
            )
            canvas.ellipse(x, base - 70 * scale - head * 0.9, head * 0.82, head, fill=tone)
            x += rng.uniform(85, 130) * scale


def draw_circuit(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(lighter(canvas.background, 0.08), darker(canvas.background, 0.3))
    grid = 40
    trace = alpha(canvas.main, 170)
    directions = [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (1, -1)]
    for _ in range(90):
        x, y = rng.randrange(0, WIDTH, grid), rng.randrange(0, HEIGHT, grid)
        points = [(float(x), float(y))]
        dx, dy = rng.choice(directions[:4])
        for _segment in range(rng.randint(2, 5)):
            length = rng.randint(2, 7) * grid
            x, y = x + dx * length, y + dy * length
            points.append((float(x), float(y)))
            dx, dy = rng.choice([d for d in directions if d != (-dx, -dy)])
        canvas.line(points, trace, 5)
        end_x, end_y = points[-1]
        canvas.ellipse(end_x, end_y, 10, 10, fill=canvas.background, outline=canvas.main, width=4)
        if rng.random() < 0.25:
            canvas.glow(end_x, end_y, 40, canvas.accent, 0.8)
    for _ in range(4):
        cx, cy = rng.uniform(200, 1400), rng.uniform(150, 750)
        size = rng.uniform(70, 140)
        for offset in range(-3, 4):
            pin = offset * size / 4
            canvas.line(
                [(cx - size - 20, cy + pin), (cx + size + 20, cy + pin)], alpha(canvas.accent, 200), 4
            )
            canvas.line(
                [(cx + pin, cy - size - 20), (cx + pin, cy + size + 20)], alpha(canvas.accent, 200), 4
            )
        canvas.rectangle(
            cx - size, cy - size, cx + size, cy + size, darker(canvas.background, 0.4), radius=10
        )
        canvas.rectangle(
            cx - size * 0.6,
            cy - size * 0.6,
            cx + size * 0.6,
            cy + size * 0.6,
            alpha(canvas.main, 40),
            radius=6,
        )
    canvas.glow(WIDTH / 2, HEIGHT / 2, 600, canvas.main, 0.25)


def draw_screens(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(darker(canvas.background, 0.2), mix(canvas.background, canvas.main, 0.5), 0, 640)
    canvas.glow(rng.uniform(300, 1300), 120, 400, canvas.accent, 0.25)
    canvas.polygon([(0, 640), (WIDTH, 640), (WIDTH, HEIGHT), (0, HEIGHT)], darker(canvas.main, 0.35))
    canvas.line([(0, 640), (WIDTH, 640)], alpha(lighter(canvas.main, 0.3), 200), 3)
    for index, (x0, width) in enumerate(((140, 420), (590, 440), (1060, 400))):
        y0, height = 200 + (index % 2) * 20, 270
        canvas.rectangle(
            x0 + width / 2 - 20, y0 + height, x0 + width / 2 + 20, 640, darker(canvas.background, 0.4)
        )
        canvas.rectangle(
            x0 + width / 2 - 90, 630, x0 + width / 2 + 90, 645, darker(canvas.background, 0.4), radius=6
        )
        canvas.rectangle(x0, y0, x0 + width, y0 + height, darker(canvas.background, 0.5), radius=12)
        canvas.glow(x0 + width / 2, y0 + height / 2, width * 0.7, canvas.main, 0.35)
        screen = (x0 + 14, y0 + 14, x0 + width - 14, y0 + height - 14)
        canvas.rectangle(*screen, fill=lighter(canvas.main, 0.15), radius=4)
        canvas.rectangle(screen[0], screen[1], screen[2], screen[1] + 26, canvas.accent)
        if index == 1:
            points = [(screen[0] + 20 + i * 22, screen[3] - 40 - rng.uniform(0, 140)) for i in range(18)]
            canvas.line(points, lighter(canvas.accent, 0.3), 4)
        else:
            canvas.rectangle(
                screen[0] + 20,
                screen[1] + 45,
                screen[0] + 150,
                screen[1] + 140,
                alpha(canvas.accent, 160),
                radius=4,
            )
            for line in range(7):
                y = screen[1] + 50 + line * 24
                start = screen[0] + (170 if line < 4 else 20)
                canvas.rectangle(
                    start, y, screen[2] - rng.uniform(20, 120), y + 9, alpha(canvas.accent, 140), radius=4
                )
    canvas.rectangle(600, 700, 1000, 770, darker(canvas.background, 0.3), radius=10)
    for row in range(4):
        for key in range(20):
            canvas.rectangle(
                614 + key * 19,
                710 + row * 15,
                628 + key * 19,
                721 + row * 15,
                lighter(canvas.background, 0.25),
                radius=2,
            )
    canvas.rectangle(1150, 690, 1215, 780, canvas.accent, radius=8)
    canvas.ellipse(1225, 730, 24, 26, outline=canvas.accent, width=9)
    canvas.polygon(
        rotated([(-150, -100), (150, -100), (150, 100), (-150, 100)], 330, 760, -0.12),
        lighter(canvas.accent, 0.1),
    )
    for line in range(6):
        canvas.polygon(
            rotated(
                [
                    (-120, -70 + line * 25),
                    (100, -70 + line * 25),
                    (100, -62 + line * 25),
                    (-120, -62 + line * 25),
                ],
                330,
                760,
                -0.12,
            ),
            alpha(canvas.background, 120),
        )


def draw_globe(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(lighter(canvas.background, 0.05), darker(canvas.background, 0.5))
    for _ in range(220):
        canvas.ellipse(
            rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT), 1.6, 1.6, fill=alpha(WHITE, rng.randint(60, 200))
        )
    cx, cy, r = 800.0, 450.0, 340.0
    canvas.glow(cx, cy, r * 1.35, canvas.main, 0.6)
    canvas.ellipse(cx, cy, r, r, fill=darker(canvas.main, 0.15))
    canvas.glow(cx - r * 0.35, cy - r * 0.35, r * 0.9, lighter(canvas.main, 0.4), 0.6)
    land, draw_land = canvas.new_mask()
    for _ in range(7):
        lx, ly = cx + rng.uniform(-r, r), cy + rng.uniform(-r, r)
        size = rng.uniform(60, 170)
        outline = [
            (lx + math.cos(a) * size * rng.uniform(0.6, 1.2), ly + math.sin(a) * size * rng.uniform(0.5, 1.0))
            for a in (i * math.tau / 14 for i in range(14))
        ]
        draw_land.polygon([(x * SCALE, y * SCALE) for x, y in outline], fill=200)
    sphere, draw_sphere = canvas.new_mask()
    draw_sphere.ellipse(((cx - r) * SCALE, (cy - r) * SCALE, (cx + r) * SCALE, (cy + r) * SCALE), fill=255)
    canvas.paint_mask(ImageChops.multiply(land, sphere), lighter(canvas.main, 0.3))
    lines = alpha(lighter(canvas.main, 0.6), 70)
    for k in range(1, 6):
        canvas.ellipse(cx, cy, r * k / 6, r, outline=lines, width=2)
    for k in range(-4, 5):
        y = cy + k * r / 5
        half = math.sqrt(max(0.0, r * r - (y - cy) ** 2))
        canvas.line([(cx - half, y), (cx + half, y)], lines, 2)
    for _ in range(5):
        a = (cx + rng.uniform(-r, r) * 0.7, cy + rng.uniform(-r, r) * 0.7)
        b = (cx + rng.uniform(-r, r) * 0.7, cy + rng.uniform(-r, r) * 0.7)
        lift = math.dist(a, b) * 0.45
        control = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - lift)
        curve = [
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * control[0] + t * t * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * control[1] + t * t * b[1],
            )
            for t in (i / 30 for i in range(31))
        ]
        canvas.line(curve, canvas.accent, 4)
        for x, y in (a, b):
            canvas.glow(x, y, 28, canvas.accent, 0.9)
            canvas.ellipse(x, y, 7, 7, fill=lighter(canvas.accent, 0.5))


def draw_orbit(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(canvas.background, lighter(canvas.background, 0.05))
    for _ in range(300):
        canvas.ellipse(
            rng.uniform(0, WIDTH), rng.uniform(0, 620), 1.5, 1.5, fill=alpha(WHITE, rng.randint(50, 220))
        )
    cx, cy, r = 800.0, 1750.0, 1200.0
    for ring in range(8, 0, -1):
        canvas.ellipse(cx, cy, r + ring * 9, r + ring * 9, fill=alpha(lighter(canvas.main, 0.4), 22))
    canvas.ellipse(cx, cy, r, r, fill=canvas.main)
    canvas.glow(cx - 350, cy - r + 80, 420, lighter(canvas.main, 0.5), 0.5)
    for _ in range(40):
        angle = rng.uniform(math.pi * 1.15, math.pi * 1.85)
        depth = rng.uniform(40, 260)
        x, y = cx + math.cos(angle) * (r - depth), cy + math.sin(angle) * (r - depth)
        canvas.ellipse(x, y, rng.uniform(40, 120), rng.uniform(8, 18), fill=alpha(WHITE, 70))
    path = [
        (800 + math.cos(a) * 900, 420 + math.sin(a) * 150) for a in (i * math.tau / 120 for i in range(121))
    ]
    for i in range(0, 120, 2):
        canvas.line(path[i : i + 2], alpha(canvas.accent, 90), 2)
    sx, sy, tilt = 1120.0, 300.0, -0.35
    wing = lighter(canvas.main, 0.1)
    for side in (-1, 1):
        panel = [(side * 40, -26), (side * 230, -26), (side * 230, 26), (side * 40, 26)]
        canvas.polygon(rotated(panel, sx, sy, tilt), darker(wing, 0.3))
        for cell in range(1, 5):
            x = side * (40 + cell * 38)
            canvas.line(rotated([(x, -26), (x, 26)], sx, sy, tilt), alpha(canvas.accent, 120), 2)
    canvas.polygon(rotated([(-40, -34), (40, -34), (40, 34), (-40, 34)], sx, sy, tilt), (212, 175, 55))
    canvas.line(rotated([(0, -34), (0, -70)], sx, sy, tilt), canvas.accent, 3)
    canvas.glow(sx, sy, 120, canvas.accent, 0.25)


def draw_lab(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(lighter(canvas.background, 0.3), darker(canvas.background, 0.08), 0, 640)
    for x in range(0, WIDTH, 160):
        canvas.line([(x, 0), (x, 640)], alpha(darker(canvas.background, 0.2), 60), 2)
    canvas.glow(rng.uniform(300, 1300), 150, 420, WHITE, 0.6)
    canvas.rectangle(0, 640, WIDTH, HEIGHT, darker(canvas.main, 0.2))
    canvas.rectangle(0, 630, WIDTH, 650, canvas.main)
    glass = alpha(WHITE, 150)
    liquids = [canvas.accent, canvas.main, lighter(canvas.accent, 0.3), mix(canvas.main, canvas.accent, 0.5)]
    for x in (250, 900):
        neck = [(x - 25, 320), (x + 25, 320), (x + 25, 430), (x + 160, 630), (x - 160, 630), (x - 25, 430)]
        canvas.polygon(neck, alpha(WHITE, 70))
        level = 520
        canvas.polygon(
            [
                (x - 25 - (level - 430) * 135 / 200, level),
                (x + 25 + (level - 430) * 135 / 200, level),
                (x + 160, 630),
                (x - 160, 630),
            ],
            alpha(rng.choice(liquids), 200),
        )
        canvas.line([*neck, neck[0]], glass, 4)
        for _ in range(8):
            canvas.ellipse(
                x + rng.uniform(-60, 60), rng.uniform(540, 610), 6, 6, outline=alpha(WHITE, 160), width=2
            )
    for x in (520, 1180):
        canvas.rectangle(x, 420, x + 180, 630, alpha(WHITE, 60), radius=6)
        canvas.rectangle(x, 500 + rng.uniform(0, 50), x + 180, 630, alpha(rng.choice(liquids), 190), radius=6)
        canvas.line([(x, 420), (x, 630), (x + 180, 630), (x + 180, 420)], glass, 4)
        for mark in range(450, 620, 30):
            canvas.line([(x + 130, mark), (x + 170, mark)], glass, 2)
    canvas.rectangle(1420, 500, 1580, 520, darker(canvas.main, 0.3))
    for tube in range(4):
        x = 1432 + tube * 38
        canvas.rectangle(x, 420, x + 22, 625, alpha(WHITE, 70), radius=11)
        canvas.rectangle(x, 520 + tube * 15, x + 22, 625, rng.choice(liquids), radius=11)


def draw_chess(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(darker(canvas.background, 0.3), lighter(canvas.background, 0.1))
    canvas.glow(800, 260, 560, canvas.accent, 0.35)

    def corner(column: float, row: float) -> Point:
        depth = 1.25 + row * 0.22
        half = 900 / depth
        return (800 - half + column * 2 * half / 8, 190 + 860 / depth)

    for row in range(8):
        for column in range(8):
            square = [
                corner(column, row),
                corner(column + 1, row),
                corner(column + 1, row + 1),
                corner(column, row + 1),
            ]
            light = (row + column) % 2 == 0
            canvas.polygon(square, canvas.main if light else mix(canvas.background, canvas.accent, 0.25))
    squares = rng.sample([(c, r) for c in range(8) for r in range(1, 7)], 8)
    for index, (column, row) in sorted(enumerate(squares), key=lambda item: -item[1][1]):
        x, y = corner(column + 0.5, row + 0.5)
        size = 130 / (1.25 + row * 0.22)
        white = index % 2 == 0
        colour = lighter(canvas.main, 0.2) if white else darker(canvas.background, 0.5)
        rim = alpha(canvas.accent, 160)
        canvas.ellipse(x, y, size * 0.75, size * 0.25, fill=colour, outline=rim, width=2)
        canvas.polygon(
            [
                (x - size * 0.45, y),
                (x - size * 0.2, y - size * 1.4),
                (x + size * 0.2, y - size * 1.4),
                (x + size * 0.45, y),
            ],
            colour,
        )
        canvas.ellipse(x, y - size * 1.55, size * 0.32, size * 0.32, fill=colour, outline=rim, width=2)
        if index < 2:
            canvas.rectangle(x - size * 0.06, y - size * 2.3, x + size * 0.06, y - size * 1.8, colour)
            canvas.rectangle(x - size * 0.2, y - size * 2.15, x + size * 0.2, y - size * 2.03, colour)
