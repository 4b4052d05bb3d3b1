"""``python -m microgate``."""

from microgate.cli.main import main

main()
