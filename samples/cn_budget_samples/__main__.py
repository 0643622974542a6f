"""`python -m cn_budget_samples --out data/samples`: write the synthetic corpus and its truth."""

from __future__ import annotations

import argparse
import sys

from cn_budget_samples.generate import DEFAULT_SEED, generate
from cn_budget_samples.plan import FORMATS
from cn_budget_samples.render.office import OfficeUnavailable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cn_budget_samples", description=__doc__)
    parser.add_argument("--out", default="data/samples", help="output folder (default: data/samples)")
    parser.add_argument(
        "--departments", type=int, default=None, help="number of departments (default: the six of 廊坊市)"
    )
    parser.add_argument("--years", default="2014-2023", help="first-last year (default: 2014-2023)")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help=f"comma-separated (default: {','.join(FORMATS)})"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--no-same-disclosure", action="store_true", help="skip the one-disclosure-in-every-format set"
    )
    args = parser.parse_args(argv)
    first, _, last = args.years.partition("-")
    years = range(int(first), int(last or first) + 1)
    try:
        result = generate(
            args.out,
            departments=args.departments,
            years=years,
            formats=[f.strip() for f in args.formats.split(",") if f.strip()],
            seed=args.seed,
            same_disclosure=not args.no_same_disclosure,
        )
    except (OfficeUnavailable, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{n} {f}" for f, n in result.counts.items())
    print(f"wrote {result.documents} documents to {result.out_dir}/synthetic ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
