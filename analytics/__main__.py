"""`python -m analytics …` runs the command line, like the `analytics` script."""

from analytics.cli import main

if __name__ == "__main__":
    main(prog_name="analytics")
