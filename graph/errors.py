"""One error hierarchy: every failure a user can act on is an ``ActorGraphError``.

The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``.
"""

from __future__ import annotations

from pydantic import ValidationError

__all__ = [
    "ActorGraphError",
    "ActorNotFound",
    "ClusterUnavailable",
    "InvalidDocument",
    "QueryError",
    "ReadOnlyViolation",
    "RegistryError",
    "StoreUnavailable",
    "describe_validation",
]


class ActorGraphError(Exception):
    """Root of every error actorgraph raises on purpose."""

    exit_code = 1


class StoreUnavailable(ActorGraphError):
    """The graph store cannot be reached or started."""

    exit_code = 2


class ClusterUnavailable(ActorGraphError):
    """The Dask cluster cannot be reached or started, or lost its workers."""

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


def describe_validation(error: ValidationError) -> str:
    """A pydantic validation error as one short line: where and what of its
    first problem, and how many more there are (every message about input
    that does not validate is made here).

    >>> from pydantic import BaseModel
    >>> class Point(BaseModel):
    ...     x: int
    ...     y: int
    >>> try:
    ...     Point.model_validate({"x": "a"})
    ... except ValidationError as error:
    ...     print(describe_validation(error))
    x: Input should be a valid integer, unable to parse string as an integer (and 1 more)
    """
    problems = error.errors(include_url=False)
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"])
    text = f"{where}: {first['msg']}" if where else first["msg"]
    return text if len(problems) == 1 else f"{text} (and {len(problems) - 1} more)"
