"""The official-vehicle reform (公务用车制度改革): vehicle running costs, fleets and "三公" spending
before and after each department's reform year, with personnel costs beside them (the transport
allowances paid instead of cars move there).

The reform year is a property of (province, level of government), not one national date:

1. a department's documents say it themselves: the first year of a stated figure whose reason or
   sentence names the reform (公车改革, 车改, 公务用车制度改革 …) is its reform year;
2. otherwise the editable reference `data/reference/vehicle_reform.csv` gives it by province and
   level (`central`, `province`, `prefecture`, `county`: the `documents.level` column); a row for a
   named province wins over the `*` defaults from the national schedule (central 2015, provincial
   2016, prefecture 2016, county 2017).

The reform year is the first fiscal year whose figures reflect the reform: "before" is the `window`
years ending the year before it, "after" the `window` years starting with it.

Comparisons are made on one fixed panel: the departments with a reform year and at least
`min_years` figures on each side for every metric compared; the others are listed with the reason
they were left out. Pooled changes come with a seeded percentile bootstrap interval (resampling
departments), and where departments that had not reformed yet exist in the same years, a
difference-in-differences estimate compares each reform cohort's change from the year before its
reform to the reform year with theirs.

The modules, in the order of the computation:

- `years`: where each department's reform year comes from (the reference file, the documents);
- `windows`: each metric's yearly figures placed before / after the reform year;
- `summary`: per department and metric, the means on each side, and the fixed panel;
- `estimates`: the pooled changes and the difference in differences, with their intervals;
- `effects`: `reform_effects`, which runs them in turn, and its `ReformResult`.

>>> result = reform_effects(db)
>>> result.pooled.select("metric", "departments", pl.col("mean_change_pct", "ci_low", "ci_high").round(1)).rows()
[('vehicle_operation', 3, -51.6, -54.8, -50.0), ('vehicles_count', 3, -60.8, -62.5, -60.0), ('three_public_total', 3, -45.2, -48.1, -42.9), ('expenditure_personnel', 3, 19.4, 10.0, 26.2)]
>>> result.did.filter(pl.col("metric") == "vehicle_operation").select("cohort", "treated", "control", pl.col("did_pp").round(1)).rows()
[(2016, 2, 1, -61.4), (None, 2, 1, -61.4)]
"""

from analytics.analysis.reform.effects import DEFAULT_METRICS, ReformResult, reform_effects
from analytics.analysis.reform.years import (
    LEVELS,
    REFORM_PATTERN,
    reform_reference,
    reform_years,
    stated_reform_years,
)

__all__ = [
    "DEFAULT_METRICS",
    "LEVELS",
    "REFORM_PATTERN",
    "ReformResult",
    "reform_effects",
    "reform_reference",
    "reform_years",
    "stated_reform_years",
]
