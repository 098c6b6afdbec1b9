"""The demo's image files: posters, episode stills, genre and video pictures, each in the four
variants a v1 image object names (`<stem>[-opt][-thumb].(jpg|webp)`: the original, a small
thumbnail, and WebP copies of both), generated on a worker thread."""

from __future__ import annotations

import asyncio
import re

from aiohttp import web

from app.demo import images
from app.demo.catalog import Catalog
from app.demo.records import DemoTitle

IMAGE_NAME = re.compile(r"[A-Za-z0-9_]+?(-opt)?(-thumb)?\.(jpg|webp)")
POSTER_SIZES = {False: (350, 500), True: (70, 100)}  # by "is a thumbnail"
STILL_SIZES = {False: (320, 180), True: (96, 54)}


def poster_bytes(title: DemoTitle, thumb: bool = False, fmt: str = "JPEG") -> bytes:
    width, height = POSTER_SIZES[thumb]
    return images.poster(title.id, title.name_en or title.name_ru, width, height, fmt)


def variant(name: str) -> tuple[bool, str]:
    """(is a thumbnail, PIL format) of an image file name; 404 for anything else."""
    match = IMAGE_NAME.fullmatch(name)
    if match is None:
        raise web.HTTPNotFound(text="no such image")
    return match.group(2) is not None, "WEBP" if match.group(3) == "webp" else "JPEG"


def _response(body: bytes, fmt: str) -> web.Response:
    return web.Response(
        body=body,
        content_type="image/webp" if fmt == "WEBP" else "image/jpeg",
        headers={"Cache-Control": "max-age=86400"},
    )


async def poster(catalog: Catalog, request: web.Request) -> web.StreamResponse:
    title = catalog.titles.get(int(request.match_info["id"]))
    if title is None:
        raise web.HTTPNotFound(text="no such poster")
    thumb, fmt = variant(request.match_info.get("name", "poster.jpg"))
    loop = asyncio.get_running_loop()
    return _response(await loop.run_in_executor(None, poster_bytes, title, thumb, fmt), fmt)


async def still(request: web.Request) -> web.StreamResponse:
    seed = int(request.match_info["id"]) + int(request.match_info.get("ep", "0") or 0)
    thumb, fmt = variant(request.match_info.get("name", "still.jpg"))
    width, height = STILL_SIZES[thumb]
    loop = asyncio.get_running_loop()
    body = await loop.run_in_executor(None, images.still, seed, width, height, fmt)
    return _response(body, fmt)
