"""Explicit downloads (frontmap.download, ``frontmap download``), without internet.

Every test serves files from a real HTTP server on 127.0.0.1 (http.server in a thread that
stops by itself) and points the registry's addresses at it with ``url=``. The core tests serve
small files they write to tmp_path; the tests on real data serve ../shared/data IN PLACE (the
server reads the files there; nothing is copied) and skip without it. Special paths make the
server misbehave: ``/truncated/`` announces the full length and sends half, ``/corrupt/`` sends
half with a matching length, ``/lfs/`` a Git LFS pointer, ``/html/`` a web page, ``/slow/``
nothing for a while.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

import pytest

from frontmap.download import (
    META_SUFFIX,
    SOURCES,
    cached_file,
    default_cache_dir,
    download,
    download_frontline,
    get_source,
)
from frontmap.errors import InputError, SourceError

#: The server shuts itself down after this many seconds, whatever the test does.
SERVER_LIFETIME_S = 120.0
#: How long /slow/ keeps the client waiting (longer than the timeout the tests pass).
SLOW_S = 1.5


class FileServer:
    """Serve files under ``root`` read in place, count requests, misbehave on request."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.requests[self.path] += 1
                mode, _, rel = self.path.lstrip("/").partition("/")
                path = (server.root / rel).resolve()
                if not path.is_relative_to(server.root) or not path.is_file():
                    self.send_error(404, "Not Found")
                    return
                if mode == "files":
                    self.send_response(200)
                    self.send_header("Content-Length", str(path.stat().st_size))
                    self.end_headers()
                    with open(path, "rb") as handle:
                        while block := handle.read(64 * 1024):
                            self.wfile.write(block)
                elif mode in ("truncated", "corrupt"):
                    data = path.read_bytes()
                    half = data[: len(data) // 2]
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(data) if mode == "truncated" else len(half)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(half)
                    self.close_connection = True
                elif mode == "lfs":
                    body = (
                        "version https://git-lfs.github.com/spec/v1\n"
                        f"oid sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}\n"
                        f"size {path.stat().st_size}\n"
                    ).encode()
                    self._send(body)
                elif mode == "html":
                    self._send(b"<!DOCTYPE html><html><body>Sign in to continue</body></html>")
                elif mode == "slow":
                    time.sleep(SLOW_S)
                    self._send(path.read_bytes())
                else:
                    self.send_error(404, "Not Found")

            def _send(self, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up (the timeout tests) is expected, not worth a traceback

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._deadline = threading.Timer(SERVER_LIFETIME_S, self.httpd.shutdown)
        self._deadline.daemon = True

    def url(self, rel: str, mode: str = "files") -> str:
        return f"{self.base}/{mode}/{rel}"

    def hits(self, rel: str, mode: str = "files") -> int:
        with self._lock:
            return self.requests[f"/{mode}/{rel}"]

    def total(self) -> int:
        with self._lock:
            return sum(self.requests.values())

    def __enter__(self) -> Self:
        self._thread.start()
        self._deadline.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._deadline.cancel()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


@pytest.fixture(autouse=True)
def offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No proxy between the client and 127.0.0.1, and no cache outside tmp_path."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("FRONTMAP_CACHE", str(tmp_path / "env-cache"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def leftovers(cache: Path) -> list[str]:
    """Anything in the cache that is not a finished file with its sidecar."""
    if not cache.exists():
        return []
    out = []
    for path in cache.rglob("*"):
        if path.is_dir():
            if path.name.startswith(".download-") or path.name.startswith("."):
                out.append(str(path))
            continue
        if path.name.endswith(META_SUFFIX):
            if not path.with_name(path.name[: -len(META_SUFFIX)]).is_file():
                out.append(str(path))
        elif not path.with_name(path.name + META_SUFFIX).is_file():
            out.append(str(path))
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- small generated files


def square(lon: float, lat: float, size: float) -> list[list[list[float]]]:
    # counter-clockwise outer ring (RFC 7946)
    return [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]]


def write_geojson(path: Path, features: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def oblast_file(path: Path) -> Path:
    """Three first-level units in geoBoundaries' columns, as squares near their real places."""
    units = [
        ("Donetsk Oblast", "UA-14", 37.0, 47.5),
        ("Kharkiv Oblast", "UA-63", 36.0, 49.5),
        ("Luhansk Oblast", "UA-09", 39.0, 48.5),
    ]
    return write_geojson(
        path,
        [
            {
                "type": "Feature",
                "properties": {"shapeName": n, "shapeISO": iso, "shapeType": "ADM1"},
                "geometry": {"type": "Polygon", "coordinates": square(lon, lat, 0.8)},
            }
            for n, iso, lon, lat in units
        ],
    )


def snapshot_file(path: Path, size: float) -> Path:
    """One occupied-area polygon without properties, like the daily archive's files."""
    return write_geojson(
        path,
        [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": square(37.0, 47.0, size)},
            }
        ],
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[FileServer, Path]]:
    root = tmp_path / "www"
    oblast_file(root / "adm1.geojson")
    write_geojson(
        root / "points.geojson",
        [
            {
                "type": "Feature",
                "properties": {"shapeName": "Donetsk Oblast", "shapeType": "ADM1"},
                "geometry": {"type": "Point", "coordinates": [37.8, 48.0]},
            }
        ],
    )
    for day, size in (("20250801", 0.5), ("20250802", 0.6), ("20250804", 0.7), ("20250806", 0.8)):
        snapshot_file(root / "archive" / f"deepstatemap_data_{day}.geojson", size)
    with FileServer(root) as server:
        yield server, root


# --------------------------------------------------------------------------- registry and cache dir


def test_cache_dir_precedence(tmp_path: Path) -> None:
    home = Path.home()
    assert default_cache_dir({"FRONTMAP_CACHE": "/a/b", "XDG_CACHE_HOME": "/x"}) == Path("/a/b")
    assert default_cache_dir({"XDG_CACHE_HOME": "/x"}) == Path("/x/frontmap")
    assert default_cache_dir({"XDG_CACHE_HOME": "relative/ignored"}) == home / ".cache" / "frontmap"
    assert default_cache_dir({"FRONTMAP_CACHE": ""}) == home / ".cache" / "frontmap"
    assert default_cache_dir({}) == home / ".cache" / "frontmap"


def test_registry_entries_are_complete_and_resolvable() -> None:
    names = [s.name for s in SOURCES]
    assert len(names) == len(set(names))
    for src in SOURCES:
        assert src.url.startswith("https://") and src.licence and src.attribution and src.format
        assert src.kind in ("boundaries", "frontline")
        day = dt.date(2025, 8, 1) if src.dated else None
        assert src.filename(day).endswith(".geojson")
        assert get_source(src.name) is src
    assert (
        get_source("deepstatemap")
        .url_for(dt.date(2025, 8, 1))
        .endswith("/deepstatemap_data_20250801.geojson")
    )
    with pytest.raises(InputError, match="unknown download source 'gadm'.*geoboundaries-adm1"):
        get_source("gadm")
    with pytest.raises(InputError, match="one file per date"):
        download("deepstatemap", cache_dir="/nonexistent")
    with pytest.raises(InputError, match="takes no date"):
        download("geoboundaries-adm1", date="2025-01-01", cache_dir="/nonexistent")


# --------------------------------------------------------------------------- core, generated files


def test_download_caches_validates_and_does_not_refetch(served: tuple[FileServer, Path], cache: Path) -> None:
    server, root = served
    url = server.url("adm1.geojson")
    calls: list[tuple[int, int]] = []
    path = download(
        "geoboundaries-adm1", url=url, cache_dir=cache, progress=lambda d, t: calls.append((d, t))
    )

    size = (root / "adm1.geojson").stat().st_size
    assert path == cache / "geoboundaries-adm1" / "geoBoundaries-UKR-ADM1.geojson"
    assert path.read_bytes() == (root / "adm1.geojson").read_bytes()
    meta = json.loads(path.with_name(path.name + META_SUFFIX).read_text())
    assert meta["url"] == url and meta["size"] == size and meta["sha256"] == sha256(path)
    assert dt.datetime.fromisoformat(meta["fetched"]).tzinfo is not None
    assert meta["validated"]["units"] == 3 and meta["validated"]["matched_units"] == 3
    assert calls[0] == (0, size) and calls[-1] == (size, size)
    assert server.hits("adm1.geojson") == 1

    from frontmap.regions.boundaries import load_boundaries

    frame = load_boundaries(path)
    assert sorted(frame.unit_id) == ["UA14", "UA44", "UA63"]

    # cached: no request at all, the same path
    assert download("geoboundaries-adm1", url=url, cache_dir=cache) == path
    assert server.hits("adm1.geojson") == 1
    assert cached_file("geoboundaries-adm1", cache_dir=cache, url=url) == path
    # force fetches again
    download("geoboundaries-adm1", url=url, cache_dir=cache, force=True)
    assert server.hits("adm1.geojson") == 2
    # another address is not the cached copy
    assert cached_file("geoboundaries-adm1", cache_dir=cache) is None
    assert leftovers(cache) == []


def test_cache_without_matching_sidecar_is_fetched_again(
    served: tuple[FileServer, Path], cache: Path
) -> None:
    server, _ = served
    url = server.url("adm1.geojson")
    path = download("geoboundaries-adm1", url=url, cache_dir=cache)
    # a truncated cached copy (size no longer the recorded one) does not count
    path.write_bytes(path.read_bytes()[:100])
    assert cached_file("geoboundaries-adm1", cache_dir=cache, url=url) is None
    download("geoboundaries-adm1", url=url, cache_dir=cache)
    assert server.hits("adm1.geojson") == 2
    # no sidecar, no cache hit
    path.with_name(path.name + META_SUFFIX).unlink()
    download("geoboundaries-adm1", url=url, cache_dir=cache)
    assert server.hits("adm1.geojson") == 3
    assert sha256(path) == json.loads(path.with_name(path.name + META_SUFFIX).read_text())["sha256"]


def test_env_cache_dir_is_used_by_default(served: tuple[FileServer, Path], tmp_path: Path) -> None:
    server, _ = served
    path = download("geoboundaries-adm1", url=server.url("adm1.geojson"))
    assert path.parent == tmp_path / "env-cache" / "geoboundaries-adm1"


@pytest.mark.parametrize(
    ("mode", "rel", "message"),
    [
        ("files", "missing.geojson", r"/files/missing\.geojson: the server answered HTTP 404"),
        (
            "truncated",
            "adm1.geojson",
            r"/truncated/adm1\.geojson: the (connection closed early|transfer is incomplete)",
        ),
        (
            "corrupt",
            "adm1.geojson",
            r"/corrupt/adm1\.geojson: the downloaded file does not load as boundaries",
        ),
        ("lfs", "adm1.geojson", r"/lfs/adm1\.geojson: the server sent a Git LFS pointer"),
        ("html", "adm1.geojson", r"/html/adm1\.geojson: the server sent a web page"),
        ("files", "points.geojson", r"does not load as boundaries .*polygons"),
    ],
)
def test_bad_downloads_give_clear_errors_and_leave_nothing(
    served: tuple[FileServer, Path], cache: Path, mode: str, rel: str, message: str
) -> None:
    server, _ = served
    with pytest.raises(SourceError, match=message):
        download("geoboundaries-adm1", url=server.url(rel, mode), cache_dir=cache)
    assert server.hits(rel, mode) == 1
    folder = cache / "geoboundaries-adm1"
    assert not folder.exists() or list(folder.iterdir()) == []
    # a failure does not spoil a later good download
    path = download("geoboundaries-adm1", url=server.url("adm1.geojson"), cache_dir=cache)
    assert path.is_file() and leftovers(cache) == []


def test_a_bad_download_keeps_the_good_cached_copy(served: tuple[FileServer, Path], cache: Path) -> None:
    server, root = served
    path = download("geoboundaries-adm1", url=server.url("adm1.geojson"), cache_dir=cache)
    with pytest.raises(SourceError):
        download("geoboundaries-adm1", url=server.url("adm1.geojson", "corrupt"), cache_dir=cache, force=True)
    assert path.read_bytes() == (root / "adm1.geojson").read_bytes()
    assert leftovers(cache) == []


def test_unreachable_and_silent_servers(served: tuple[FileServer, Path], cache: Path) -> None:
    server, _ = served
    with pytest.raises(SourceError, match=r"no answer within 0\.3 s"):
        download("geoboundaries-adm1", url=server.url("adm1.geojson", "slow"), cache_dir=cache, timeout=0.3)
    # a port nobody listens on: bind one, close it, use its number
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SourceError, match=rf"127\.0\.0\.1:{port}/x\.geojson: cannot connect"):
        download("geoboundaries-adm1", url=f"http://127.0.0.1:{port}/x.geojson", cache_dir=cache, timeout=2)
    with pytest.raises(InputError, match="not an http"):
        download("geoboundaries-adm1", url="file:///etc/passwd", cache_dir=cache)
    assert leftovers(cache) == []


