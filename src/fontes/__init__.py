"""fontes: an offline evidence engine for historians.

The pipeline reads as the package does: ingest (one reader per format) → analyze (one module per
stage) → store (SQLite) → export / cli.
"""

__version__ = "0.1.0"
