"""The one Jinja configuration every HTML output is rendered with: the validation report, the
scorecard and the published site. Autoescaping is on (every value from the data is escaped), an
undefined name is an error, and block tags leave no blank lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2


def environment(folder: str = "templates", **filters: Callable[..., Any]) -> jinja2.Environment:
    """A Jinja environment for the package's template ``folder``, with extra ``filters``."""
    import jinja2  # only the commands that write HTML pay for importing it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("selaras", folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env