def test_mirrors_are_tried_in_order(served: tuple[FileServer, Path], cache: Path) -> None:
    from dataclasses import replace

    server, _ = served
    src = replace(
        get_source("geoboundaries-adm1"),
        url=server.url("gone.geojson"),
        mirrors=(server.url("adm1.geojson", "lfs"), server.url("adm1.geojson")),
    )
    path = download(src, cache_dir=cache)
    meta = json.loads(path.with_name(path.name + META_SUFFIX).read_text())
    assert meta["url"] == server.url("adm1.geojson") and meta["requested_url"] == server.url("gone.geojson")
    assert [server.hits("gone.geojson"), server.hits("adm1.geojson", "lfs"), server.hits("adm1.geojson")] == [
        1,
        1,
        1,
    ]
    download(src, cache_dir=cache)  # cached under the registered address
    assert server.total() == 3
    src_bad = replace(src, mirrors=(server.url("adm1.geojson", "html"),))
    with pytest.raises(SourceError, match=r"every address failed: .*HTTP 404.*web page"):
        download(src_bad, cache_dir=cache, force=True)


def test_frontline_range_into_a_folder(served: tuple[FileServer, Path], cache: Path, tmp_path: Path) -> None:
    from frontmap.frontline import load_snapshots

    server, _ = served
    template = server.base + "/files/archive/deepstatemap_data_{date:%Y%m%d}.geojson"
    out = tmp_path / "snapshots"
    result = download_frontline("2025-08-01", "2025-08-04", out, url=template, cache_dir=cache)
    assert [p.name for p in result.files] == [
        "occupied_2025-08-01.geojson",
        "occupied_2025-08-02.geojson",
        "occupied_2025-08-04.geojson",
    ]
    assert result.missing == (dt.date(2025, 8, 3),) and result.failed == ()
    snaps = load_snapshots(out)
    assert [d.isoformat() for d in snaps.dates] == ["2025-08-01", "2025-08-02", "2025-08-04"]
    # the areas grow with the generated squares (0.5, 0.6, 0.7 degrees)
    areas = [s.area_km2 for s in snaps]
    assert areas[0] < areas[1] < areas[2]
    assert "no open licence" in (out / "SOURCE.txt").read_text()
    assert server.total() == 4  # one request per day, the missing one included

    # again: the files come from the cache; only the missing day is asked for again (it may appear)
    again = download_frontline("2025-08-01", "2025-08-04", out, url=template, cache_dir=cache)
    assert again.files == result.files and again.missing == result.missing
    assert server.total() == 5 and server.hits("archive/deepstatemap_data_20250803.geojson") == 2


