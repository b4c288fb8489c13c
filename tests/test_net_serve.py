"""`sumiwake serve` as a real process on loopback: the links it prints work with the package's
Python client, and a server killed mid-round and restarted with --resume takes the same links."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

from game.net.client import ServerRefused, TableClient, join_link_parts  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _serve(home: Path, *args: str, port: int = 0) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {**os.environ, "SUMIWAKE_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port), *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    links: dict[str, str] = {}
    end = time.monotonic() + 60
    assert proc.stdout is not None
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"(https?://\S+#t=\S+)", line)
        if m:
            label = line.split(": http")[0].strip()
            links[label] = m.group(1)
        if line.startswith("Autosave:"):
            links["autosave"] = line.split("Autosave: ", 1)[1].split(" (")[0]
            break
    return proc, links


def _stop(proc: subprocess.Popen[str], sig: int = signal.SIGTERM) -> None:
    proc.send_signal(sig)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def test_serve_prints_links_that_work_and_resume_keeps_them(tmp_path):
    proc, links = _serve(tmp_path, "--scenario", "tutorial", "--seed", "3")
    try:
        assert "autosave" in links and "Japan" in links, links
        url, admin = join_link_parts(links["Facilitator page (keep private)"])
        assert url.startswith("ws://127.0.0.1:")
        with TableClient.connect(url, admin) as fac:
            fac.admin("end_phase")
            fac.admin("end_phase")
        url, japan = join_link_parts(links["Japan"])
        with TableClient.connect(url, japan) as team:
            snap = team.wait(lambda d: d["table"]["phase"] == "orders")
            assert snap["seat"]["id"] == "japan" and snap["sheet"]["open"]
            team.submit([])
    finally:
        _stop(proc, signal.SIGKILL)  # a crash: nothing is written at exit
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    proc, again = _serve(tmp_path, "--resume", links["autosave"], port=port)
    try:
        assert again["Japan"] == links["Japan"]
        with TableClient.connect(url, japan) as team:
            assert team.snapshot["sheet"]["submitted"] and team.snapshot["table"]["phase"] == "orders"
        with pytest.raises(ServerRefused) as info:
            TableClient.connect(url, "A" * 32)
        assert info.value.code == "bad_token"
    finally:
        _stop(proc)


def test_serve_with_a_certificate_prints_https_links_that_work_over_wss(tmp_path):
    import ssl

    from test_net_tls import make_cert

    cert, key = make_cert(tmp_path)
    proc, links = _serve(tmp_path, "--scenario", "tutorial", "--seed", "3", "--certfile", str(cert),
                         "--keyfile", str(key))
    try:
        assert links["Japan"].startswith("https://127.0.0.1:"), links
        url, japan = join_link_parts(links["Japan"])
        assert url.startswith("wss://")
        with TableClient.connect(url, japan, ssl=ssl.create_default_context(cafile=str(cert))) as team:
            assert team.snapshot["seat"]["id"] == "japan"
    finally:
        _stop(proc)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_behind_a_proxy_prints_the_public_address_and_accepts_its_origin(tmp_path):
    port = _free_port()
    proc, links = _serve(tmp_path, "--scenario", "tutorial", "--seed", "3", "--public-url",
                         "https://Game.Example.org/", port=port)
    try:
        assert links["Japan"].startswith("https://game.example.org/play"), links
        _, japan = join_link_parts(links["Japan"])
        local = f"ws://127.0.0.1:{port}/ws"  # where the proxy forwards to
        with TableClient.connect(local, japan, origin="https://game.example.org") as team:  # the pages' Origin
            assert team.snapshot["seat"]["id"] == "japan"
        with pytest.raises(Exception):  # noqa: B017 - the server closes a socket from another origin
            TableClient.connect(local, japan, origin="https://evil.example", timeout=5)
    finally:
        _stop(proc)


@pytest.mark.parametrize("args", [["--ai", "atlantis"], ["--durations", "1,2"], ["--scenario", "nowhere"],
                                  ["--port", "-1"], ["--certfile", "cert.pem"],
                                  ["--certfile", "nowhere.pem", "--keyfile", "nowhere.key"],
                                  ["--public-url", "ftp://game.example.org"],
                                  ["--public-url", "https://game.example.org/play"]])
def test_serve_bad_arguments_give_one_line_and_exit_2(tmp_path, monkeypatch, capsys, args):
    from game.cli.main import main

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path))
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and err
    if args[0] != "--port":  # argparse's own refusal prints the usage first
        assert len(err.splitlines()) == 1, err
