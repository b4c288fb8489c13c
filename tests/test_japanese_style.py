"""Register and punctuation of the Japanese text (issue #12, item 4).

* Japanese text uses full-width punctuation: no half-width ``, ; : ( )`` and no ``·`` inside
  it (placeholders, option names, file names, times and what a reader types are left alone);
* titles and names carry no colon of their own, so a label in front of them ("シナリオ：…")
  never stacks two;
* status lines, guide lines and refusals are sentences in です／ます (buttons and labels stay
  nouns; help pages, cards and content prose keep the plain written style).
"""

from __future__ import annotations

import re

from japanese_text import catalog_entries, content_entries

JA = r"\u3040-\u30ff\u3400-\u9fff\uff00-\uffef\u3000-\u303f"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[srd]|%[srd]")
LITERAL = re.compile(r"'[^']*'|“[^”]*”|「[^」]*」|--?[a-z][\w-]*|[\w./-]+://\S+|[A-Za-z0-9_./*-]+\.[a-z]{2,4}\b|\d+:\d+")
HALF = re.compile(r"[,;:()·]")


def _bare(text: str) -> str:
    return LITERAL.sub(" ", PLACEHOLDER.sub("X", text))


def half_width_punctuation(text: str) -> list[str]:
    """Half-width punctuation in Japanese text: a ``·`` anywhere, and ``, ; : ( )`` next to
    Japanese (or inside a bracket that holds Japanese)."""
    if not re.search(f"[{JA}]", text):
        return []
    bare = _bare(text)
    found = ["·"] if "·" in bare else []
    for m in HALF.finditer(bare):
        ch = m.group()
        if ch == "·":
            continue
        near = bare[max(0, m.start() - 2):m.end() + 2]
        if re.search(f"[{JA}]", near) or (ch == "(" and re.match(rf"\([^)]*[{JA}]", bare[m.start():])):
            found.append(f"{ch!r} in …{near}…")
    return found


def test_japanese_text_uses_full_width_punctuation():
    bad = [f"{where}: {found}: {ja!r}" for where, _en, ja in [*catalog_entries(), *content_entries()]
           for found in [half_width_punctuation(ja)] if found]
    assert not bad, f"{len(bad)} Japanese texts with half-width punctuation:\n" + "\n".join(bad[:80])


def test_the_check_finds_half_width_punctuation():
    assert half_width_punctuation("米国, 日本")
    assert half_width_punctuation("シナリオ: G7")
    assert half_width_punctuation("(3年):")
    assert half_width_punctuation("R1 イベント · 時計を停止")
    assert not half_width_punctuation("得点 {score:.1f}（前年 {last:+.1f}）、時刻 10:00、--lang ja、'a, b'")


TITLE = re.compile(r"(^|[.\]])(title|name|heading)$|\.title\b|\.heading\b|:title$")


def test_titles_and_names_carry_no_colon_of_their_own():
    bad = [f"{where}: {ja!r}" for where, _en, ja in content_entries()
           if TITLE.search(where.split(".", 1)[-1]) and "：" in PLACEHOLDER.sub("", ja)]
    assert not bad, "a title or name with a colon stacks under a label:\n" + "\n".join(bad[:40])
    stacked = [f"{where}: {ja!r}" for where, _en, ja in catalog_entries()
               if re.search(r"：[^：（）「」]*：", PLACEHOLDER.sub("X", ja)) and TITLE.search(where)]
    assert not stacked, "titles with stacked colons:\n" + "\n".join(stacked[:40])


POLITE = re.compile(r"(です|ます|ません|ました|でした|ください|ましょう|でしょう|ませんか)$")


def _ending(text: str) -> str:
    """The sentence ending of ``text``: without a last 。, closing brackets, parentheticals,
    placeholders and what follows the last sentence's verb (a path, a list)."""
    t = text.strip()
    while True:
        before = t
        t = re.sub(r"[。．！？\s]+$", "", t)
        t = re.sub(r"（[^（）]*）$|「[^「」]*」$", "", t)
        t = re.sub(r"\{[^{}]*\}$", "", t)
        t = re.sub(r"[：:]$", "", t)
        if t == before:
            return t


def _sentence_scope(where: str) -> bool:
    """Status, guide and refusal texts: the lines that tell a player what happened or what to do."""
    cat, _, key = where.partition(":")
    if where.startswith("scenarios/tutorial.yaml.tutorial["):
        return True  # the tutorial's guide
    if cat == "engine":
        return "." not in key or key.startswith(("save.", "too_many.", "sovereign_overshoot."))
    if cat in ("cli", "net"):
        return key.startswith(("err.", "out."))
    if cat == "ui":
        return bool(re.match(r"(guide\.|ws\.status\.|save\.(saved|sub|error)|settings\.(damaged|sub)$"
                             r"|menu\.autosaved|ws\.ov\.need_reason|ws\.setup\.no_team|ws\.autosave_failed"
                             r"|ws\.missing\.none|ws\.results\.hint|brief\.(ends_now|ends_next|objective\.met)"
                             r"|neg\.(none|open\.none)|choice\.none|ws\.db\.wrote|ws\.db\.cards_wrote)", key))
    return False


def _label(text: str) -> bool:
    """A status line that is a label and its value (「今年のイベントカード：{card}」): a noun, a colon,
    a parameter; not a sentence."""
    m = re.match(r"^([^。：]*)：\{", text)
    return "。" not in text and m is not None and not re.search(r"[たいるうずだ]$", m.group(1))


def impolite(text: str) -> list[str]:
    """The sentences of ``text`` that do not end in です／ます (a label and its value is no sentence)."""
    if _label(text):
        return []
    return [s for s in re.split(r"(?<=。)", text) if s.strip() and not POLITE.search(_ending(s))]


def test_status_guide_and_refusal_sentences_are_polite():
    bad = [f"{where}: {found}" for where, _en, ja in [*catalog_entries(), *content_entries()]
           if _sentence_scope(where) for found in [impolite(ja)] if found]
    assert not bad, f"{len(bad)} sentences not in です／ます:\n" + "\n".join(bad[:120])


def test_the_register_check_can_fail():
    assert POLITE.search(_ending("スロット{n}に保存しました。"))
    assert POLITE.search(_ending("実行できませんでした：{reason}"))  # the reason follows the colon
    assert not POLITE.search(_ending("時計を止めた。"))
    assert not POLITE.search(_ending("先に理由を入力すること。"))
    assert POLITE.search(_ending("時計を止めました（Spaceで再開）。"))
    assert _label("今年のイベントカード：{card}") and not _label("実行できなかった：{reason}")
    assert impolite("時計を止めました。Spaceで再開する。") == ["Spaceで再開する。"]