def test_frontline_every_n_days_falls_back_to_earlier_files(
    served: tuple[FileServer, Path], cache: Path, tmp_path: Path
) -> None:
    server, _ = served
    template = server.base + "/files/archive/deepstatemap_data_{date:%Y%m%d}.geojson"
    # wanted 08-03 (none: falls back to 08-02) and 08-05 (none: 08-04), 08-07 (none: 08-06)
    result = download_frontline(
        "2025-08-03", "2025-08-07", tmp_path / "s", every=2, url=template, cache_dir=cache
    )
    assert [p.name[9:19] for p in result.files] == ["2025-08-02", "2025-08-04", "2025-08-06"]
    assert result.missing == ()
    # without a file within the look-back the date is missing
    result = download_frontline(
        "2025-08-10", "2025-08-12", tmp_path / "t", every=3, url=template, cache_dir=cache
    )
    assert result.files == () and result.missing == (dt.date(2025, 8, 10),)


def test_frontline_conflicts_failures_and_bad_ranges(
    served: tuple[FileServer, Path], cache: Path, tmp_path: Path
) -> None:
    server, root = served
    template = server.base + "/files/archive/deepstatemap_data_{date:%Y%m%d}.geojson"
    out = tmp_path / "snapshots"
    snapshot_file(out / "occupied_2025-08-01.geojson", 0.1)  # someone else's file of that date
    result = download_frontline("2025-08-01", "2025-08-02", out, url=template, cache_dir=cache)
    assert [p.name for p in result.files] == ["occupied_2025-08-02.geojson"]
    assert result.failed[0][0] == dt.date(2025, 8, 1) and "--overwrite" in result.failed[0][1]
    result = download_frontline(
        "2025-08-01", "2025-08-02", out, url=template, cache_dir=cache, overwrite=True
    )
    assert len(result.files) == 2 and result.failed == ()
    assert sha256(out / "occupied_2025-08-01.geojson") == sha256(
        root / "archive" / "deepstatemap_data_20250801.geojson"
    )

    # a broken file of one day is reported and the other days go on
    corrupt = server.base + "/corrupt/archive/deepstatemap_data_{date:%Y%m%d}.geojson"
    result = download_frontline("2025-08-01", "2025-08-02", tmp_path / "c", url=corrupt, cache_dir=cache)
    assert result.files == () and len(result.failed) == 2
    assert "does not load as frontline" in result.failed[0][1]
    assert leftovers(cache) == []

    with pytest.raises(InputError, match="empty"):
        download_frontline("2025-08-05", "2025-08-01", out, url=template, cache_dir=cache)
    with pytest.raises(InputError, match="starts on 2024-07-08"):
        download_frontline("2020-01-01", "2020-02-01", out, url=template, cache_dir=cache)
    with pytest.raises(InputError, match="bad date"):
        download_frontline("August", None, out, url=template, cache_dir=cache)
    (tmp_path / "afile").write_text("x")
    with pytest.raises(InputError, match="not a directory"):
        download_frontline("2025-08-01", "2025-08-02", tmp_path / "afile", url=template, cache_dir=cache)


