"""Benchmarks: each script prints the figures an issue names (see README.md)."""
