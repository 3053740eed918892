"""The HTML report printed by a real browser: headless Chromium to PDF and PNG, read back with poppler.

Skipped, naming what to install, where Chromium or poppler-utils is missing (.ci/run installs them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import yc_sme_cli.cli.report  # noqa: F401  (registers the `report` command on the app)
from yc_sme_cli.cli import app
from yc_sme_cli.names import department
from yc_sme_cli.policy import default_policy
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile

ROOT = Path(__file__).resolve().parents[1]
MACHINERY = ROOT / "profiles" / "jinghe-machinery.toml"

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOOLS = {"pdftotext": shutil.which("pdftotext"), "pdfinfo": shutil.which("pdfinfo")}
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or None in TOOLS.values(),
    reason="needs headless Chromium and poppler-utils: apt-get install chromium poppler-utils fonts-noto-cjk",
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(page: Path, profile: Path, *args: str) -> None:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def flat(text: str) -> str:
    """pdftotext breaks lines where the page does: compare without any white space."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_prints_to_a4_with_its_text(tmp_path: Path, lang: str) -> None:
    page = tmp_path / "report.html"
    done = CliRunner().invoke(app, ["report", str(MACHINERY), "-o", str(page), "--lang", lang])
    assert done.exit_code == 0, done.output
    pdf, png = tmp_path / "report.pdf", tmp_path / "report.png"
    chromium(page, tmp_path / "chromium", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    chromium(
        page, tmp_path / "chromium", "--window-size=1240,1754", "--hide-scrollbars", f"--screenshot={png}"
    )

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))  # type: ignore[union-attr]
    assert re.search(r"^Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info, re.M), info
    # the summary, the awards and the record each start a page; at most a few pages more
    assert 3 <= pages <= 12, pages
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("\f") == pages
    body = flat(text)
    assert "闻喜县景和机械铸造有限公司" in body
    assert flat("347,760.00 元" if lang == "zh" else "347,760.00 yuan") in body
    policy = default_policy()
    result = score(load_profile(MACHINERY), policy=policy)
    for line in result.awards:
        for name in line.lead_departments:
            assert flat(department(name, lang, policy=policy)) in body, name
    # the disclaimer never stands alone: it ends the page the audit stamp is on
    last = flat(text.split("\f")[pages - 1])
    audit, disclaimer = ("11.核验信息", "12.声明") if lang == "zh" else ("11.Auditstamp", "12.Disclaimer")
    assert audit in last and disclaimer in last
    # the footer and page number on every page
    assert len(re.findall(r"\d+ / " + str(pages), text)) == pages
    assert png.stat().st_size > 10_000 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
