"""A small HTTP client for SPARQL servers (SPARQL 1.1 Protocol, Graph Store Protocol).

Standard library only. Credentials come from ``SELARAS_STORE_USER`` and
``SELARAS_STORE_PASSWORD`` (HTTP basic) and are never printed. Every failure is a
:class:`StoreError` with one line saying what to do: exit 2.
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from selaras.errors import SelarasError


class StoreError(SelarasError):
    """A SPARQL server that cannot be reached, refuses the credentials or the request."""


@dataclass(frozen=True)
class StoreSettings:
    """Where a SPARQL server is and who we are there (the password is never shown)."""

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = 300.0

    @classmethod
    def from_env(cls, url: str, *, timeout: float = 300.0) -> StoreSettings:
        return cls(
            url=check_url(url),
            user=os.environ.get("SELARAS_STORE_USER") or None,
            password=os.environ.get("SELARAS_STORE_PASSWORD") or None,
            timeout=timeout,
        )

    def __repr__(self) -> str:
        return f"StoreSettings(url={self.url!r}, user={self.user!r})"


def check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{url!r} is not an http(s) URL of a SPARQL server")
    return url


def request(
    settings: StoreSettings,
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    """The body of a 2xx answer; StoreError for anything else."""
    headers = dict(headers or {})
    if settings.user is not None:
        token = f"{settings.user}:{settings.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(token).decode("ascii")
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=settings.timeout) as answer:
            body: bytes = answer.read()
            return body
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            who = f"user {settings.user!r}" if settings.user else "no user"
            raise StoreError(
                f"{settings.url} refused the credentials ({who}, HTTP {exc.code}): set "
                "SELARAS_STORE_USER and SELARAS_STORE_PASSWORD"
            ) from None
        detail = exc.read(500).decode("utf-8", "replace").strip().splitlines()
        first = detail[0] if detail else exc.reason
        raise StoreError(f"{url} answered HTTP {exc.code}: {first}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(
            f"cannot reach the SPARQL server at {settings.url} ({reason}): is it running "
            "(scripts/fuseki-local start)?"
        ) from None


def with_params(url: str, params: list[tuple[str, str]]) -> str:
    if not params:
        return url
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + joiner + urllib.parse.urlencode(params)
