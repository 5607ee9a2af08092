"""Benchmarks: commands that print figures (median, p95, queries, ratios against a baseline
measured in the same run). Run with `make bench` or `python -m bench.<name>`."""
