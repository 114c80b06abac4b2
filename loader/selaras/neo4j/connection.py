"""Connecting to Neo4j: settings from the environment or options, a verified driver, and one
place that turns the driver's exceptions into :class:`~selaras.errors.Neo4jError`.

The driver is the official ``neo4j`` package. Nothing assumes a direct connection: ``neo4j://``
routing URIs (clusters, Aura) work the same as ``bolt://``, every session names its database,
and all work runs in managed transactions (``execute_read`` / ``execute_write``), which the
driver retries on transient errors. The password is never printed, logged or put in a message.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import neo4j
import neo4j.exceptions as nx

from selaras._version import __version__
from selaras.errors import Neo4jError

# The driver logs connection trouble as warnings; the errors below say it in one line instead
# (without a handler of its own, Python would print them on stderr).
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
#: Bolt URI schemes: bolt (one server), neo4j (routing: clusters, Aura); +s / +ssc for TLS.
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
START_HINT = (
    "start the local server with `scripts/neo4j-local start`, or set NEO4J_URI to a running server"
)


#: The userinfo of a URI (``neo4j:secret@``): never shown, never passed to the driver.
_USERINFO = re.compile(r"(?<=://)[^/@\s]*@")


def redact(text: str) -> str:
    """``text`` with the user and password of any URI in it replaced by ``***``.

    >>> redact("cannot reach bolt://neo4j:secret@db:7687 (refused)")
    'cannot reach bolt://***@db:7687 (refused)'
    """
    return _USERINFO.sub("***@", text)


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect. ``repr`` leaves the password out (also one in the URI)."""

    uri: str = field(default=DEFAULT_URI, repr=False)
    user: str = DEFAULT_USER
    password: str | None = field(default=None, repr=False)
    database: str = DEFAULT_DATABASE

    @property
    def shown_uri(self) -> str:
        """The URI as messages show it: any ``user:password@`` replaced by ``***@``."""
        return redact(self.uri)

    def __repr__(self) -> str:
        return (
            f"Neo4jSettings(uri={self.shown_uri!r}, user={self.user!r}, database={self.database!r})"
        )

    @classmethod
    def from_env(
        cls,
        *,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Neo4jSettings:
        """Options win over NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE."""
        env = os.environ if environ is None else environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USER") or DEFAULT_USER,
            password=password if password is not None else env.get("NEO4J_PASSWORD"),
            database=database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )


def translate(exc: Exception, settings: Neo4jSettings, *, working: bool = False) -> Neo4jError:
    """:func:`_translate` with credentials taken out of the message, whatever the driver said."""
    error = _translate(exc, settings, working=working)
    message = redact(str(error))
    if settings.password and len(settings.password) >= 4:  # a short one would mangle words
        message = message.replace(settings.password, "***")
    return error if message == str(error) else Neo4jError(message)


def _translate(exc: Exception, settings: Neo4jSettings, *, working: bool = False) -> Neo4jError:
    """The one-line Neo4jError for a driver exception: the URI and what to do, no password.

    ``working``: the error came after the connection was made (a load or export cut short).

    >>> error = translate(nx.AuthError("no"), Neo4jSettings(password="s3cret"))
    >>> "refused the credentials of user 'neo4j'" in str(error), "s3cret" in str(error)
    (True, False)
    """
    where = f"Neo4j at {settings.shown_uri}"
    if isinstance(exc, nx.AuthError):
        return Neo4jError(
            f"{where} refused the credentials of user {settings.user!r}; set NEO4J_USER and "
            "NEO4J_PASSWORD"
        ).about("user", "password")
    if isinstance(exc, nx.ConfigurationError | ValueError):
        return Neo4jError(
            f"cannot use NEO4J_URI {settings.shown_uri!r}: {_first_line(exc)}; use for example "
            "bolt://127.0.0.1:7687, neo4j://host:7687 (cluster) or neo4j+s://ID.databases."
            "neo4j.io (Aura)"
        ).about("uri")
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired):
        if working:
            return Neo4jError(
                f"lost the connection to {where} ({_first_line(exc)}); when it is back, run "
                "the same command again: a load cut short is completed by loading again"
            )
        return Neo4jError(f"cannot reach {where} ({_first_line(exc)}); {START_HINT}").about("uri")
    if isinstance(exc, nx.Neo4jError):
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            return Neo4jError(
                f"{where} has no database {settings.database!r}; set NEO4J_DATABASE to an "
                "existing one (Community Edition has only 'neo4j')"
            ).about("database")
        if code.endswith("ConstraintValidationFailed"):
            return Neo4jError(
                f"{where}: another load wrote the same nodes at the same time and this one "
                "gave up after retrying; run the same command again (loading is idempotent)"
            )
        return Neo4jError(f"{where} refused the work: {code}: {_first_line(exc)}")
    return Neo4jError(f"{where}: {type(exc).__name__}: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(message).strip().splitlines()[0].rstrip(": ")


@contextmanager
def neo4j_errors(settings: Neo4jSettings, *, working: bool = False) -> Iterator[None]:
    """Turn driver exceptions raised inside the block into Neo4jError."""
    try:
        yield
    except (nx.Neo4jError, nx.DriverError) as exc:
        raise translate(exc, settings, working=working) from exc


@contextmanager
def connect(settings: Neo4jSettings) -> Iterator[neo4j.Driver]:
    """A driver that has reached the server, logged in and found the database; closed after.

    Raises Neo4jError (exit 2) when the server is unreachable, the credentials are wrong, the
    database does not exist or the URI is malformed; also for driver errors inside the block.
    """
    if _USERINFO.search(settings.uri):
        raise Neo4jError(
            f"NEO4J_URI {settings.shown_uri!r} carries a user or password, which the driver "
            "does not accept in the URI (and which would show in the process list): set "
            "NEO4J_USER and NEO4J_PASSWORD and leave them out of the URI"
        ).about("user", "password")
    if settings.password is None:
        raise Neo4jError(
            f"no password for Neo4j at {settings.shown_uri}: set NEO4J_PASSWORD; see docs/neo4j.md"
        ).about("password")
    scheme = settings.uri.partition("://")[0]
    if scheme not in SCHEMES or "://" not in settings.uri:
        raise translate(ValueError(f"the scheme must be one of {', '.join(SCHEMES)}"), settings)
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=neo4j.basic_auth(settings.user, settings.password),
            user_agent=f"selaras/{__version__}",
            connection_timeout=15.0,
        )
    except (nx.ConfigurationError, ValueError) as exc:
        raise translate(exc, settings) from exc
    try:
        try:
            with neo4j_errors(settings):
                driver.verify_connectivity()
                with driver.session(database=settings.database) as session:
                    session.execute_read(_ping)
        except ValueError as exc:  # the driver could not resolve the address
            raise translate(exc, settings) from exc
        with neo4j_errors(settings, working=True):
            yield driver
    finally:
        driver.close()


def _ping(tx: neo4j.ManagedTransaction) -> None:
    tx.run("RETURN 1").consume()
