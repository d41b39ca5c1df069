"""Motifs of places: skylines, harbours, water, fields, mountains, roads and rails."""

from __future__ import annotations

import math

from dateline.demo.drawing.canvas import (
    BLACK,
    HEIGHT,
    WHITE,
    WIDTH,
    Canvas,
    alpha,
    buildings,
    darker,
    fill_below,
    height_at,
    lighter,
    mix,
    ridge,
    rolling,
    rotated,
    sky,
)


def draw_skyline(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 650)
    sun_x = rng.uniform(450, 1150)
    canvas.glow(sun_x, 600, 520, canvas.accent, 0.85)
    canvas.ellipse(sun_x, 600, 75, 75, fill=lighter(canvas.accent, 0.45))
    canvas.gradient(darker(canvas.background, 0.35), darker(canvas.background, 0.6), 650, HEIGHT)
    buildings(canvas, 655, lit=0.3)
    for _ in range(70):
        y = rng.uniform(665, HEIGHT)
        spread = 60 + (y - 650) * 0.9
        x = sun_x + rng.uniform(-spread, spread)
        canvas.line([(x, y), (x + rng.uniform(30, 120), y)], alpha(canvas.accent, 90), 3)


def draw_rain(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(darker(canvas.background, 0.3), mix(canvas.background, canvas.main, 0.6), 0, 640)
    buildings(canvas, 640, lit=0.45)
    canvas.gradient(darker(canvas.main, 0.55), darker(canvas.background, 0.2), 640, HEIGHT)
    for lamp in range(120, WIDTH, 340):
        canvas.line([(lamp, 640), (lamp, 430)], darker(canvas.background, 0.4), 6)
        canvas.glow(lamp, 430, 160, canvas.accent, 0.9)
        for _ in range(12):
            y = rng.uniform(660, 880)
            canvas.line(
                [(lamp + rng.uniform(-30, 30), y), (lamp + rng.uniform(-30, 30), y + 40)],
                alpha(canvas.accent, 70),
                5,
            )
    for _ in range(650):
        x, y = rng.uniform(-100, WIDTH), rng.uniform(-40, HEIGHT)
        length = rng.uniform(25, 60)
        canvas.line(
            [(x, y), (x + length * 0.3, y + length)],
            alpha(lighter(canvas.main, 0.6), rng.randint(40, 110)),
            1.5,
        )


def draw_rooftops(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 560, top_shade=0.05)
    canvas.glow(rng.uniform(200, 1400), 200, 380, lighter(canvas.background, 0.6), 0.8)
    tower_x = rng.uniform(300, 1200)
    canvas.rectangle(tower_x, 180, tower_x + 70, 520, mix(canvas.main, canvas.background, 0.45))
    canvas.polygon([(tower_x - 8, 180), (tower_x + 35, 40), (tower_x + 78, 180)], darker(canvas.accent, 0.1))
    for row in range(4):
        base = 480 + row * 120
        x = -40.0
        while x < WIDTH:
            width = rng.uniform(90, 170)
            wall_height = rng.uniform(70, 130)
            wall = lighter(
                mix(canvas.background, canvas.main, 0.15 + rng.uniform(0, 0.15)), 0.25 - row * 0.05
            )
            roof = darker(mix(canvas.main, canvas.accent, rng.uniform(0, 0.35)), row * 0.08)
            top = base - wall_height
            canvas.rectangle(x, top, x + width, base + 140, wall)
            canvas.polygon([(x - 8, top), (x + width / 2, top - width * 0.45), (x + width + 8, top)], roof)
            if rng.random() < 0.5:
                cx = x + width * rng.uniform(0.15, 0.7)
                canvas.rectangle(cx, top - width * 0.35, cx + 16, top - 5, darker(roof, 0.2))
            for wx in range(round(x) + 18, round(x + width) - 24, 38):
                canvas.rectangle(wx, top + 22, wx + 18, top + 50, alpha(canvas.accent, 200), radius=3)
            x += width + rng.uniform(-6, 4)


def draw_port(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 560, top_shade=0.1)
    canvas.gradient(mix(canvas.accent, canvas.background, 0.3), darker(canvas.accent, 0.3), 600, HEIGHT)
    canvas.rectangle(0, 560, WIDTH, 610, mix(canvas.background, BLACK, 0.45))
    colours = [
        canvas.main,
        canvas.accent,
        lighter(canvas.accent, 0.4),
        lighter(canvas.main, 0.4),
        darker(canvas.main, 0.3),
    ]
    for stack in range(14):
        x = 40.0 + stack * 112
        for level in range(rng.randint(1, 4)):
            canvas.rectangle(x, 560 - (level + 1) * 34, x + 100, 560 - level * 34 - 3, rng.choice(colours))
    for crane in range(3):
        x = 260 + crane * 470 + rng.uniform(-30, 30)
        steel = darker(canvas.main, 0.05)
        canvas.polygon([(x, 600), (x + 14, 600), (x + 60, 160), (x + 48, 160)], steel)
        canvas.polygon([(x + 180, 600), (x + 194, 600), (x + 150, 160), (x + 138, 160)], steel)
        canvas.rectangle(x - 30, 150, x + 360, 172, steel)
        canvas.rectangle(x + 210, 172, x + 250, 210, darker(steel, 0.3))
        canvas.line([(x + 230, 210), (x + 230, 470)], darker(steel, 0.4), 3)
        canvas.rectangle(x + 205, 470, x + 255, 500, rng.choice(colours))
        canvas.line([(x + 90, 90), (x - 30, 150)], steel, 5)
        canvas.line([(x + 90, 90), (x + 360, 150)], steel, 5)
        canvas.line([(x + 90, 90), (x + 90, 160)], steel, 8)
    canvas.polygon([(1000, 640), (1640, 640), (1640, 760), (1040, 760)], darker(canvas.accent, 0.5))
    for _ in range(60):
        y = rng.uniform(620, HEIGHT)
        x = rng.uniform(0, WIDTH)
        canvas.line([(x, y), (x + rng.uniform(40, 140), y)], alpha(WHITE, 45), 3)


def draw_ship(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 520, top_shade=0.0)
    fill_below(canvas, rolling(rng, 500, 12, 1.5), mix(canvas.background, canvas.main, 0.35))
    canvas.gradient(mix(canvas.main, canvas.background, 0.35), darker(canvas.main, 0.35), 520, HEIGHT)
    hull = darker(canvas.main, 0.35)
    canvas.polygon([(230, 560), (1380, 560), (1300, 680), (300, 680)], hull)
    canvas.rectangle(230, 560, 1380, 580, canvas.accent)
    canvas.rectangle(300, 380, 430, 560, lighter(canvas.background, 0.6))
    canvas.rectangle(290, 370, 440, 392, lighter(canvas.background, 0.4))
    for wy in (410, 450, 490):
        canvas.rectangle(310, wy, 420, wy + 14, darker(canvas.main, 0.2))
    canvas.rectangle(340, 320, 370, 370, canvas.accent)
    colours = [
        canvas.accent,
        lighter(canvas.main, 0.3),
        darker(canvas.accent, 0.3),
        lighter(canvas.accent, 0.45),
        mix(canvas.main, canvas.accent, 0.5),
    ]
    for bay in range(13):
        x = 460.0 + bay * 66
        for level in range(rng.randint(3, 6)):
            canvas.rectangle(x, 556 - (level + 1) * 30, x + 62, 556 - level * 30 - 3, rng.choice(colours))
    for _ in range(90):
        y = rng.uniform(690, HEIGHT)
        x = rng.uniform(-50, WIDTH)
        canvas.line(
            [(x, y), (x + rng.uniform(30, 120), y + rng.uniform(-3, 3))], alpha(WHITE, rng.randint(25, 80)), 3
        )
    canvas.polygon([(1300, 680), (1640, 640), (1640, 700)], alpha(WHITE, 60))


def draw_waves(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 430, top_shade=0.1)
    sun_x = rng.uniform(300, 1300)
    canvas.glow(sun_x, 380, 360, lighter(canvas.accent, 0.6), 0.9)
    layers = 8
    for layer in range(layers):
        t = layer / (layers - 1)
        base = 430 + t**1.4 * 470
        line = rolling(rng, base, 6 + t * 30, 3 + layer)
        fill_below(canvas, line, mix(mix(canvas.main, canvas.background, 0.35), darker(canvas.main, 0.25), t))
        canvas.line(line, alpha(lighter(canvas.accent, 0.5), 90 + round(t * 80)), 2 + t * 4)
        if layer == 2:
            for _ in range(rng.randint(1, 3)):
                x = rng.uniform(150, WIDTH - 250)
                y = height_at(line, x) + 4
                dark = darker(canvas.main, 0.55)
                canvas.polygon([(x, y - 24), (x + 120, y - 24), (x + 104, y), (x + 12, y)], dark)
                canvas.rectangle(x + 20, y - 50, x + 60, y - 24, lighter(canvas.accent, 0.2))
                canvas.line([(x + 85, y - 24), (x + 85, y - 90)], dark, 3)
                canvas.line([(x + 85, y - 88), (x + 130, y - 30)], dark, 2)


def draw_river(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(lighter(canvas.background, 0.1), darker(canvas.background, 0.15))
    for _ in range(140):
        cx, cy = rng.uniform(-50, WIDTH + 50), rng.uniform(-50, 800)
        w, h, angle = rng.uniform(60, 200), rng.uniform(40, 140), rng.uniform(-0.4, 0.4)
        shade = rng.choice(
            [
                lighter(canvas.background, 0.2),
                darker(canvas.background, 0.15),
                mix(canvas.background, canvas.accent, 0.4),
            ]
        )
        canvas.polygon(
            rotated([(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)], cx, cy, angle),
            alpha(shade, 150),
        )
    coast = rolling(rng, 760, 25, 2)
    fill_below(canvas, coast, darker(canvas.main, 0.2))
    trunk = [(800.0, -30.0)]
    while trunk[-1][1] < 330:
        x, y = trunk[-1]
        trunk.append((x + rng.uniform(-45, 45), y + 40))
    channels = [trunk]
    for branch in range(rng.randint(4, 6)):
        points = [trunk[-1]]
        drift = (branch - 2.5) * rng.uniform(40, 70)
        while points[-1][1] < 800:
            x, y = points[-1]
            points.append((x + drift * 0.25 + rng.uniform(-35, 35), y + 40))
        channels.append(points)
    for width, colour in ((48, canvas.accent), (28, canvas.main)):
        for index, points in enumerate(channels):
            canvas.line(points, colour, width * (1.0 if index == 0 else 0.6))
    for _ in range(40):
        x, y = rng.uniform(0, WIDTH), rng.uniform(790, HEIGHT)
        canvas.line([(x, y), (x + rng.uniform(30, 90), y)], alpha(WHITE, 50), 2)


def draw_field(canvas: Canvas) -> None:
    rng = canvas.rng
    horizon = 470
    sky(canvas, horizon, top_shade=0.1)
    canvas.glow(rng.uniform(250, 1350), 170, 260, lighter(canvas.background, 0.8), 0.9)
    fill_below(canvas, rolling(rng, horizon - 30, 18, 1.2), mix(canvas.accent, canvas.background, 0.45))
    fill_below(canvas, rolling(rng, horizon - 5, 10, 2), mix(canvas.accent, canvas.main, 0.3))
    canvas.rectangle(0, horizon, WIDTH, HEIGHT, canvas.main)
    vanish_x = rng.uniform(600, 1000)
    for i in range(-30, 31):
        if i % 2:
            continue
        far_a, far_b = vanish_x + i * 14, vanish_x + (i + 1) * 14
        near_a, near_b = vanish_x + i * 130, vanish_x + (i + 1) * 130
        canvas.polygon(
            [(far_a, horizon), (far_b, horizon), (near_b, HEIGHT), (near_a, HEIGHT)],
            darker(canvas.main, 0.14),
        )
    for _ in range(500):
        x, y = rng.uniform(0, WIDTH), rng.uniform(horizon + 120, HEIGHT + 20)
        length = (y - horizon) * 0.12
        canvas.line([(x, y), (x + rng.uniform(-6, 6), y - length)], alpha(lighter(canvas.main, 0.3), 150), 2)
    tree_x = rng.uniform(150, 1450)
    canvas.rectangle(tree_x - 4, horizon - 50, tree_x + 4, horizon, darker(canvas.accent, 0.5))
    canvas.ellipse(tree_x, horizon - 70, 45, 38, fill=darker(canvas.accent, 0.3))


def draw_solar(canvas: Canvas) -> None:
    rng = canvas.rng
    horizon = 420
    sky(canvas, horizon, top_shade=0.0)
    sun_x = rng.uniform(300, 1300)
    canvas.glow(sun_x, 180, 300, canvas.accent, 0.9)
    canvas.ellipse(sun_x, 180, 60, 60, fill=lighter(canvas.accent, 0.4))
    canvas.gradient(
        mix(canvas.accent, canvas.background, 0.6),
        darker(mix(canvas.accent, canvas.background, 0.5), 0.2),
        horizon,
        HEIGHT,
    )
    for row in range(9):
        depth = 1 + (8 - row) * 0.55
        y = horizon + 520 / depth - 40
        height = 70 / depth
        panel = 230 / depth
        start = 800 - panel * 12
        for i in range(24):
            x = start + i * panel * 1.04
            top = [
                (x + height * 0.5, y - height),
                (x + panel + height * 0.5, y - height),
                (x + panel, y),
                (x, y),
            ]
            canvas.polygon(top, canvas.main)
            canvas.line([top[0], top[3]], alpha(lighter(canvas.main, 0.5), 150), 1.5)
            canvas.line(
                [
                    ((top[0][0] + top[3][0]) / 2, y - height / 2),
                    ((top[1][0] + top[2][0]) / 2, y - height / 2),
                ],
                alpha(lighter(canvas.main, 0.4), 120),
                1,
            )
            canvas.line(
                [(x + panel * 0.5, y), (x + panel * 0.5, y + height * 0.4)], darker(canvas.main, 0.4), 2
            )


def draw_wind(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 650, top_shade=0.0)
    for _ in range(6):
        cx, cy = rng.uniform(0, WIDTH), rng.uniform(60, 300)
        for _puff in range(4):
            canvas.ellipse(
                cx + rng.uniform(-80, 80),
                cy + rng.uniform(-15, 15),
                rng.uniform(60, 120),
                rng.uniform(25, 40),
                fill=alpha(WHITE, 90),
            )
    hills = []
    for layer in range(3):
        line = rolling(rng, 520 + layer * 110, 35 - layer * 5, 1.2 + layer * 0.5)
        hills.append(line)
    for layer, line in enumerate(hills):
        fill_below(canvas, line, mix(lighter(canvas.accent, 0.5), darker(canvas.accent, 0.2), layer / 2))
        scale = 0.55 + layer * 0.3
        for _ in range(3 - layer):
            x = rng.uniform(120, WIDTH - 120)
            base = height_at(line, x) + 8
            hub = base - 330 * scale
            tower = darker(canvas.main, 0.08)
            canvas.polygon(
                [(x - 9 * scale, base), (x + 9 * scale, base), (x + 4 * scale, hub), (x - 4 * scale, hub)],
                tower,
            )
            angle = rng.uniform(0, math.tau)
            for blade in range(3):
                theta = angle + blade * math.tau / 3
                shape = [(0, -5 * scale), (170 * scale, -2 * scale), (175 * scale, 0), (0, 7 * scale)]
                canvas.polygon(rotated(shape, x, hub, theta), canvas.main)
            canvas.ellipse(x, hub, 9 * scale, 9 * scale, fill=darker(canvas.main, 0.15))


def draw_mountains(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 620, top_shade=0.15)
    canvas.glow(rng.uniform(300, 1300), 260, 340, lighter(canvas.background, 0.7), 0.8)
    for layer in range(4):
        t = layer / 3
        line = ridge(rng, 430 + layer * 120, 330 - layer * 60, 3 + layer)
        colour = mix(mix(canvas.main, canvas.background, 0.55), darker(canvas.main, 0.35), t)
        fill_below(canvas, line, colour)
        if layer < 2:
            for i in range(3, len(line) - 3, 3):
                peak = line[i]
                if peak[1] < line[i - 3][1] and peak[1] < line[i + 3][1]:
                    left, right = line[i - 1], line[i + 1]
                    canvas.polygon(
                        [
                            peak,
                            (peak[0] + (right[0] - peak[0]) * 0.8, peak[1] + (right[1] - peak[1]) * 0.8),
                            (peak[0], peak[1] + 25),
                            (peak[0] + (left[0] - peak[0]) * 0.8, peak[1] + (left[1] - peak[1]) * 0.8),
                        ],
                        canvas.accent,
                    )
        canvas.haze(430 + layer * 120 - 140, 430 + layer * 120 + 20, lighter(canvas.background, 0.5), 0.5)
    meadow = rolling(rng, 800, 12, 1)
    fill_below(canvas, meadow, darker(mix(canvas.main, canvas.accent, 0.2), 0.45))
    for _ in range(rng.randint(6, 10)):
        x = rng.uniform(200, 1400)
        y = height_at(meadow, x) + rng.uniform(10, 60)
        w = rng.uniform(30, 50)
        canvas.rectangle(x, y - w * 0.7, x + w, y, canvas.accent)
        canvas.polygon(
            [(x - 6, y - w * 0.7), (x + w / 2, y - w * 1.2), (x + w + 6, y - w * 0.7)],
            darker(canvas.main, 0.5),
        )
        canvas.rectangle(
            x + w * 0.35, y - w * 0.45, x + w * 0.6, y - w * 0.2, alpha(darker(canvas.main, 0.4), 200)
        )


def draw_forest(canvas: Canvas) -> None:
    rng = canvas.rng
    canvas.gradient(lighter(canvas.background, 0.3), canvas.background, 0, HEIGHT)
    canvas.glow(rng.uniform(300, 1300), 150, 380, WHITE, 0.7)
    for layer in range(5):
        t = layer / 4
        colour = mix(mix(canvas.accent, canvas.background, 0.5), darker(canvas.main, 0.45), t)
        base = 380 + layer * 120
        canvas.rectangle(0, base, WIDTH, HEIGHT, colour)
        x = -40.0
        while x < WIDTH + 40:
            height = rng.uniform(140, 260) * (0.6 + t * 0.6)
            width = height * rng.uniform(0.32, 0.42)
            for tier in range(3):
                top = base - height + tier * height * 0.22
                spread = width * (0.55 + tier * 0.25)
                canvas.polygon(
                    [(x, top), (x + spread / 2, top + height * 0.45), (x - spread / 2, top + height * 0.45)],
                    colour,
                )
            x += width * rng.uniform(0.45, 0.8)
        canvas.haze(base - 160, base + 40, lighter(canvas.background, 0.6), 0.45 - layer * 0.08)


def draw_road(canvas: Canvas) -> None:
    rng = canvas.rng
    horizon = 500
    canvas.gradient(mix(canvas.background, canvas.main, 0.55), lighter(canvas.background, 0.45), 0, horizon)
    canvas.ellipse(rng.uniform(350, 1250), horizon - 20, 130, 130, fill=lighter(canvas.background, 0.7))
    for layer in range(2):
        x = -100.0
        colour = mix(canvas.main, canvas.accent, 0.3 + layer * 0.3)
        while x < WIDTH:
            width = rng.uniform(150, 380)
            height = rng.uniform(50, 170) * (0.6 + layer * 0.4)
            canvas.polygon(
                [
                    (x, horizon),
                    (x + 40, horizon - height),
                    (x + width - 40, horizon - height),
                    (x + width, horizon),
                ],
                colour,
            )
            x += width + rng.uniform(80, 400)
    canvas.gradient(
        mix(canvas.background, canvas.main, 0.25),
        darker(mix(canvas.background, canvas.main, 0.4), 0.2),
        horizon,
        HEIGHT,
    )
    for _ in range(6):
        fill_below(
            canvas, rolling(rng, rng.uniform(560, 880), 12, 0.8), alpha(lighter(canvas.background, 0.3), 40)
        )
    vanish = 800
    canvas.polygon(
        [(vanish - 8, horizon), (vanish + 8, horizon), (1300, HEIGHT), (300, HEIGHT)], canvas.accent
    )
    for i in range(12):
        t0, t1 = (i / 12) ** 2, ((i + 0.5) / 12) ** 2
        y0, y1 = horizon + t0 * 400, horizon + t1 * 400
        w0, w1 = 1 + t0 * 12, 1 + t1 * 12
        canvas.polygon(
            [(vanish - w0, y0), (vanish + w0, y0), (vanish + w1, y1), (vanish - w1, y1)],
            lighter(canvas.background, 0.5),
        )
    for i in range(1, 9):
        t = (i / 9) ** 2
        x, y = vanish + 30 + t * 800, horizon + t * 400
        canvas.line([(x, y), (x, y - 10 - t * 260)], darker(canvas.accent, 0.3), 1 + t * 6)
        canvas.line(
            [(x - 6 - t * 30, y - 10 - t * 240), (x + 6 + t * 30, y - 10 - t * 240)],
            darker(canvas.accent, 0.3),
            1 + t * 4,
        )


def draw_rail(canvas: Canvas) -> None:
    rng = canvas.rng
    sky(canvas, 600, top_shade=0.05)
    canvas.glow(rng.uniform(200, 1400), 200, 300, lighter(canvas.background, 0.7), 0.8)
    fill_below(canvas, rolling(rng, 540, 25, 1.3), mix(canvas.accent, canvas.background, 0.5))
    canvas.gradient(mix(canvas.main, canvas.background, 0.5), darker(canvas.main, 0.2), 600, HEIGHT)
    for _ in range(5):
        x = rng.uniform(0, WIDTH)
        trunk = darker(canvas.main, 0.4)
        canvas.line([(x, 610), (x + 6, 520)], trunk, 7)
        canvas.ellipse(x + 6, 510, rng.uniform(70, 110), 22, fill=darker(canvas.accent, 0.2))
    canvas.rectangle(0, 700, WIDTH, 720, darker(canvas.main, 0.3))
    for x in range(0, WIDTH, 26):
        canvas.rectangle(x, 715, x + 12, 735, darker(canvas.main, 0.45))
    canvas.line([(0, 712), (WIDTH, 712)], (150, 150, 150), 4)
    for x in range(60, WIDTH, 300):
        canvas.line([(x, 712), (x, 420)], darker(canvas.main, 0.5), 5)
        canvas.line([(x - 30, 440), (x + 30, 440)], darker(canvas.main, 0.5), 4)
    canvas.line([(0, 445), (WIDTH, 445)], darker(canvas.main, 0.5), 2)
    body, stripe = lighter(canvas.background, 0.85), canvas.accent
    start = rng.uniform(-200, 100)
    for car in range(4):
        x = start + car * 330
        canvas.rectangle(x, 560, x + 320, 690, body, radius=18)
        canvas.rectangle(x + 20, 585, x + 300, 625, darker(canvas.main, 0.3), radius=8)
        canvas.rectangle(x, 640, x + 320, 656, stripe)
        for wheel in (50, 270):
            canvas.ellipse(x + wheel, 695, 16, 16, fill=darker(canvas.main, 0.6))
    nose = start + 4 * 330
    canvas.polygon([(nose - 10, 560), (nose + 120, 600), (nose + 200, 690), (nose - 10, 690)], body)
    canvas.polygon(
        [(nose + 20, 580), (nose + 110, 608), (nose + 150, 640), (nose + 20, 640)], darker(canvas.main, 0.3)
    )
    canvas.polygon([(nose - 10, 640), (nose + 158, 640), (nose + 172, 656), (nose - 10, 656)], stripe)
    canvas.line([(nose + 60, 560), (nose + 20, 450)], darker(canvas.main, 0.5), 3)
