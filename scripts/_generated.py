"""The command line every table generator in scripts/ shares: write, or --check."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def write_or_check(
    description: str, outputs: Callable[[], dict[Path, str]], encoding: str = "utf-8"
) -> int:
    """Write each generated file, or with ``--check`` exit 1 if any is stale."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args()
    stale = False
    for path, content in outputs().items():
        if args.check:
            if not path.exists() or path.read_text(encoding=encoding) != content:
                print(f"{path} is stale: run python {Path(sys.argv[0]).name}", file=sys.stderr)
                stale = True
        else:
            path.write_text(content, encoding=encoding)
            print(f"wrote {path} ({len(content.encode(encoding))} bytes)", file=sys.stderr)
    return 1 if stale else 0
