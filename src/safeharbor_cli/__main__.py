"""``python -m safeharbor_cli``."""

from .entry import main

main()
