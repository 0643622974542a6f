"""The charts are drawn from the analysis tests' corpus."""

from tests.analysis.conftest import make_db, reform_db, reform_db_path

__all__ = ["make_db", "reform_db", "reform_db_path"]
