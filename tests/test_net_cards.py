"""`sumiwake cards --session FILE --server URL`: a join card per team seat, with its QR code and link."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("segno")

from game.cli.main import main  # noqa: E402
from game.net.joincards import qr_matrix  # noqa: E402
from game.net.table import TableHost  # noqa: E402

from qr_reader import QrError, decode  # noqa: E402


def test_join_cards_hold_each_team_seats_link_and_qr(tmp_path, capsys):
    host = TableHost.new("tutorial", 9, {"sakana": "random"}, autosave_path=tmp_path / "ws.json")
    out = tmp_path / "cards"
    code = main(["cards", "--scenario", "tutorial", "--out", str(out), "--session", str(tmp_path / "ws.json"),
                 "--server", "http://192.168.1.20:8765/"])
    assert code == 0, capsys.readouterr().err
    html = (out / "join-cards.html").read_text(encoding="utf-8")
    for seat in ("usa", "japan", "openai"):
        link = f"http://192.168.1.20:8765/play?lang=en#t={host.tokens.seats[seat]}"
        assert link in html
    assert host.tokens.seats["sakana"] not in html  # an AI seat gets no card
    assert host.tokens.admin not in html and host.tokens.spectator not in html
    assert len(re.findall(r'<section class="card"', html)) == 3
    assert "<script" not in html and "http://www.w3.org/2000/svg" in html
    # each card's QR code, as drawn in its SVG, reads back (an independent reader) to the link printed below it
    for size, runs, url in re.findall(r'viewBox="0 0 (\d+) \d+".*?>(.*?)</svg>.*?<p class="url">(.*?)</p>', html, re.S):
        n = int(size)
        m = [[False] * n for _ in range(n)]
        for x, y, w in re.findall(r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1"/>', runs):
            for i in range(int(w)):
                m[int(y)][int(x) + i] = True
        assert decode(m) == url.replace("&amp;", "&")


def test_qr_matrix_is_a_square_qr_code_with_finder_patterns():
    m = qr_matrix("http://192.168.1.20:8765/play#t=" + "A" * 32)
    n = len(m)
    assert all(len(row) == n for row in m) and n >= 29
    b = 4  # quiet zone
    finder = [row[b:b + 7] for row in m[b:b + 7]]
    assert finder[0] == [True] * 7 and finder[3][2:5] == [True] * 3 and finder[1][1:6] == [False] * 5


@pytest.mark.parametrize("url", ["http://192.168.1.20:8765/play?lang=ja#t=" + "Zq-_9" * 7,
                                 "https://game.example.org/play#t=" + "A" * 32, "http://[fe80::1]:8765/play#t=x"])
def test_qr_matrix_reads_back_to_its_link(url):
    assert decode(qr_matrix(url)) == url


def test_the_qr_reader_refuses_a_damaged_code():
    m = qr_matrix("http://192.168.1.20:8765/play#t=" + "A" * 32)
    m[20][20] = not m[20][20]  # one data module flipped
    with pytest.raises(QrError):
        decode(m)


def test_join_cards_need_the_session_links_and_a_server(tmp_path, capsys):
    from game.session.workshop import Workshop

    Workshop.new("tutorial", 9, {"usa": "usa"}, autosave_path=tmp_path / "plain.json")
    for extra in (["--server", "http://x:1"], []):
        code = main(["cards", "--scenario", "tutorial", "--out", str(tmp_path / "c"),
                     "--session", str(tmp_path / "plain.json"), *extra])
        err = capsys.readouterr().err.strip()
        assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
