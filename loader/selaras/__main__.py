"""``python -m selaras``: the same as the ``selaras`` command."""

from selaras.cli import main

main()
