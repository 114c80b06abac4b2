"""The version of Selaras (one place; ``selaras.__version__`` re-exports it)."""

__version__ = "0.1.0"
