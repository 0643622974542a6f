"""Synthetic disclosures: a deterministic generator of realistic 部门预算/决算公开 documents with
their truth (every stated figure, classification line, activity budget and planted error).

    >>> from analytics.synthetic import generate
    >>> generate("data/samples")  # the bundled corpus  # doctest: +SKIP
    >>> generate("/tmp/bench", departments=300, formats=("txt", "html", "docx", "xlsx"))  # doctest: +SKIP

`python -m analytics.synthetic --out data/samples` does the first from the command line.
"""

from analytics.synthetic.departments import Department, benchmark_departments, core_departments
from analytics.synthetic.generate import DEFAULT_SEED, DEFAULT_YEARS, GenerationResult, generate
from analytics.synthetic.plan import FORMATS
from analytics.synthetic.plants import PLANTS, Plant

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
