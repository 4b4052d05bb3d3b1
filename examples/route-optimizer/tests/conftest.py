"""Make the example's own package importable (its tests need no LLM fixtures)."""

from __future__ import annotations

import sys
from pathlib import Path

APP_ROOT = str(Path(__file__).resolve().parent.parent)
if APP_ROOT not in sys.path:
    sys.path.insert(0, APP_ROOT)
