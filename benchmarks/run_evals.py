"""`make eval`: quality evaluations on the public datasets in ../shared/data (dev splits)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_all import EVALS, assemble, run  # noqa: E402

if __name__ == "__main__":
    run(EVALS)
    print(assemble())
