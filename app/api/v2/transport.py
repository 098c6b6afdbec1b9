"""One GET against the v2 API: retries, timeouts, error bodies, the API-Version header."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import httpx

from app.api.errors import (
    ApiError,
    NotFoundError,
    ServerError,
    UnknownParametersError,
)
from app.api.http_client import decoded, network_errors, with_retries

log = logging.getLogger(__name__)

SUPPORTED_MAJOR = "2"


def error_from_payload(status: int, payload: object) -> ApiError:
    """Maps a v2 error (status plus `{"error": {"code", "message"}}` body) to an ApiError."""
    error = payload.get("error") if isinstance(payload, dict) else None
    code = status
    message = ""
    if isinstance(error, dict):
        body_code = error.get("code")
        if type(body_code) is int and body_code > 0:
            code = body_code
        if isinstance(error.get("message"), str):
            message = error["message"]
    message = message or f"HTTP {status}"
    if code == 404:
        return NotFoundError(code, message)
    if code == 412:
        return UnknownParametersError(code, message)
    if code >= 500 or status >= 500:
        return ServerError(code, message)
    return ApiError(code, message)


def _is_error_body(payload: object) -> bool:
    return (
        isinstance(payload, dict) and isinstance(payload.get("error"), dict) and len(payload) == 1
    )


class ServerVersion:
    """The API version the server names in its answers (`API-Version`); another major version
    than Libria's is logged and reported once per new version."""

    def __init__(self) -> None:
        self.current: str | None = None  # None before the first answer
        self.mismatch = False
        self.report: Callable[[str], None] | None = None

    def note(self, version: str | None) -> None:
        if not version or version == self.current:
            return
        self.current = version
        self.mismatch = version.split(".", 1)[0].strip() != SUPPORTED_MAJOR
        if self.mismatch:
            log.warning("the server speaks API %s; Libria expects %s.x", version, SUPPORTED_MAJOR)
            if self.report is not None:
                self.report(version)


class V2Transport:
    """Wraps the one httpx client; `get()` returns decoded JSON or raises an ApiError."""

    def __init__(
        self, http: httpx.AsyncClient, version: ServerVersion, *, retries: int, backoff: float
    ) -> None:
        self._http = http
        self._retries = retries
        self._backoff = backoff
        self._version = version

    async def get(self, method: str, params: Mapping[str, str]) -> Any:
        return await with_retries(
            lambda: self._get_once(method, params),
            retries=self._retries,
            backoff=self._backoff,
            what=method,
        )

    async def _get_once(self, method: str, params: Mapping[str, str]) -> Any:
        # The query is encoded here once: cheaper than httpx merging a params mapping.
        target = f"{method}?{urlencode(params)}" if params else method
        with network_errors(method):
            response = await self._http.get(target)
        self._version.note(response.headers.get("API-Version"))
        payload = decoded(response, method, error_from_payload)
        if response.status_code >= 400 or _is_error_body(payload):
            raise error_from_payload(response.status_code, payload)
        return payload
