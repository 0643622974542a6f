"""Names a package exports but imports only when first used (PEP 562), so that importing the package
stays light: `import analytics` loads neither DuckDB nor polars, and the ingest worker processes,
which import `analytics.load.batch` and `analytics.ingestion.worker`, never load DuckDB or Arrow.

>>> __getattr__ = lazy_attributes("pkg", {"sqrt": "math"})
>>> __getattr__("sqrt")(9.0)
3.0
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level `__getattr__` for `package`: each name of `modules` from its module, imported
    on first use; any other name is an AttributeError, as for any module."""

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    return __getattr__


__all__ = ["lazy_attributes"]
