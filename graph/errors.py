"""One error hierarchy: every failure a user can act on is an ``ActorGraphError``.

The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``.
"""

from __future__ import annotations

__all__ = [
    "ActorGraphError",
    "ActorNotFound",
    "InvalidDocument",
    "QueryError",
    "ReadOnlyViolation",
    "RegistryError",
    "StoreUnavailable",
]


class ActorGraphError(Exception):
    """Root of every error actorgraph raises on purpose."""

    exit_code = 1


class StoreUnavailable(ActorGraphError):
    """The graph store cannot be reached or started."""

    exit_code = 2


class InvalidDocument(ActorGraphError):
    """A document or an input line cannot be read or does not validate."""


class ReadOnlyViolation(ActorGraphError):
    """A write was attempted through a read-only query."""


class QueryError(ActorGraphError):
    """The store rejected a query (syntax error, unknown function...)."""


class ActorNotFound(ActorGraphError):
    """No actor has the given id, name or alias."""


class RegistryError(ActorGraphError):
    """An actor registry file does not validate."""
