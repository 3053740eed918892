"""`yc-sme convert SOURCE… --output DEST`: TOML profiles into a roster workbook, or rosters into TOML files.

DEST ending in .xlsx gets one roster workbook of every source's profiles; any other DEST is a
folder that gets one TOML file per profile. Every source is read first: if any profile has a
problem, they are all reported and nothing is written (exit 1).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yc_sme_cli.errors import ExitCode

from . import HelpCommand, app
from .common import Lang, LangOption, PolicyOption, get_policy, report, t, usage_error
from .output import binary_output_file
from .said import say_error, say_note

if TYPE_CHECKING:
    from yc_sme_cli.profile import Profile


@app.command(cls=HelpCommand)
def convert(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCE"),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o"),
    ],
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOption = Lang.zh,
    policy_file: PolicyOption = None,
) -> None:
    """Convert profiles: TOML files and folders into a roster workbook, a workbook or CSV into TOML files.

    Comments in TOML files are not kept. An existing DEST is refused without --force.
    """
    from yc_sme_cli.sources.discover import discover
    from yc_sme_cli.sources.entries import is_roster, read_entries

    policy = get_policy(policy_file, lang)
    to_workbook = output.suffix.lower() == ".xlsx"
    if os.path.lexists(output) and not force:
        raise usage_error(t("convert.exists", lang, dest=str(output)), lang)
    if to_workbook and output.is_dir():
        raise usage_error(t("convert.dest_is_folder", lang, dest=str(output)), lang)
    if not to_workbook and output.exists() and not output.is_dir():
        raise usage_error(t("convert.dest_not_folder", lang, dest=str(output)), lang)

    profiles: list[tuple[str, Profile]] = []
    failed = outside = 0  # profiles with problems; problems that belong to no profile (a roster's header)
    for found in discover(sources):
        if found.problem is not None:
            from yc_sme_cli.errors import Problem, ProfileError

            report(ProfileError([Problem(found.path, None, found.problem)]), lang)
            if is_roster(found.path):
                outside += 1
            else:
                failed += 1
            continue
        for entry in read_entries(found.path, policy=policy):
            if entry.skipped:  # a scenario case file found in a folder: not a profile
                continue
            if entry.profile is None:
                assert entry.error is not None
                report(entry.error, lang)
                if entry.outside:
                    outside += len(entry.error.problems)
                else:
                    failed += 1
            else:
                profiles.append((entry.identity, entry.profile))
    if failed or outside:
        said = (
            t("convert.nothing_written_outside", lang, bad=failed, outside=outside)
            if outside
            else t("convert.nothing_written", lang, bad=failed)
        )
        say_error(said, lang)
        raise typer.Exit(ExitCode.INVALID_PROFILE)
    if not profiles:
        raise usage_error(t("convert.no_profiles", lang), lang)
    if to_workbook:
        from yc_sme_cli.render.roster import write_roster

        with binary_output_file(output, lang=lang.value) as out:
            write_roster((profile for _, profile in profiles), out, lang.value)
        written = str(output)
    else:
        written = _write_folder(output, profiles, lang.value)
    say_note(t("convert.written", lang, count=len(profiles), dest=written), lang)


def _write_folder(folder: Path, profiles: list[tuple[str, Profile]], lang: str) -> str:
    from yc_sme_cli.convert import profile_toml, safe_name, unique_names

    from .output import output_file

    folder.mkdir(parents=True, exist_ok=True)
    stems = unique_names([safe_name(p.enterprise.name, p.assessment_year) for _, p in profiles])
    for stem, (source, profile) in zip(stems, profiles, strict=True):
        with output_file(folder / f"{stem}.toml", lang=lang) as out:
            out.write(profile_toml(profile, source))
    return str(folder)
