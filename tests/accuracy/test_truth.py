"""Scoring against labelled truth: the semantics of the project's scorer, and `analytics accuracy`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analytics import open_store
from analytics.accuracy import score_database, to_markdown
from analytics.cli import main
from analytics.model import Document, Extraction

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"


@pytest.fixture
def seeded_db(
    db_path: Path, make_document: Callable[..., Document], make_extraction: Callable[..., Extraction]
) -> Path:
    """One document (the seed's shape): 公务用车运行费 20.64 stated, its change -5, 2016 derived."""
    with open_store(db_path) as store:
        store.write_document(make_document(), make_extraction(checks=[]), [])
    return db_path


def _truth(**overrides: Any) -> list[dict[str, Any]]:
    doc = {
        "file": "langfang_kexie_2017_budget.txt",
        "department": "廊坊市科学技术协会",
        "region": "河北省廊坊市",  # ends with the stored 廊坊市: the same region
        "year": 2017,
        "kind": "budget",
        "facts": [
            {"metric": "vehicle_operation", "value": 20.64},  # found
            {"metric": "vehicle_operation", "measure": "yoy_change", "value": -6},  # wrong: -5 stored
            {"metric": "reception", "value": 3},  # missing
            {"metric": "vehicle_operation", "year": 2016, "value": 25.64},  # derived facts do not count
        ],
    }
    return [{**doc, **overrides}]


def test_found_wrong_and_missing_figures_and_metadata(seeded_db: Path) -> None:
    score = score_database(seeded_db, _truth())
    assert (score.facts.found, score.facts.wrong, score.facts.missing) == (1, 1, 2)
    assert (score.metadata_right, score.metadata_total) == (4, 4)
    assert score.summary() == ("facts found 1/4 (25.0%), wrong 1 (25.0%), metadata 4/4 (100.0%) over 1 docs")
    assert score.misses == [
        "langfang_kexie_2017_budget.txt: WRONG vehicle_operation/yoy_change/budget = [-5.0], want -6",
        "langfang_kexie_2017_budget.txt: missing reception/amount/budget = 3",
        "langfang_kexie_2017_budget.txt: missing vehicle_operation/amount/budget = 25.64",
    ]
    assert score.by_metric["vehicle_operation"].found == 1 and score.by_metric["reception"].missing == 1
    assert not score.passes()


def test_the_printed_name_answers_the_department_and_null_fields_are_not_counted(seeded_db: Path) -> None:
    score = score_database(seeded_db, _truth(department="市科协", region=None, kind="final"))
    assert (score.metadata_right, score.metadata_total) == (2, 3)  # department by its printed name, year
    assert "langfang_kexie_2017_budget.txt: kind = 'budget', want 'final'" in score.misses
    assert score.by_field == {"department": [1, 1], "year": [1, 1], "kind": [0, 1]}
    assert "| kind | 0 | 1 | 0.0 % |" in to_markdown(score)


@pytest.mark.skipif(not (REAL.is_dir() and SCORER.is_file()), reason="../shared is not beside the repo")
def test_analytics_accuracy_prints_the_scorers_own_summary(tmp_path: Path) -> None:
    db = tmp_path / "real.duckdb"
    result = CliRunner().invoke(
        main,
        ["accuracy", str(REAL / "excerpts"), "--truth", str(REAL / "excerpts.json"), "--db", str(db),
         "--min-recall", "0", "--max-wrong", "1", "--min-meta", "0"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    theirs = subprocess.run(
        [sys.executable, str(SCORER), "--db", str(db), "--truth", str(REAL / "excerpts.json"), "--min-recall", "0"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.output.strip().splitlines()[-1] == theirs.stdout.strip().splitlines()[-1]


def test_a_malformed_truth_file_is_a_clear_error(tmp_path: Path) -> None:
    truth = tmp_path / "truth.json"
    truth.write_text(json.dumps({"file": "a.txt"}), encoding="utf-8")
    result = CliRunner().invoke(main, ["accuracy", str(tmp_path), "--truth", str(truth)])
    assert result.exit_code == 1
    assert "a truth file is a JSON list of documents" in result.output
