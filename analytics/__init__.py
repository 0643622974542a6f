"""analytics: Chinese government budget disclosures into DuckDB."""
