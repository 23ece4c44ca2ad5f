"""A server-side SVG bar chart of deliveries and failures per hour: no script, no library,
readable by screen readers through its title and a table fallback in the page."""

from __future__ import annotations

from datetime import datetime

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 720, 200, 28


def outcomes_svg(hours: list[tuple[datetime, int, int]]) -> Markup:
    """Two bars per hour: delivered (green) and failed (red), on one scale."""
    top = max([1] + [max(ok, bad) for _, ok, bad in hours])
    slot = (WIDTH - 2 * PAD) / max(1, len(hours))
    bar = max(1.0, slot / 2 - 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             'role="img" aria-labelledby="chart-title" class="chart">',
             '<title id="chart-title">Webhook deliveries (green) and failures (red) per hour, '
             'last 24 hours</title>',
             f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
             'stroke="#888"/>',
             f'<text x="2" y="{PAD}" font-size="11">{top}</text>']
    scale = (HEIGHT - 2 * PAD) / top
    for i, (hour, ok, bad) in enumerate(hours):
        x = PAD + i * slot
        for offset, value, colour, what in ((0.0, ok, "#2e7d32", "delivered"),
                                            (bar + 1, bad, "#c62828", "failed")):
            h = value * scale
            parts.append(f'<rect x="{x + offset:.1f}" y="{HEIGHT - PAD - h:.1f}" '
                         f'width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                         f'<title>{escape(hour.strftime("%H:00"))}: {value} {what}</title></rect>')
        if i % 4 == 0:
            parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 8}" font-size="11">'
                         f'{escape(hour.strftime("%H:00"))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
