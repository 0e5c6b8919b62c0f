"""Roadmapper: outcome-based Now / Next / Later roadmaps for product managers."""

__version__ = "0.1.0"
