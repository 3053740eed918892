"""The Rich table for people at a terminal (Chinese by default): one block per profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from yc_sme_cli.money import yuan_text
from yc_sme_cli.names import award_name, departments, division
from yc_sme_cli.policy import CHINESE_NUMERALS, Policy, default_policy
from yc_sme_cli.result import AwardLine, Result, Status
from yc_sme_cli.text import Text, sentence_start

from . import Advice, RenderOptions, Row
from .richtext import console as safe_console
from .richtext import text as rich_text

if TYPE_CHECKING:  # Rich is imported where a table is drawn, never when this module is imported
    from rich.console import Console

# Below this many columns the lead departments go under the item instead of a column of their own:
# a department column needs up to 23 cells (市小企业发展促进中心), which at 80 or 100 columns leaves
# the item and the computation too narrow to read.
WIDE_COLUMNS = 110
# The narrowest the computation column is made to widen the item column (_widen_for_labels).
HOW_MIN = 20

# The amount column carries the amount of an eligible line, else the word for its status (cli.md):
# one column instead of a status column beside an amount column that would say the same thing.
_AMOUNT_WORDS = {
    Status.PENDING_AMOUNT: "ui.amount_pending",
    Status.NEEDS_REVIEW: "ui.amount_review",
    Status.MISSING_INFO: "ui.amount_missing",
    Status.INELIGIBLE: "status.ineligible",
}
_STATUS_STYLE = {
    Status.ELIGIBLE: "green",
    Status.PENDING_AMOUNT: "cyan",
    Status.NEEDS_REVIEW: "yellow",
    Status.MISSING_INFO: "magenta",
    Status.INELIGIBLE: "red",
}
# the order the statuses are counted in below the table
_COUNTED = (Status.PENDING_AMOUNT, Status.NEEDS_REVIEW, Status.MISSING_INFO, Status.INELIGIBLE)


def t(key: str, lang: str, **params: object) -> str:
    return Text.of(key, **params).render(lang)


def render_table(rows: Sequence[Row], out: TextIO, options: RenderOptions, width: int | None = None) -> None:
    """One block per profile: heading, award lines, totals, counts and warnings."""
    # no string is markup or an emoji code: "[/]" or ":…:" in a name is text (render/richtext.py)
    console = safe_console(out, width)
    for i, row in enumerate(rows):
        if i:
            console.print()
        if row.result is not None:
            _print_result(console, row.result, options, row.advice)
        else:
            assert row.error is not None
            for problem in row.error.problems:
                _say(console, f"✗ {problem.render(options.lang)}", style="red")


@dataclass(frozen=True, slots=True)
class _Cells:
    article: str
    item: str
    amount: str
    how: str
    departments: tuple[str, ...]
    subject: str = ""  # the item's subject (a project, a person), at the end of its first line
    beneficiary: str = ""  # the item's last line: who is paid


def _fitted_item(cells: _Cells, width: int) -> str:
    """The item broken to `width`: the award's name as a label; its subject (a project's or a
    person's name, words no list knows) after it on the same line when it fits there whole, else
    on lines of its own in even pieces, never cut where the name's last line happens to end
    (工业企业技术改造项目：消 / 失模铸造…); who is paid on a line of its own."""
    from .colwidths import cell_width
    from .linebreak import wrap

    head = (
        cells.item.split("\n")[0].removesuffix(cells.subject) if cells.subject else cells.item.split("\n")[0]
    )
    lines = wrap(head.rstrip(), width, label=True)
    if cells.subject:
        gap = " " if head.endswith(" ") else ""
        if cell_width(lines[-1] + gap + cells.subject) <= width:
            lines[-1] += gap + cells.subject
        else:
            lines += wrap(cells.subject, width, even=True)
    if cells.beneficiary:
        lines += wrap(cells.beneficiary, width, label=True)
    return "\n".join(lines)


def _line_cells(line: AwardLine, lang: str, policy: Policy) -> _Cells:
    article = t("ui.article_number", lang, numeral=CHINESE_NUMERALS[line.article], number=line.article)
    item = _item(line, lang, policy)
    beneficiary = ""
    if line.beneficiary:
        # on a line of its own: who is paid must not be split across lines, nor read as the enterprise
        beneficiary = t("ui.beneficiary", lang, name=line.beneficiary).strip()
        item += "\n" + beneficiary
    if line.status is Status.ELIGIBLE and line.amount_yuan is not None:
        amount = yuan_text(line.amount_yuan, lang)
        how = line.computation.render(lang) if line.computation else line.reason.render(lang)
    else:
        amount = t(_AMOUNT_WORDS[line.status], lang)
        how = line.reason.render(lang)
        if line.computation is not None and line.status is not Status.PENDING_AMOUNT:
            # what the line would pay once the reason above is settled
            how += "\n" + t("ui.if_eligible", lang, computation=line.computation)
    shown = departments(line.lead_departments, lang, policy=policy)
    return _Cells(article, item, amount, how, shown, line.subject or "", beneficiary)


def _item(line: AwardLine, lang: str, policy: Policy) -> str:
    name = award_name(policy, line.id, lang)
    if not line.subject:
        return name
    return f"{name}：{line.subject}" if lang == "zh" else f"{name}: {line.subject}"


def _print_result(console: Console, result: Result, options: RenderOptions, advice: Advice | None) -> None:

    lang = options.lang
    policy = options.policy or default_policy()
    place = (
        division(policy, result.division, lang)
        if result.division
        else t("ui.out_of_area", lang, county=result.county)
        if result.county
        else t("ui.county_not_given", lang)
    )
    header = t("ui.header", lang, name=result.enterprise_name, year=result.assessment_year, place=place)
    _say(console, header, style="bold")
    size = result.size
    if size.size is not None:
        _say(console, t("ui.size", lang, size=size.words, why=size.why))
    else:
        _say(console, t("ui.size_undecided", lang, size=size.words))

    shown = [a for a in result.awards if options.show_all or a.status is not Status.INELIGIBLE]
    if shown:
        _print_lines(console, shown, lang, policy)
    elif result.awards:
        # every line is ineligible (out of area, say): "nothing to claim" would hide that there were lines
        key = "ui.the_one_ineligible" if len(result.awards) == 1 else "ui.all_ineligible"
        _say(console, t(key, lang, count=len(result.awards)))
    else:
        _say(console, t("ui.no_lines", lang))
    _print_footer(console, result, lang, policy, hidden=len(result.awards) - len(shown) if shown else 0)
    if advice is not None:
        _print_advice(console, advice, lang, policy)
    if options.explain:
        _print_traces(console, result, options, policy)


def _say(console: Console, line: str, style: str = "") -> None:
    """A line of text at the console's width, broken as Chinese is set (never by Rich, which
    leaves the spaces it breaks at at the end of the line)."""
    from .linebreak import wrap

    console.print(rich_text("\n".join(wrap(line, console.width)), style=style))


def _print_lines(console: Console, shown: Sequence[AwardLine], lang: str, policy: Policy) -> None:
    """The award lines as a table at the console's width: the article and the amount whole, the
    item, the computation (and the departments, when wide) sharing the rest evenly, each cell
    broken as Chinese is set (render/linebreak.py), never by Rich."""
    from rich.table import Table

    from .colwidths import cell_width, share
    from .linebreak import wrap

    wide = console.width >= WIDE_COLUMNS
    cells = [_line_cells(line, lang, policy) for line in shown]
    inline = [t("ui.department_inline", lang, departments=c.departments) for c in cells]
    headers = [t("ui.article", lang), t("ui.item", lang), t("ui.amount_header", lang), t("ui.how", lang)]
    columns: list[list[str]] = [
        [c.article for c in cells],
        [c.item if wide else f"{c.item}\n{d}" for c, d in zip(cells, inline, strict=True)],
        [c.amount for c in cells],
        [c.how for c in cells],
    ]
    ratios = [0, 1, 0, 1]
    if wide:
        headers.append(t("ui.department", lang))
        # one department a line: two names run together wrap in the middle of a name
        columns.append(["\n".join(c.departments) for c in cells])
        ratios.append(1)
    natural = [max(cell_width(v) for v in (h, *column)) for h, column in zip(headers, columns, strict=True)]
    widths = share(console.width - 3 * len(headers) - 1, natural, ratios)
    _widen_for_labels(widths, columns[1], columns[3])
    # Chinese department names are kept whole; an English one breaks at its spaces
    names = [p for c in cells for d in c.departments for p in d.split()]
    whole = [
        _unbreakable(column, names if i == len(columns) - 1 or i == 1 and not wide else ())
        for i, column in enumerate(columns)
    ]
    if any(widths[i] < whole[i] for i in range(len(columns)) if ratios[i]):
        # an amount, a count or a department would be cut in its column: each line as a block
        _print_blocks(console, shown, cells, inline)
        return
    table = Table(header_style="bold")
    for i, header in enumerate(headers):
        table.add_column(
            header, justify="right" if i == 2 else "left", no_wrap=i == 2, overflow="fold", width=widths[i]
        )

    def fitted(value: str, column: int) -> str:
        # the item is a label: its words and short brackets are kept whole more than the how's
        return "\n".join(wrap(value, widths[column], label=column == 1))

    for line, cell, department in zip(shown, cells, inline, strict=True):
        item = rich_text(_fitted_item(cell, widths[1]))
        if not wide:
            item.append("\n" + fitted(department, 1), "dim")
        row = [
            rich_text(fitted(cell.article, 0)),
            item,
            rich_text(cell.amount, style=_STATUS_STYLE[line.status]),
            rich_text(fitted(cell.how, 3)),
        ]
        if wide:
            row.append(rich_text(fitted("\n".join(cell.departments), 4)))
        table.add_row(*row, style="dim" if line.status is Status.INELIGIBLE else None)
    console.print(table)


def _widen_for_labels(widths: list[int], items: Sequence[str], hows: Sequence[str]) -> None:
    """The item column widened, at the computation's cost, until no item's piece between its
    clauses is cut (工业企业技术改造项目： / 消失模铸造生产线智能化改造, 牵头： / 市小企业发展促进中心),
    as far as the computation keeps its widest token and `HOW_MIN` cells."""
    from .linebreak import widest_segment

    want = max(map(widest_segment, items), default=0)
    keep = max(HOW_MIN, _unbreakable(hows, ()))
    give = min(want - widths[1], widths[3] - keep)
    if give > 0:
        widths[1] += give
        widths[3] -= give


def _unbreakable(column: Sequence[str], names: Sequence[str]) -> int:
    """The widest token of a text column that no line may break inside: an amount with its unit,
    a count, an escape (render/linebreak.atoms), and of `names` (the departments it shows)."""
    from .colwidths import cell_width
    from .linebreak import atoms

    found = [m.group() for value in column for m in atoms().finditer(value)]
    return max(map(cell_width, [*found, *names]), default=0)


def _print_blocks(
    console: Console, shown: Sequence[AwardLine], cells: Sequence[_Cells], inline: Sequence[str]
) -> None:
    """The award lines in a terminal too narrow for their table: each line's article and amount,
    then its item, departments and computation under them, indented, broken as Chinese is set."""
    from .linebreak import wrap

    room = max(console.width - 2, 10)
    for line, cell, department in zip(shown, cells, inline, strict=True):
        dim = "dim" if line.status is Status.INELIGIBLE else ""
        head = rich_text(cell.article + "  ", style=f"bold {dim}".strip())
        head.append(rich_text(cell.amount, style=f"{_STATUS_STYLE[line.status]} {dim}".strip()))
        console.print(head)
        for part, style in ((cell.item, dim), (department, "dim"), (cell.how, dim)):
            lines = wrap(part, room, label=part is not cell.how)
            console.print(rich_text("\n".join("  " + w for w in lines), style=style))


def _print_footer(console: Console, result: Result, lang: str, policy: Policy, *, hidden: int) -> None:
    # in 元 as the amount column above them, whatever the sum (not 8.6万元 under 86,000元 cells)
    totals = result.totals
    _say(console, t("ui.total_cash", lang, amount=yuan_text(totals.cash_yuan, lang)), style="bold")
    if totals.reductions_yuan:
        _say(console, t("ui.total_reductions", lang, amount=yuan_text(totals.reductions_yuan, lang)))
    if totals.third_party_yuan:
        _say(console, t("ui.total_third_party", lang, amount=yuan_text(totals.third_party_yuan, lang)))
    # hidden ineligible lines are counted by the line that says how to show them
    counted = [s for s in _COUNTED if totals.counts[s.value] and not (hidden and s is Status.INELIGIBLE)]
    counts = [
        sentence_start(
            t("ui.count", lang, status=Text.of(f"status.{status.value}"), count=totals.counts[status.value]),
            lang,
        )
        for status in counted
    ]
    if counts:
        _say(console, ("　" if lang == "zh" else "   ").join(counts))
    if hidden:
        _say(console, t("ui.hidden_ineligible", lang, count=hidden), style="dim")
    for warning in result.warnings:
        _say(console, t("ui.warning", lang, message=warning.render(lang)), style="yellow")
    _print_options(console, result, lang, policy)


def _print_options(console: Console, result: Result, lang: str, policy: Policy) -> None:
    """The interpretations switched from their defaults: each by its register entry, as read."""
    from yc_sme_cli.codes import option_reading, option_setting

    changed = [
        (name, value)
        for name, value in result.options
        if name in policy.options and value != policy.options[name].default
    ]
    if changed:
        _say(console, t("ui.options", lang), style="bold")
        readings = [
            t(
                "ui.option_set",
                lang,
                option=option_setting(policy, name, value, lang),
                reading=option_reading(policy, name, value, lang),
            )
            for name, value in changed
        ]
        _bullets(console, "·", readings)


def _print_advice(console: Console, advice: Advice, lang: str, policy: Policy) -> None:
    """What-if overrides, near misses and the services the enterprise can ask for, below the totals."""
    from yc_sme_cli.labels import labelled
    from yc_sme_cli.services import service_summary_lines

    if advice.overrides:
        # one assumption a line: a field and its value are never split across lines
        _say(console, t("ui.overrides", lang), style="bold yellow")
        assumed = [
            t("ui.override", lang, field=labelled(a.field, lang), value=a.value) for a in advice.overrides
        ]
        _bullets(console, "·", assumed)
    if advice.hints:
        _say(console, t("ui.hints", lang), style="bold")
        _bullets(console, "→", [hint.message.render(lang) for hint in advice.hints])
    lines = service_summary_lines(advice.services, policy, lang)
    if lines:
        _say(console, t("ui.services", lang), style="bold")
        _bullets(console, "·", lines)


def _print_traces(console: Console, result: Result, options: RenderOptions, policy: Policy) -> None:
    """--explain: under the table, every line with each condition checked and its clause.

    The ineligible lines too, whatever --all says ("why not?" is the client's first question): --all
    governs the table above, not the trace."""
    from yc_sme_cli.trace import MARKS, trace_lines

    lang = options.lang
    if not result.awards:
        return
    _say(console, t("ui.trace_heading", lang), style="bold")
    for line in result.awards:
        article = t("ui.article_number", lang, numeral=CHINESE_NUMERALS[line.article], number=line.article)
        heading = t(
            "ui.trace_line_heading",
            lang,
            article=article,
            item=_item(line, lang, policy),
            status=Text.of(f"status.{line.status.value}"),
        )
        _say(console, heading, style=_STATUS_STYLE[line.status])
        _bullets(console, " ", trace_lines(line, lang, policy), marks=tuple(MARKS.values()))


def _bullets(console: Console, marker: str, lines: Sequence[str], marks: tuple[str, ...] = ()) -> None:
    """Indented items whose text wraps under itself (Chinese has no spaces to wrap at).

    A line that starts with one of `marks` and a space ("✓ 通过｜…") has the mark in a column of its
    own, so that the mark never stands alone on a line above its text; other lines are indented under
    the text (a clause below its check). The text is broken as Chinese is set (render/linebreak.py),
    to the room the marker columns leave; no line ends with spaces."""
    from rich.cells import cell_len

    from .linebreak import wrap

    head = f" {marker} "
    mark_width = max((cell_len(m) for m in marks), default=0) + 1 if marks else 0
    room = max(console.width - cell_len(head) - mark_width, 10)
    for line in lines:
        mark, space, rest = line.partition(" ")
        style = ""
        if not marks:
            lead, body = "", line
        elif space and mark in marks:
            lead, body = mark + " " * (mark_width - cell_len(mark)), rest
        else:
            lead, body, style = " " * mark_width, line.strip(), "dim"
        wrapped = wrap(body, room)
        indent = " " * (cell_len(head) + mark_width)
        console.print(head + lead, end="")
        console.print(rich_text("\n".join([wrapped[0], *(indent + w for w in wrapped[1:])]), style=style))
