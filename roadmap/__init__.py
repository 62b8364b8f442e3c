"""roadmap: plan SPBE / Indeks Pemdi improvement roadmaps for Indonesian government agencies.

The package is framework-agnostic: the official frameworks (indicators, weights, groups,
predicate bands) live as data under ``data/frameworks/``.
"""

__version__ = "0.1.0"
