"""`python -m fontes` runs the command line."""
from .cli import main

main()
