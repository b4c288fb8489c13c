"""The one way Sumiwake writes HTML: Jinja2 templates in ``game/session/templates``.

Autoescape is on for every template, whatever its file name, and the ``safe``
filter is removed, so a template cannot mark a value as markup: every value from
a save, a workshop file or a content file reaches the page as text.  Markup comes
only from the template files themselves (and their macros).  Numbers pass
through `num` and colours through `colour`, which accept nothing else.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from game.content.icons import icon_parts
from game.i18n import LANGS, punct

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
FALLBACK_COLOUR = "#6b7487"


def num(value: Any, digits: int = 0, sign: bool = False) -> str:
    """A number with ``digits`` decimals; anything that is not a finite number prints as its text."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return str(value)
    return f"{value:{'+' if sign else ''}.{digits}f}"


def colour(value: Any) -> str:
    """A ``#rrggbb`` colour, or a neutral grey for anything else (nothing else reaches an attribute)."""
    return value if isinstance(value, str) and _COLOUR.fullmatch(value) else FALLBACK_COLOUR


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("game.session", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    del env.filters["safe"]  # no way to mark a value as markup from inside a template
    env.filters["num"] = num
    env.filters["colour"] = colour
    env.globals["icon_parts"] = icon_parts
    return env


# Punctuation between a template's own parts, by language (`game.i18n.PUNCTUATION`):
# Japanese takes full-width forms.
PUNCTUATION = {lang: {name: punct(name, lang) for name in ("colon", "colon_b", "dot", "semi", "lp", "rp")}
               for lang in LANGS}


def render_template(name: str, **context: Any) -> str:
    """Render ``name``; a template given ``lang`` also gets ``P``, its punctuation (`PUNCTUATION`)."""
    if "lang" in context and "P" not in context:
        context["P"] = PUNCTUATION.get(str(context["lang"]), PUNCTUATION["en"])
    return environment().get_template(name).render(**context)
