"""Server-drawn SVG charts: bars and the pulse trend. No scripts, no styles
in attributes; every chart has a table with the same figures beside it."""

from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 220
BAR_AREA = 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    width: int = LABEL_WIDTH + BAR_AREA + 60


def bar_chart(pairs: list[tuple[str, int]]) -> BarChart | None:
    """Horizontal bars for (label, value) pairs; None when there is nothing."""
    if not pairs or not any(value for _label, value in pairs):
        return None
    top = max(value for _label, value in pairs) or 1
    bars = []
    for index, (label, value) in enumerate(pairs):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = round(BAR_AREA * value / top)
        bars.append(
            Bar(
                label=label if len(label) <= 32 else label[:31] + "…",
                value=value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 6,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    return BarChart(bars=bars, height=len(bars) * (BAR_HEIGHT + BAR_GAP))


@dataclass(frozen=True)
class TrendPoint:
    label: str
    percent: int
    x: int
    y: int
    label_y: int


@dataclass(frozen=True)
class TrendChart:
    points: list[TrendPoint]
    polyline: str
    baseline_y: int
    baseline_percent: int
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    grid: list[tuple[int, int]]


def trend_chart(
    points: list[tuple[str, int]], *, baseline: int, width: int = 640
) -> TrendChart | None:
    """Percentages over time, with a horizontal reference line at `baseline`."""
    if not points:
        return None
    left, right, top, bottom = 48, width - 24, 16, 216

    def y_of(percent: int) -> int:
        return round(bottom - (bottom - top) * percent / 100)

    # Points keep clear of the axis labels and of the right edge.
    first, last = left + 40, right - 40
    step = (last - first) // max(len(points) - 1, 1)
    placed = []
    for index, (label, percent) in enumerate(points):
        x = first + index * step if len(points) > 1 else (left + right) // 2
        placed.append(
            TrendPoint(
                label=label, percent=percent, x=x, y=y_of(percent), label_y=bottom + 20
            )
        )
    return TrendChart(
        points=placed,
        polyline=" ".join(f"{point.x},{point.y}" for point in placed),
        baseline_y=y_of(baseline),
        baseline_percent=baseline,
        width=width,
        height=bottom + 32,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        grid=[(percent, y_of(percent)) for percent in (0, 25, 50, 75, 100)],
    )
