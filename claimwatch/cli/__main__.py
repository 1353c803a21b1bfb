"""``python -m claimwatch.cli``: the command line."""

from claimwatch.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