def test_frontline_unreachable_server_stops(cache: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SourceError, match="cannot connect"):
        download_frontline(
            "2025-08-01",
            "2025-08-31",
            tmp_path / "s",
            url=f"http://127.0.0.1:{port}/d_{{date:%Y%m%d}}.geojson",
            cache_dir=cache,
            timeout=2,
        )


# --------------------------------------------------------------------------- CLI


def test_cli_boundaries_prints_the_cached_path(
    served: tuple[FileServer, Path], cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from frontmap.cli.main import main

    server, _ = served
    argv = ["download", "boundaries", "--url", server.url("adm1.geojson"), "--cache-dir", str(cache), "-q"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out == f"{cache / 'geoboundaries-adm1' / 'geoBoundaries-UKR-ADM1.geojson'}\n"
    assert main(argv) == 0 and capsys.readouterr().out == out
    assert server.hits("adm1.geojson") == 1
    assert main([*argv, "--force"]) == 0 and server.hits("adm1.geojson") == 2

    assert main(["download", "list", "--cache-dir", str(cache)]) == 0
    listing = capsys.readouterr().out
    assert "geoboundaries-adm1" in listing and "ODbL" in listing and "no open licence" in listing

    assert main(["download", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == [s.name for s in SOURCES]


def test_cli_frontline(
    served: tuple[FileServer, Path], cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from frontmap.cli.main import main

    server, _ = served
    template = server.base + "/files/archive/deepstatemap_data_{date:%Y%m%d}.geojson"
    out = tmp_path / "snaps"
    argv = [
        "download",
        "frontline",
        "--since",
        "2025-08-01",
        "--until",
        "2025-08-03",
        "-o",
        str(out),
        "--url",
        template,
        "--cache-dir",
        str(cache),
        "--json",
    ]
    assert main(argv) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["missing"] == ["2025-08-03"] and len(summary["files"]) == 2
    assert "no file for 2025-08-03" in captured.err


def test_cli_errors_are_one_line_without_traceback(served: tuple[FileServer, Path], cache: Path) -> None:
    server, _ = served
    env = {**os.environ, "FRONTMAP_CACHE": str(cache)}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "frontmap.cli.main",
            "download",
            "boundaries",
            "--url",
            server.url("nope.geojson"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert f"frontmap: error: {server.url('nope.geojson')}: the server answered HTTP 404" in proc.stderr
    help_text = subprocess.run(
        [sys.executable, "-m", "frontmap.cli.main", "download", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert "examples:" in help_text and "frontmap download boundaries" in help_text


# --------------------------------------------------------------------------- real files in ../shared


@pytest.fixture
def shared_server(shared_dir: Path) -> Iterator[FileServer]:
    with FileServer(shared_dir / "data") as server:
        yield server


@pytest.mark.shared
@pytest.mark.parametrize(
    ("source", "rel", "units"),
    [("geoboundaries-adm1", "ukraine_adm1.geojson", 27), ("geoboundaries-adm2", "ukraine_adm2.geojson", 138)],
)
def test_real_boundaries(
    shared_server: FileServer, shared_dir: Path, cache: Path, source: str, rel: str, units: int
) -> None:
    from frontmap.regions.boundaries import load_boundaries

    url = shared_server.url(rel)
    path = download(source, url=url, cache_dir=cache)
    assert sha256(path) == sha256(shared_dir / "data" / rel)
    frame = load_boundaries(path)
    assert len(frame) == units and not frame.approximate.any()
    meta = json.loads(path.with_name(path.name + META_SUFFIX).read_text())
    assert meta["validated"]["units"] == units and meta["size"] == (shared_dir / "data" / rel).stat().st_size
    assert download(source, url=url, cache_dir=cache) == path
    assert shared_server.hits(rel) == 1
    download(source, url=url, cache_dir=cache, force=True)
    assert shared_server.hits(rel) == 2


@pytest.mark.shared
@pytest.mark.parametrize(
    ("mode", "message"),
    [("truncated", "closed early|incomplete"), ("corrupt", "does not load as boundaries")],
)
def test_real_boundaries_broken_transfer(
    shared_server: FileServer, cache: Path, mode: str, message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        download("geoboundaries-adm1", url=shared_server.url("ukraine_adm1.geojson", mode), cache_dir=cache)
    assert leftovers(cache) == []
    assert not (cache / "geoboundaries-adm1" / "geoBoundaries-UKR-ADM1.geojson").exists()


@pytest.mark.shared
def test_real_frontline_folder(
    shared_server: FileServer, shared_dir: Path, cache: Path, tmp_path: Path
) -> None:
    from frontmap.frontline import load_snapshots

    template = shared_server.base + "/files/frontline/occupied_{date:%Y-%m-%d}.geojson"
    out = tmp_path / "snapshots"
    # weekly from 08-02: 08-02 -> 08-01, 08-09 -> 08-08, 08-16 -> 08-15 (look-back); 08-23 has none
    result = download_frontline("2025-08-02", "2025-08-23", out, every=7, url=template, cache_dir=cache)
    assert [p.name for p in result.files] == [
        "occupied_2025-08-01.geojson",
        "occupied_2025-08-08.geojson",
        "occupied_2025-08-15.geojson",
    ]
    assert result.missing == (dt.date(2025, 8, 23),) and result.failed == ()
    got = load_snapshots(out)
    real = load_snapshots([shared_dir / "data" / "frontline" / p.name for p in result.files])
    assert got.dates == real.dates
    assert [round(s.area_km2, 3) for s in got] == [round(s.area_km2, 3) for s in real]
    assert 114_000 < got["2025-08-08"].area_km2 < 115_000  # the data README: 114,393 km²

    # daily over a week: the three shared dates of that week are found, the rest reported missing
    daily = download_frontline("2025-08-08", "2025-08-15", tmp_path / "daily", url=template, cache_dir=cache)
    assert [p.name[9:19] for p in daily.files] == ["2025-08-08", "2025-08-14", "2025-08-15"]
    assert len(daily.missing) == 5
    assert shared_server.hits("frontline/occupied_2025-08-08.geojson") == 1  # cached from the weekly run
