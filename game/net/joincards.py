"""Join cards: one printable card per seat with its QR code and link (``sumiwake cards --session``).

The QR code is drawn from segno's module matrix as SVG rectangles by an autoescaping
template (no markup is taken from anywhere as is)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from game.session.storage import write_atomic

from .links import link
from .messages import t
from .tokens import TokenStore

TEMPLATES = Path(__file__).resolve().parent / "templates"


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of ``text`` as rows of dark (True) and light modules, with its quiet zone."""
    import segno

    qr = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in qr.matrix_iter(scale=1, border=4)]


def qr_runs(matrix: list[list[bool]]) -> list[tuple[int, int, int]]:
    """The dark modules as horizontal runs (x, y, length): a small SVG."""
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((start, y, x - start))
            else:
                x += 1
    return runs


def join_cards_html(seats: list[tuple[str, str]], tokens: TokenStore, base: str, lang: str,
                    title: str, fonts: list[dict[str, Any]] | None = None) -> str:
    """The cards page: ``seats`` as (id, name) pairs; ``fonts``: the bundled font's @font-face
    sources (`game.session.fonts`; embedded in the page when not given)."""
    from game.session.fonts import embedded_fonts

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))
    cards: list[dict[str, Any]] = []
    for sid, name in seats:
        url = link(base, "play", tokens.seats[sid], lang)
        m = qr_matrix(url)
        cards.append({"seat": sid, "name": name, "url": url, "size": len(m), "runs": qr_runs(m)})
    return env.get_template("joincards.html.j2").render(
        lang=lang, title=title, cards=cards, heading=t("cards.heading", lang), hint=t("cards.hint", lang),
        fonts=embedded_fonts() if fonts is None else fonts)


def write_join_cards(path: Path, seats: list[tuple[str, str]], tokens: TokenStore, base: str, lang: str,
                     title: str) -> Path:
    """Write the cards page, the bundled font beside it in ``fonts/`` (shared with the role cards)."""
    from game.session.fonts import linked_fonts

    fonts, _files = linked_fonts(path.parent)
    write_atomic(path, join_cards_html(seats, tokens, base, lang, title, fonts))
    return path
