"""`python -m analytics.accuracy [CASES_DIR]`: the report of the hand-written cases (see `cases`)."""

from analytics.accuracy.cases import main

raise SystemExit(main())
