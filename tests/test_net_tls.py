"""A remote session behind TLS: a table served with a certificate (self-signed here, made by the
``openssl`` binary at test time) answers over https, its sockets over wss, and the team page
loaded over https opens its socket with wss by itself; a wrong certificate or key is refused."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

from browser_support import launch, sync_playwright  # noqa: E402

from game.net.client import TableClient, join_link_parts  # noqa: E402
from game.net.links import seat_links  # noqa: E402
from game.net.server import Access, ServerThread  # noqa: E402
from game.net.table import TableHost  # noqa: E402
from game.net.tls import TlsError, check_pair  # noqa: E402


def make_cert(folder: Path, name: str = "127.0.0.1") -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` (an IP address), valid for a day."""
    openssl = shutil.which("openssl")
    assert openssl, "the openssl binary makes the test's certificate (apt-get install openssl)"
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=IP:{name}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    return cert, key


@pytest.fixture
def tls_server(tmp_path):
    cert, key = make_cert(tmp_path)
    host = TableHost.new("tutorial", 4, {"sakana": "random"}, autosave_path=tmp_path / "ws.json")
    server = ServerThread(host, access=Access(hosts={"127.0.0.1"}), certfile=cert, keyfile=key).start()
    trust = ssl.create_default_context(cafile=str(cert))
    try:
        yield host, server, trust
    finally:
        server.stop()


def test_a_table_over_tls_answers_https_and_wss(tls_server):
    host, server, trust = tls_server
    assert server.url.startswith("https://127.0.0.1:")
    links = seat_links(host, server.url)
    url, token = join_link_parts(links["seats"]["japan"])
    assert url.startswith("wss://127.0.0.1:")
    with urllib.request.urlopen(server.url + "/play", context=trust, timeout=10) as r:  # noqa: S310 - loopback
        assert r.status == 200 and "default-src 'self'" in r.headers["content-security-policy"]
    with TableClient.connect(url, token, ssl=trust) as team:
        assert team.snapshot["seat"]["id"] == "japan"
        admin_url, admin = join_link_parts(links["admin"])
        with TableClient.connect(admin_url, admin, ssl=trust) as fac:
            fac.admin("end_phase")
            fac.admin("end_phase")
        team.wait(lambda d: d["sheet"]["open"])
        team.submit([])
    assert host.ws.game.submitted()["japan"]
    # a client that does not trust the certificate is not let in, nor one speaking plain ws
    with pytest.raises(ssl.SSLError):
        TableClient.connect(url, token, ssl=ssl.create_default_context())
    with pytest.raises(Exception):  # noqa: B017 - whatever the plain-text handshake fails with
        TableClient.connect(url.replace("wss://", "ws://"), token, timeout=5)


def test_the_team_page_over_https_opens_its_socket_with_wss(tls_server):
    host, server, _ = tls_server
    link = seat_links(host, server.url)["seats"]["usa"]
    sockets: list[str] = []
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_context(ignore_https_errors=True).new_page()  # the self-signed certificate
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(link)
        page.wait_for_selector("#indices", timeout=20_000)
        assert page.locator("#choice button.option").count() == 3  # the first card asks the United States
        browser.close()
    assert sockets and all(u.startswith("wss://127.0.0.1:") for u in sockets), sockets
    assert host.remote["usa"].last_seen is not None


def test_a_wrong_certificate_or_key_is_one_sentence(tmp_path):
    cert, key = make_cert(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    _, other_key = make_cert(other)
    with pytest.raises(TlsError) as info:
        check_pair(cert, other_key)
    assert str(cert) in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(TlsError) as info:
        check_pair(tmp_path / "none.pem", key)
    assert "no such file" in str(info.value)
    check_pair(cert, key)
