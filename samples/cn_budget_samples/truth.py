"""The manifest and the truth files, written from the composed documents (never re-read files).

- manifest.csv: path, format, department, department_type, region, province, year, kind,
  synthetic, planted, note
- truth_facts.csv: path, metric, measure, year, kind, value, method, quote, reason
- truth_budget_lines.csv: path, year, kind, classification, code, name, total, basic, project
- truth_checks.csv: path, check, metric, year, severity, planted
- truth_goals.csv: path, year, activity, parent_activity, budget
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from cn_budget_samples.document import Disclosure
from cn_budget_samples.plan import MODEL_FORMAT, DocSpec
from cn_budget_samples.reasons import REFORM

MANIFEST_COLUMNS = ("path", "format", "department", "department_type", "region", "province", "year", "kind",
                    "synthetic", "planted", "note")  # fmt: skip
FACT_COLUMNS = ("path", "metric", "measure", "year", "kind", "value", "method", "quote", "reason")
LINE_COLUMNS = ("path", "year", "kind", "classification", "code", "name", "total", "basic", "project")
CHECK_COLUMNS = ("path", "check", "metric", "year", "severity", "planted")
GOAL_COLUMNS = ("path", "year", "activity", "parent_activity", "budget")
SEED_ROW = {
    "path": "langfang_kexie_2017_budget.txt",
    "format": "text",
    "department": "廊坊市科学技术协会",
    "department_type": "科协",
    "region": "廊坊市",
    "province": "河北省",
    "year": "2017",
    "kind": "budget",
    "synthetic": "false",
    "planted": "false",
    "note": "the real seed disclosure (a .docx exported to text); its expected facts are in tests/extract/test_seed.py",
}


@dataclass(frozen=True)
class Written:
    """A file that was written and the disclosure it renders."""

    spec: DocSpec
    doc: Disclosure


def value_text(metric: str, measure: str, value: Decimal) -> str:
    """A truth value as a plain decimal string: a count as an integer, money and percent with two
    decimals (万元 or percent)."""
    if metric == "vehicles_count" and measure == "amount":
        return str(int(value))
    return f"{value:.2f}"


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _note(item: Written) -> str:
    spec, doc = item.spec, item.doc
    notes: list[str] = []
    if doc.printed_name != doc.department.canonical_name:
        notes.append(f"printed as {doc.printed_name}")
    if spec.folder.endswith("same_disclosure"):
        notes.append("same disclosure in every format")
    if spec.format in ("txt", "html"):
        notes.append(f"encoding {spec.encoding}")
    if spec.format == "txt":
        notes.append("tables as Word text export (tab cells)" if spec.text_tables == "tab" else "pipe tables")
    if spec.traditional:
        notes.append("traditional characters")
    if spec.full_width:
        notes.append("full-width digits in running text")
    if spec.yuan_tables:
        notes.append(f"table in 元: {', '.join(sorted(spec.yuan_tables))}")
    if doc.year == doc.department.reform_year:
        notes.append(f"vehicle reform year ({REFORM})")
    notes.extend(p.description for p in doc.plants)
    return "; ".join(notes)


def write_truth(out_dir: Path, items: list[Written], *, include_seed: bool) -> None:
    """Write the manifest and the truth files into `out_dir`."""
    manifest = [SEED_ROW] if include_seed else []
    facts, lines, checks, goals = [], [], [], []
    for item in items:
        spec, doc = item.spec, item.doc
        path = spec.path
        manifest.append(
            {
                "path": path,
                "format": MODEL_FORMAT.get(spec.format, spec.format),
                "department": doc.department.canonical_name,
                "department_type": doc.department.department_type,
                "region": doc.department.region,
                "province": doc.department.province,
                "year": str(doc.year),
                "kind": doc.kind,
                "synthetic": "true",
                "planted": "true" if doc.plants else "false",
                "note": _note(item),
            }
        )
        for f in doc.facts:
            facts.append(
                {
                    "path": path,
                    "metric": f.metric,
                    "measure": f.measure,
                    "year": str(f.year),
                    "kind": f.kind,
                    "value": value_text(f.metric, f.measure, f.value),
                    "method": f.method,
                    "quote": f.quote,
                    "reason": f.reason or "",
                }
            )
        for line in doc.lines:
            lines.append(
                {
                    "path": path,
                    "year": str(line.year),
                    "kind": line.kind,
                    "classification": line.classification,
                    "code": line.code,
                    "name": line.name,
                    "total": _money(line.total),
                    "basic": _money(line.basic),
                    "project": _money(line.project),
                }
            )
        for plant in doc.plants:
            checks.append(
                {
                    "path": path,
                    "check": plant.check,
                    "metric": plant.metric,
                    "year": str(plant.year),
                    "severity": plant.severity,
                    "planted": plant.description,
                }
            )
        for goal in doc.goals:
            goals.append(
                {
                    "path": path,
                    "year": str(doc.year),
                    "activity": goal.activity,
                    "parent_activity": goal.parent or "",
                    "budget": _money(goal.budget),
                }
            )
    _write(out_dir / "manifest.csv", MANIFEST_COLUMNS, manifest)
    _write(out_dir / "truth_facts.csv", FACT_COLUMNS, facts)
    _write(out_dir / "truth_budget_lines.csv", LINE_COLUMNS, lines)
    _write(out_dir / "truth_checks.csv", CHECK_COLUMNS, checks)
    _write(out_dir / "truth_goals.csv", GOAL_COLUMNS, goals)


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
