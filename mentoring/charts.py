"""Server-rendered SVG bar charts for the coordinator's dashboard (no JavaScript, no CDN)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
CHART_WIDTH = 560


def bar_chart(title: str, rows: list[tuple[str, int]]) -> SafeString:
    """A horizontal bar chart with its numbers written out (readable without colour)."""
    largest = max((value for _, value in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 50
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    bars = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text></g>',
        (
            (
                LABEL_WIDTH - 8,
                GAP + i * (BAR_HEIGHT + GAP) + 15,
                label,
                LABEL_WIDTH,
                GAP + i * (BAR_HEIGHT + GAP),
                max(round(span * value / largest), 1),
                BAR_HEIGHT,
                LABEL_WIDTH + max(round(span * value / largest), 1) + 6,
                GAP + i * (BAR_HEIGHT + GAP) + 15,
                value,
            )
            for i, (label, value) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title,
        CHART_WIDTH,
        height,
        title,
        bars,
    )
