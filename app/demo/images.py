"""Generated posters, episode stills and video thumbnails for the demo catalogue, as JPEG or
WebP (the v1 service's `optimized` copies), full size or as small thumbnails."""

from __future__ import annotations

import colorsys
import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont


def _colour(seed: int, lightness: float) -> tuple[int, int, int]:
    hue = (seed * 0.61803398875) % 1.0
    r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.55)
    return int(r * 255), int(g * 255), int(b * 255)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + len(word) + 1 <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:5]


def _encoded(image: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=quality)
    return buffer.getvalue()


@lru_cache(maxsize=512)
def poster(
    seed: int, caption: str, width: int = 350, height: int = 500, fmt: str = "JPEG"
) -> bytes:
    top, bottom = _colour(seed, 0.55), _colour(seed + 3, 0.22)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        row = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=row)
    cx, cy = width // 2, height * 2 // 5
    for ring in range(5, 0, -1):
        radius = ring * width // 12
        shade = _colour(seed + ring, 0.35 + ring * 0.08)
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=shade)
    font = _font(max(14, width // 14))
    y = height * 2 // 3
    for line in _wrap(caption, 18):
        draw.text((width // 14, y), line, fill=(255, 255, 255), font=font)
        y += width // 11
    return _encoded(image, fmt, 82)


@lru_cache(maxsize=256)
def still(seed: int, width: int = 320, height: int = 180, fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", (width, height), _colour(seed, 0.4))
    draw = ImageDraw.Draw(image)
    draw.rectangle([width // 3, height // 3, width * 2 // 3, height * 2 // 3], fill=(240, 240, 240))
    return _encoded(image, fmt, 80)
