"""A real (small) sweep that asks for the report: ``alliance sweep`` ends by printing its
path, its table matches the store, and Debian's headless Chromium renders it with no
console errors, on screen and at A4 width (794 px), without horizontal overflow."""

from __future__ import annotations

import contextlib
import io
import math
import re
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest
import yaml
from report_html import as_number, parse_report
from scipy import stats

from sim.commands.main import main
from sim.experiment.reading import runs_table
from sim.scenario.mode_files import mode_scenario

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]  # fmt: skip
A4_WIDTH, A4_HEIGHT = 794, 1123
MODES = ("market_only", "government_led")


@pytest.fixture(scope="module")
def swept(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("sweep")
    for mode in MODES:
        scenario = mode_scenario(mode, population={"enterprises": 40}, steps=12)
        data = scenario.model_dump(mode="json", exclude={"source_path"})
        (folder / f"{mode}.yaml").write_text(yaml.safe_dump(data))
    experiment = {
        "name": "small", "scenarios": [f"{m}.yaml" for m in MODES],
        "baseline": f"{MODES[0]}.yaml", "factors": {"alliance.sharing": ["equal", "contribution"]},
        "replicates": 4, "seed": 11, "record_every": 2, "report": True,
        "outcomes": ["final_window.member_share", "outcomes.cumulative_public_cost"],
    }  # fmt: skip
    path = folder / "small.yaml"
    path.write_text(yaml.safe_dump(experiment))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["sweep", str(path), "--out", str(folder / "store"), "--workers", "1"])
    assert status == 0
    return folder / "store", out.getvalue()


def test_the_sweep_ends_by_printing_the_report_path(swept):
    store, printed = swept
    last = printed.strip().splitlines()[-1]
    assert last.startswith(f"report {store / 'report.html'} ")
    assert (store / "comparison.csv").is_file() and (store / "comparison.md").is_file()


def test_the_table_matches_the_store(swept):
    store, _ = swept
    runs = runs_table(store)
    runs = runs[runs["status"] == "done"]
    parsed = parse_report((store / "report.html").read_text(encoding="utf-8"))
    for base in (f"{m}.yaml" for m in MODES):
        own = runs[runs["base"] == base]
        x = own.groupby("replicate")["final_window.member_share"].mean().to_numpy()
        half = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x))
        cell = parsed.cells[(base, "member_share")]
        for name, expected in (
            ("mean", x.mean()),
            ("low", x.mean() - half),
            ("high", x.mean() + half),
        ):
            shown, tolerance = as_number(cell.texts[name])
            assert abs(shown - expected) <= tolerance
    assert np.isfinite(runs["final_window.member_share"]).all()


def test_the_incentive_audit_covers_each_mode(swept):
    store, _ = swept
    html = (store / "report.html").read_text(encoding="utf-8")
    section = html[html.index('id="incentives"') : html.index('id="assumptions"')]
    assert section.count('class="audit"') == len(MODES)
    assert "social dilemma" in section


def chromium(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, *args], capture_output=True, text=True,
                          timeout=timeout, check=False)  # fmt: skip


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
@pytest.mark.parametrize("width,height", [(1280, 2000), (A4_WIDTH, A4_HEIGHT)])
def test_renders_in_headless_chromium_without_console_errors(swept, tmp_path, width, height):
    store, _ = swept
    shot = tmp_path / f"report-{width}.png"
    done = chromium(f"--screenshot={shot}", f"--window-size={width},{height}",
                    (store / "report.html").as_uri())  # fmt: skip
    assert shot.is_file(), done.stderr
    assert png_size(shot) == (width, height)
    assert shot.stat().st_size > 20_000  # a page with content, not a blank image
    assert not re.search(r"CONSOLE|Uncaught|ERR_FILE_NOT_FOUND", done.stderr), done.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_fits_a4_width_without_horizontal_scrolling(swept, tmp_path):
    store, _ = swept
    probe = tmp_path / "probe.html"  # a copy with a measuring script; the report has none
    html = (store / "report.html").read_text(encoding="utf-8")
    script = ("<script>document.body.setAttribute('data-scroll-width', "
              "document.documentElement.scrollWidth)</script></body>")  # fmt: skip
    probe.write_text(html.replace("</body>", script), encoding="utf-8")
    done = chromium("--dump-dom", f"--window-size={A4_WIDTH},{A4_HEIGHT}", probe.as_uri())
    width = re.search(r'data-scroll-width="(\d+)"', done.stdout)
    assert width, done.stderr
    assert int(width.group(1)) <= A4_WIDTH


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_prints_to_a4_pdf(swept, tmp_path):
    store, _ = swept
    pdf = tmp_path / "report.pdf"
    chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", (store / "report.html").as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2


@pytest.fixture(scope="module")
def screened(tmp_path_factory) -> Path:
    """A small Morris screening of two factors under two modes, with its report."""
    folder = tmp_path_factory.mktemp("morris")
    for mode in MODES:
        scenario = mode_scenario(mode, population={"enterprises": 40}, steps=8)
        data = scenario.model_dump(mode="json", exclude={"source_path"})
        (folder / f"{mode}.yaml").write_text(yaml.safe_dump(data))
    experiment = {
        "name": "screen", "scenarios": [f"{m}.yaml" for m in MODES],
        "baseline": f"{MODES[0]}.yaml", "design": "morris", "samples": 2, "replicates": 1,
        "factors": {"alliance.synergy": {"low": 1.2, "high": 2.0},
                    "alliance.fee": {"low": 0.0, "high": 0.1}},
        "seed": 3, "report": True, "outcomes": ["final_window.member_share"],
    }  # fmt: skip
    path = folder / "screen.yaml"
    path.write_text(yaml.safe_dump(experiment))
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["sweep", str(path), "--out", str(folder / "store"), "--workers", "1"]) == 0
    return folder / "store"


def test_a_sensitivity_design_gets_its_chart(screened, swept):
    html = (screened / "report.html").read_text(encoding="utf-8")
    start = html.index('id="figure-sensitivity"')
    chart = html[start : html.index("</figure>", start)]
    assert "<svg" in chart
    assert "alliance.synergy" in chart and "alliance.fee" in chart  # indices labelled by factor
    plain = (swept[0] / "report.html").read_text(encoding="utf-8")
    assert "No sensitivity design (Morris or Sobol): not available in this store." in plain
