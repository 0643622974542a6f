"""Synthetic disclosures: a deterministic generator of realistic 部门预算/决算公开 documents with
their truth (every stated figure, classification line, activity budget and planted error).

    >>> from cn_budget_samples import generate
    >>> generate("data/samples")  # the bundled corpus  # doctest: +SKIP
    >>> generate("/tmp/bench", departments=300, formats=("txt", "html", "docx", "xlsx"))  # doctest: +SKIP

`python -m cn_budget_samples --out data/samples` does the first from the command line.

A development tool, not part of the package it writes for: its own distribution (cn-budget-samples,
samples/pyproject.toml, installed by `make install-dev`), outside the runtime wheel. It imports
`analytics` (the model's types, the metric families, the extraction vocabulary it phrases with);
`analytics` never imports it.
"""

from cn_budget_samples.departments import Department, benchmark_departments, core_departments
from cn_budget_samples.generate import DEFAULT_SEED, DEFAULT_YEARS, GenerationResult, generate
from cn_budget_samples.plan import FORMATS
from cn_budget_samples.plants import PLANTS, Plant

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_YEARS",
    "FORMATS",
    "PLANTS",
    "Department",
    "GenerationResult",
    "Plant",
    "benchmark_departments",
    "core_departments",
    "generate",
]
