"""LM Workbench: label text, prepare a corpus, train a small Transformer and inspect it."""

__version__ = "0.1.0"
