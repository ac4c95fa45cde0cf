"""Run the command line as ``python -m textmend``."""

from __future__ import annotations

from textmend.cli import run

if __name__ == "__main__":
    run()
