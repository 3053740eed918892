"""Sections 8–12 of the report: the hints, the services, and the record (the readings the report
follows, the audit stamp, the disclaimer)."""

from __future__ import annotations

from yc_sme_cli.codes import option_label, option_reading, option_setting
from yc_sme_cli.names import departments, document_number, policy_title
from yc_sme_cli.register import Interpretation
from yc_sme_cli.services import Service

from .context import Writer
from .model import Bullets, Element, Fields, Para, Section, Table


def hints(w: Writer) -> Section:
    items = tuple(hint.message.render(w.lang) for hint in w.given.hints)
    return w.section("hints", [Bullets(items)] if items else [Para(w.t("report.none.hints"), "none")])


def services(w: Writer) -> Section:
    by_article: dict[int, list[Service]] = {}
    for service in w.given.services:
        by_article.setdefault(service.article, []).append(service)
    rows = [
        (
            w.article(number),
            w.join(departments(w.policy.article(number).lead_departments, w.lang, policy=w.policy)),
            "\n".join(s.description(w.lang) for s in group),
        )
        for number, group in sorted(by_article.items())
    ]
    columns = ("ui.article", "ui.department", "report.col.service")
    return w.table_section("services", columns, rows, (12, 26, 62))


def readings(w: Writer) -> Section:
    result = w.given.result
    option_rows = tuple(
        (
            option_label(name, w.lang),
            w.t("report.option_on") if value else w.t("report.option_off"),
            option_reading(w.policy, name, value, w.lang),
        )
        for name, value in result.options
        if name in w.policy.options
    )
    elements: list[Element] = [
        Para(w.t("report.options_intro")),
        Table(
            w.columns(("report.col.option", "report.col.value", "report.col.meaning")),
            option_rows,
            (28, 14, 58),
        ),
    ]
    if w.given.overrides:
        elements.append(Para(w.t("report.whatif_intro")))
        elements.append(Bullets(w.given.overrides))
    else:
        elements.append(Para(w.t("report.no_whatif")))
    if w.cited:
        elements.append(Para(w.t("report.readings_intro")))
        entries = [w.register[i] for i in sorted(w.cited, key=_reading_order)]
        options = dict(result.options)
        rows = tuple((e.id, e.words(w.lang).title, _followed(w, e, options)) for e in entries)
        columns = w.columns(("report.col.reading_id", "report.col.reading_title", "report.col.reading"))
        elements.append(Table(columns, rows, (9, 25, 66)))
    return w.section("readings", elements)


def audit(w: Writer) -> Section:
    stamp, result = w.given.audit, w.given.result
    options = tuple(
        option_setting(w.policy, k, v, w.lang) if k in w.policy.options else f"{k}={'true' if v else 'false'}"
        for k, v in stamp.get("options", {}).items()
    )
    rows = [
        (w.t("report.f.tool"), (f"yc-sme {stamp.get('tool_version', '')}",)),
        (
            w.t("report.f.policy"),
            (f"{document_number(w.policy, w.lang)} · {policy_title(w.policy, w.lang)}",),
        ),
        (w.t("report.f.policy_id"), (f"{result.policy_id} {result.policy_version}",)),
        (w.t("report.f.profile"), (w.given.path,)),
        (w.t("report.f.sha256"), (str(stamp.get("profile_sha256", "")),)),
        (w.t("report.f.options"), options or (w.t("report.not_given"),)),
        (
            w.t("report.f.overrides"),
            tuple(stamp.get("overrides", ())) or (w.t("report.no_whatif"),),
        ),
    ]
    return w.section("audit", [Fields(tuple(rows)), Para(w.t("report.audit_note"), "note")])


def disclaimer(w: Writer) -> Section:
    return w.section("disclaimer", [Para(w.t("report.disclaimer_text"))])


def _followed(w: Writer, entry: Interpretation, options: dict[str, bool]) -> str:
    """The reading this report followed: the other one where an option switched the entry."""
    if entry.option is not None and entry.option in options and entry.option in w.policy.options:
        return option_reading(w.policy, entry.option, options[entry.option], w.lang)
    return entry.words(w.lang).reading


def _reading_order(entry_id: str) -> int:
    return int(entry_id.removeprefix("I-"))
