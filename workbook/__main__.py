"""`python -m workbook` runs the command line."""

from .cli import main

main()
