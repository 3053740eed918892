"""`python -m yc_sme_cli`."""

from .cli import main

main()
