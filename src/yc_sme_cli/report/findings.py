"""Sections 1–7 of the report: the enterprise, the totals, and the awards by status, with the
facts still missing and what each would unlock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yc_sme_cli.evidence import Evidence
from yc_sme_cli.names import division
from yc_sme_cli.result import Outcome, Stage, Status
from yc_sme_cli.text import Either, Text, quoted_within
from yc_sme_cli.todo import MAX_RESCORES

from .context import Writer
from .model import Block, Bullets, Element, Fields, Para, Section

if TYPE_CHECKING:
    from yc_sme_cli.todo import MissingFact


def header(w: Writer) -> Section:
    result, enterprise = w.given.result, w.given.profile.enterprise
    t = w.t
    if result.division:
        place = division(w.policy, result.division, w.lang)
    elif result.county:
        place = t("ui.out_of_area", county=result.county)
    else:
        place = t("ui.county_not_given")
    size = result.size
    if size.size is not None:
        size_text = t("report.size", size=Text.of(f"size.{size.size}"), why=size.why)
    else:  # the classes still possible, as a document says it: 小型或微型, "small or micro"
        sizes = Either(Text.of(f"size.{c}") for c in size.possible)
        size_text = t("report.size_undecided", size=sizes, fields=w.labelled_all(size.missing_fields))
    industry = t(f"industry.{result.industry}") if result.industry else t("report.not_given")
    rows = [
        (t("report.f.year"), (t("report.year", year=result.assessment_year),)),
        (t("report.f.credit_code"), (enterprise.credit_code or t("report.not_given"),)),
        (t("report.f.place"), (place,)),
        (t("report.f.form"), (w.cell(t(f"form.{result.form}")),)),
        (t("report.f.industry"), (w.cell(industry),)),
        (t("report.f.size"), (w.cell(size_text),)),
    ]
    return w.section("header", [Fields(tuple(rows))])


def totals(w: Writer) -> Section:
    totals = w.given.result.totals
    elements: list[Element] = [
        Para(w.t("report.total_cash", amount=w.yuan(totals.cash_yuan)), "lead"),
        Para(w.t("report.total_cash_note")),
    ]
    rows = [
        (w.t("report.f.reductions"), (w.yuan(totals.reductions_yuan),)),
        (w.t("report.f.third_party"), (w.yuan(totals.third_party_yuan),)),
    ]
    counts = [
        w.t("ui.count", status=Text.of(f"status.{s.value}"), count=totals.counts[s.value])
        for s in Status
        if totals.counts[s.value]
    ]
    if counts:
        rows.append((w.t("report.f.counts"), (w.cell(w.join(counts)),)))
    elements.append(Fields(tuple(rows)))
    if w.given.overrides:
        elements.append(Para(w.t("report.whatif_note", fields=w.given.overrides), "note"))
    warnings = tuple(w.t("ui.warning", message=warning.render(w.lang)) for warning in w.given.result.warnings)
    if warnings:
        elements.append(Bullets(warnings))
    return w.section("totals", elements)


def awards(w: Writer) -> Section:
    blocks: list[Element] = []
    for line in w.lines(Status.ELIGIBLE):
        assert line.amount_yuan is not None
        award = w.policy.award(line.id)
        rows: list[tuple[str, tuple[str, ...]]] = [
            (
                w.t("report.f.amount"),
                (
                    w.t(
                        "report.amount_kind",
                        amount=w.yuan(line.amount_yuan),
                        kind=Text.of(f"kind.{line.kind.value}"),
                    ),
                ),
            ),
        ]
        if line.computation is not None:
            rows.append((w.t("report.f.computation"), (w.cell(line.computation.render(w.lang)),)))
        rows += [
            (w.t("report.f.department"), (w.departments(line),)),
            (w.t("report.f.clause"), (w.t("report.quoted", text=quoted_within(award.clause)),)),
            (w.t("report.f.evidence"), evidence_lines(w, w.evidence.get(line.id))),
        ]
        readings = w.cited_in(line)
        if readings:
            rows.append((w.t("report.f.readings"), tuple(w.reading(i) for i in readings)))
        title = w.t("report.block_title", article=w.article(line.article), item=w.item(line))
        blocks.append(Block(title, Fields(tuple(rows))))
    if not blocks:
        return w.section("awards", [Para(w.t("report.none.awards"), "none")])
    return w.section("awards", [Para(w.t("report.awards_note"), "note"), *blocks])


def evidence_lines(w: Writer, evidence: Evidence | None) -> tuple[str, ...]:
    if evidence is None:
        return (w.t("report.evidence_none"),)
    lines = [
        w.cell(w.t("report.evidence_item", words=item.words(w.lang), quote=quoted_within(item.quote)))
        for item in evidence.items
    ]
    if evidence.recognition_only:
        lines.append(w.t("report.evidence_recognition_only"))
    return tuple(lines)


def pending(w: Writer) -> Section:
    rows = []
    for line in w.lines(Status.PENDING_AMOUNT):
        w.cited_in(line)
        rests_on = [
            w.cell(c.text.render(w.lang))
            for c in line.checks
            if c.stage is Stage.CONDITION and c.outcome is Outcome.PASS
        ]
        rows.append(
            (
                w.article(line.article),
                w.item(line),
                w.departments(line),
                "\n".join(rests_on) or w.cell(line.reason.render(w.lang)),
            )
        )
    columns = ("ui.article", "ui.item", "report.col.sets_amount", "report.col.rests_on")
    return w.table_section("pending", columns, rows, (12, 30, 20, 38))


def review(w: Writer) -> Section:
    rows = []
    for line in w.lines(Status.NEEDS_REVIEW):
        w.cited_in(line)
        reason = w.cell(line.reason.render(w.lang))
        asks = [w.cell(c.text.render(w.lang)) for c in line.checks if c.outcome is Outcome.REVIEW]
        question = "\n".join([reason, *(a for a in asks if a != reason)])
        rows.append((w.article(line.article), w.item(line), w.departments(line), question))
    columns = ("ui.article", "ui.item", "report.col.ask", "report.col.question")
    return w.table_section("review", columns, rows, (12, 28, 20, 40))


def todo(w: Writer) -> Section:
    rows = []
    for fact in w.given.facts:
        decided = [f"{w.article(line.article)} {w.item(line)}" for line in fact.decides]
        if fact.field in w.given.result.size.missing_fields:  # the size waits for it (section 1)
            decided.insert(0, w.t("report.f.size"))
        decides = "\n".join(decided)
        rows.append((w.cell(w.labelled(fact.field)), decides, w.cell(unlock_text(w, fact))))
    columns = ("report.col.fact", "report.col.decides", "report.col.unlocks")
    section = w.table_section("todo", columns, rows, (34, 36, 30))
    if rows:
        note = Para(w.t("report.todo_note"), "note")
        return Section(section.key, section.title, (*section.elements, note), section.new_page)
    return section


def unlock_text(w: Writer, fact: MissingFact) -> str:
    if fact.skipped:
        return w.t("report.unlock_not_tried", limit=MAX_RESCORES)
    if fact.value is None:
        return w.t("report.unlock_unknown")
    parts = []
    cash = fact.unlocked_yuan()
    if cash:
        parts.append(w.t("report.unlock_cash", amount=w.yuan(cash)))
    if fact.unlocked_pending:
        parts.append(w.t("report.unlock_pending", count=fact.unlocked_pending))
    value = w.t("report.favourable_value", value=_shown_value(fact.value, w.lang))
    if not parts:
        return w.t("report.unlock_nothing", value=value)
    return w.t("report.unlock", value=value, what=w.join(parts))


def ineligible(w: Writer) -> Section:
    rows = [
        (w.article(line.article), w.item(line), w.cell(line.reason.render(w.lang)))
        for line in w.lines(Status.INELIGIBLE)
    ]
    for line in w.lines(Status.INELIGIBLE):
        w.cited_in(line)
    columns = ("ui.article", "ui.item", "report.col.failed")
    return w.table_section("ineligible", columns, rows, (12, 38, 50))


def _shown_value(value: str, lang: str) -> str:
    """A favourable value as a person reads it: yes/no for booleans, the choice's words, the number."""
    if value in ("true", "false"):
        return Text.of("report.value_true" if value == "true" else "report.value_false").render(lang)
    return value.strip('"')
