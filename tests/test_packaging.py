"""The runtime wheel: the package `analytics` and its reference data under the distribution name
cn-budget-analytics, and nothing of the development tools (the sample generator of samples/, the
hand-written cases' report of tests/cases/)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel pip builds from the repository (the build backend of the dev install, no network)."""
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, "-w", out, ROOT], check=True, capture_output=True)
    (built,) = out.glob("*.whl")
    assert built.name.startswith("cn_budget_analytics-"), built.name
    return zipfile.ZipFile(built)


def test_the_wheel_holds_the_package_and_its_metadata_only(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/", 1)[0] for name in wheel.namelist()}
    (info,) = tops - {"analytics"}
    assert info.startswith("cn_budget_analytics-") and info.endswith(".dist-info"), tops
    assert "analytics/_reference/vocabulary.toml" in wheel.namelist()
    metadata = wheel.read(f"{info}/METADATA").decode()
    assert "\nName: cn-budget-analytics\n" in metadata
    assert "analytics = analytics.command:main" in wheel.read(f"{info}/entry_points.txt").decode()


def test_no_generator_module_is_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    modules = [name for name in wheel.namelist() if name.endswith(".py")]
    assert "analytics/cli/__init__.py" in modules and "analytics/ingestion/run.py" in modules
    assert not [m for m in modules if "synthetic" in m or "cn_budget_samples" in m or "cases_report" in m]
    assert (ROOT / "samples" / "cn_budget_samples" / "generate.py").is_file()  # where it is instead
    for name in modules:
        source = wheel.read(name).decode()
        assert "cn_budget_samples" not in source and "analytics.synthetic" not in source, name
