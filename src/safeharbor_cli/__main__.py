"""``python -m safeharbor_cli``."""

from .cli import main

main()
