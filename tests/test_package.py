"""The package as a user meets it: a light import, a CLI that teaches, errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from frontmap.cli.main import COMMANDS, main

HEAVY = ("geopandas", "folium", "rasterio", "matplotlib", "pyogrio", "trafilatura", "dateparser")


def test_import_frontmap_stays_light() -> None:
    code = "import sys, frontmap; print(','.join(m for m in %r if m in sys.modules))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"'import frontmap' pulled in heavy modules: {out}"


def test_public_names_resolve() -> None:
    import frontmap

    for name in frontmap.__all__:
        assert getattr(frontmap, name) is not None
    with pytest.raises(AttributeError):
        frontmap.no_such_name  # noqa: B018


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out
    assert "examples:" in out


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_help_has_examples(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    assert "example" in capsys.readouterr().out.lower()


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2


def test_unknown_option_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "frontmap.cli.main", "--no-such-option"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
