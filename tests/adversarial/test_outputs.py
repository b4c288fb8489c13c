"""Nothing overwrites its input, nothing half-written stays: every writer checks its output
before any work and says what is wrong in one line (exit 2)."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _saves import game_save  # noqa: E402

from game.cli.main import main as cli_main  # noqa: E402
from game.session import storage  # noqa: E402


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli_main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def save(tmp_path) -> Path:
    path = tmp_path / "s" / "tutorial-3.json"
    path.parent.mkdir()
    path.write_text(json.dumps(game_save()), encoding="utf-8")
    return path


def test_report_next_to_its_save_does_not_overwrite_it(capsys, save):
    """`report s/x.json --out s/x.html`: the data file would default to s/x.json, the save itself."""
    before = save.read_bytes()
    code, out, err = _cli(capsys, "report", str(save), "--out", str(save.with_suffix(".html")))
    assert code == 2 and out == ""
    assert err.splitlines() == [f"{save}: is the input file {save}; choose another output"]
    assert save.read_bytes() == before and not save.with_suffix(".html").exists()


def test_report_refuses_its_input_by_any_path(capsys, save, monkeypatch):
    before = save.read_bytes()
    monkeypatch.chdir(save.parent)
    link = save.parent / "link.json"
    link.symlink_to(save)
    hard = save.parent / "hard.json"
    os.link(save, hard)
    for out in ("./tutorial-3.json", "../s/tutorial-3.json", str(link), str(hard)):
        code, _, err = _cli(capsys, "report", "tutorial-3.json", "--out", "r.html", "--data", out)
        assert code == 2 and len(err.splitlines()) == 1 and "is the input file" in err, out
        code, _, err = _cli(capsys, "report", "tutorial-3.json", "--out", out, "--data", "r.json")
        assert code == 2 and len(err.splitlines()) == 1 and "is the input file" in err, out
    assert save.read_bytes() == before


def test_report_with_the_same_file_for_both_outputs(capsys, save, tmp_path):
    code, _, err = _cli(capsys, "report", str(save), "--out", str(tmp_path / "r.html"),
                        "--data", str(tmp_path / "." / "r.html"))
    assert code == 2 and err.splitlines() == ["--data must differ from --out"]


def _blocked(tmp_path: Path) -> Path:
    """A path no one can write, even root: its parent is a file."""
    f = tmp_path / "plain-file"
    f.write_text("x", encoding="utf-8")
    return f / "out"


@pytest.mark.parametrize("argv, where, message", [
    (["report", "{save}", "--out", "{dir}"], "{dir}", "{dir}: is a directory; give a file name"),
    (["report", "{save}", "--out", "{blocked}/r.html"], "", "{blocked}/r.html: cannot write: {file} is not a directory"),
    (["report", "{save}", "--out", "{tmp}/r.html", "--data", "{dir}"], "", "{dir}: is a directory; give a file name"),
    (["cards", "--scenario", "tutorial", "--out", "{file}"], "", "{file}: exists and is not a directory"),
    (["cards", "--scenario", "tutorial", "--out", "{blocked}"], "", "{blocked}: cannot write: {file} is not a directory"),
    (["schema", "--out", "{file}"], "", "{file}: exists and is not a directory"),
    (["schema", "--out", "{blocked}"], "", "{blocked}: cannot write: {file} is not a directory"),
    (["sim", "--scenario", "tutorial", "--games", "1", "--save", "{file}"], "", "{file}: exists and is not a directory"),
    (["sim", "--scenario", "tutorial", "--games", "1", "--save", "{blocked}"], "",
     "{blocked}: cannot write: {file} is not a directory"),
    (["balance", "--games", "1", "--scenario", "tutorial", "--quiet", "--out", "{dir}"], "",
     "{dir}: is a directory; give a file name"),
    (["balance", "--games", "1", "--scenario", "tutorial", "--quiet", "--out", "{blocked}/b.md"], "",
     "{blocked}/b.md: cannot write: {file} is not a directory"),
])
def test_every_writer_refuses_a_bad_output_before_any_work(capsys, save, tmp_path, argv, where, message):
    d = tmp_path / "a-dir"
    d.mkdir()
    blocked = _blocked(tmp_path)
    names = {"save": save, "dir": d, "blocked": blocked, "file": blocked.parent, "tmp": tmp_path}
    code, out, err = _cli(capsys, *[a.format(**names) for a in argv])
    assert code == 2 and out == "", err  # nothing printed: no game was played, no table shown
    assert err.splitlines() == [message.format(**names)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-dir", "plain-file", "s"]  # nothing written


def test_a_read_only_place_is_found_by_trying(capsys, save, tmp_path, monkeypatch):
    """Root passes every os.access test; a probe file is what tells a read-only disk."""
    import tempfile

    def refuse(*a, **k):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = _cli(capsys, "report", str(save), "--out", str(tmp_path / "r.html"))
    assert code == 2 and err.splitlines() == [f"{tmp_path / 'r.html'}: cannot write: the file system is read-only"]


def test_a_write_that_fails_midway_leaves_no_temporary_file_and_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "autosave.json"
    storage.write_atomic(target, "the good one")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", lambda fd: full(fd, b""))
    with pytest.raises(OSError) as info:
        storage.write_atomic(target, "x" * 10_000)
    assert info.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == "the good one"
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.json"]


def test_report_on_a_disk_that_fills_up_says_so_in_one_line(capsys, save, tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    out = tmp_path / "r.html"
    code, _, err = _cli(capsys, "report", str(save), "--out", str(out))
    assert code == 2 and err.splitlines() == [f"{out}: cannot write: no space left on the disk"]
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ a full disk during a workshop


class _Clock:
    t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_a_full_disk_during_a_workshop_keeps_the_session_and_the_last_autosave(tmp_path, monkeypatch):
    from game.session.workshop import Workshop

    path = tmp_path / "ws.json"
    ws = Workshop.new("tutorial", seed=2, teams={"japan": "佐藤班"}, rounds=2, autosave_path=path, clock=_Clock())
    ws.end_phase()
    good = path.read_bytes()
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert ws.end_phase() == "orders"  # the facilitator's action goes through
    assert ws.save_problem is not None and ws.save_problem.errno == errno.ENOSPC
    assert path.read_bytes() == good  # the last autosave is whole and loads
    assert Workshop.load(path, autosave=False).game.phase == "negotiation"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws.json"]
    monkeypatch.setattr(os, "fsync", real_fsync)
    ws.enter_orders("japan", [])  # space again: the next action saves everything done meanwhile
    assert ws.save_problem is None
    assert Workshop.load(path, autosave=False).game.phase == "orders"
