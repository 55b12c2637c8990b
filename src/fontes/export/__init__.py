"""Exports: one module per format, each reading the store through its public methods."""
