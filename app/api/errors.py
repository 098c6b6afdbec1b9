"""The errors every backend raises; callers catch `ApiError` and show `.message`."""

from __future__ import annotations


class ApiError(Exception):
    """An error the API reported, or one met while talking to it."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code}: {message}" if code else message)
        self.code = code
        self.message = message


class NotFoundError(ApiError):
    """The title (or other object) asked for does not exist (404)."""


class UnknownParametersError(ApiError):
    """The server did not accept a parameter name (412)."""


class ServerError(ApiError):
    """The server failed (5xx); `.code` is the real code even when the status was 500."""


class NetworkError(ApiError):
    """The server could not be reached or answered in time; `.code` is 0."""

    def __init__(self, message: str) -> None:
        super().__init__(0, message)


class MalformedResponseError(NetworkError):
    """The server answered with something that is not the JSON the API promises."""


class InvalidRequestError(ApiError):
    """The server refused the request's parameters (v1: 422 with a message per field)."""


class AuthRequiredError(ApiError):
    """The method needs a signed-in user (401/403); Libria does not sign in."""


def status_error(status: int, message: str = "") -> ApiError:
    """An error for an HTTP status when the body says nothing better."""
    message = message or f"HTTP {status}"
    if status == 404:
        return NotFoundError(status, message)
    if status >= 500:
        return ServerError(status, message)
    return ApiError(status, message)
