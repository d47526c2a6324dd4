"""Evaluation-set generators (seeded, reproducible); real names come from lists in this package and
../shared/data when present."""
