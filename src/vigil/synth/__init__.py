"""Seeded synthetic multi-platform campaign data with ground truth (`vigil synth`)."""

from vigil.synth.generate import FILES, generate

__all__ = ["FILES", "generate"]
