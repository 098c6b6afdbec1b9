"""What a frame of the demo's FHD video looks like (packaging/make-demo-video.sh), and checks of
an image against it: a purple ground, a white square that stays at one place (drawbox evaluates
its position once), and a white label with the running time in the top left.

Every check names the place in the picture as fractions of the video's own rectangle, found by
fitting 16:9 into the area it was drawn in (mpv keeps the aspect, centred, black around)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage

PURPLE = QColor(0x8C, 0x1E, 0x78)  # the FHD rendition's ground
SQUARE = QRectF(410 / 1920, 405 / 1080, 270 / 1920, 270 / 1080)  # where the white box is
LABEL = QRectF(0.05, 0.05, 0.55, 0.09)  # "FHD 1080p  00:00:01.240"
CLOCK = QRectF(0.29, 0.05, 0.31, 0.09)  # the running time in the label
GROUND = [(0.1, 0.5), (0.5, 0.5), (0.9, 0.5), (0.5, 0.3), (0.2, 0.8), (0.8, 0.9), (0.95, 0.05)]


def video_rect(area: QRect) -> QRectF:
    """The 16:9 picture fitted into `area` (letterboxed or pillarboxed, centred)."""
    scale = min(area.width() / 16, area.height() / 9)
    width, height = 16 * scale, 9 * scale
    return QRectF(area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2,
                  width, height)  # fmt: skip


def _at(image: QImage, video: QRectF, fx: float, fy: float) -> QColor:
    x = int(video.x() + fx * video.width())
    y = int(video.y() + fy * video.height())
    return image.pixelColor(x, y)


def close(colour: QColor, expected: QColor, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in
               zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True))  # fmt: skip


def white(colour: QColor) -> bool:
    return min(colour.getRgb()[:3]) > 200


def _samples(region: QRectF, step: float = 0.004) -> Iterator[tuple[float, float]]:
    y = region.top()
    while y < region.bottom():
        x = region.left()
        while x < region.right():
            yield x, y
            x += step
        y += step * 16 / 9


def square_edges(image: QImage, video: QRectF) -> tuple[float, float]:
    """Where the white run across the square's middle starts and ends (fractions of the width)."""
    y = int(video.y() + (SQUARE.top() + SQUARE.height() / 2) * video.height())
    xs = [x for x in range(int(video.left()), int(video.right()))
          if white(image.pixelColor(x, y))]  # fmt: skip
    assert xs, "no white square across the middle of the picture"
    return (xs[0] - video.x()) / video.width(), (xs[-1] + 1 - video.x()) / video.width()


def _edges(area: QRect, video: QRectF) -> list[tuple[int, int]]:
    """The outermost pixels where the picture meets the area's border (no black bar there)."""
    x, y = int(video.center().x()), int(video.center().y())
    points = []
    if video.height() >= area.height() - 0.5:
        points += [(x, area.top()), (x, area.bottom())]
    if video.width() >= area.width() - 0.5:
        points += [(area.left(), y), (area.right(), y)]
    return points


def problems(image: QImage, area: QRect, edges: bool = True) -> list[str]:
    """What in `area` of the image is not a frame of the demo video (empty: it is one). With
    `edges`, the picture must also reach the area's border where it fills it (an image read back
    at its exact size, not one cut from a screenshot)."""
    video = video_rect(area)
    found = []
    for x, y in _edges(area, video) if edges else []:
        colour = image.pixelColor(x, y)
        if not close(colour, PURPLE):
            found.append(f"the edge pixel {x, y} is {colour.getRgb()[:3]}, not purple")
    for fx, fy in GROUND:
        colour = _at(image, video, fx, fy)
        if not close(colour, PURPLE):
            found.append(f"ground at {fx, fy} is {colour.getRgb()[:3]}, not purple")
    centre = _at(image, video, SQUARE.center().x(), SQUARE.center().y())
    if not white(centre):
        found.append(f"the square's centre is {centre.getRgb()[:3]}, not white")
    else:
        left, right = square_edges(image, video)
        tolerance = 0.01
        if abs(left - SQUARE.left()) > tolerance or abs(right - SQUARE.right()) > tolerance:
            found.append(f"the square spans {left:.3f}–{right:.3f}, not "
                         f"{SQUARE.left():.3f}–{SQUARE.right():.3f}")  # fmt: skip
    label = sum(white(_at(image, video, x, y)) for x, y in _samples(LABEL))
    if label < 20:
        found.append(f"only {label} white samples where the label is")
    return found


def clock_difference(first: QImage, first_area: QRect, second: QImage, second_area: QRect) -> int:
    """How many samples of the running time differ between two frames (0: the same time)."""
    one, other = video_rect(first_area), video_rect(second_area)
    return sum(white(_at(first, one, x, y)) != white(_at(second, other, x, y))
               for x, y in _samples(CLOCK))  # fmt: skip
