"""`python -m yc_sme_cli` and the `yc-sme` command: start-up settings first (startup.py), then the CLI."""

from yc_sme_cli import startup


def run() -> None:
    startup.begin()  # before Typer and pydantic are imported
    from yc_sme_cli.cli import main

    main()


if __name__ == "__main__":
    run()
