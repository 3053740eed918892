"""The client report as plain data: twelve sections of headings, fields, tables and lines, in one language.

`build_report` turns a scored profile (its Result, advice, missing facts, audit stamp) into a
`Report` whose every string is final text in Chinese or English, from data/messages.toml and the
policy data; the HTML and Word renderers (render/report_html.py, render/report_docx.py) only lay it
out. Strings from the profile stay plain text here: each renderer escapes them in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .evidence import Evidence, evidence_for
from .labels import labelled
from .names import (
    PACKAGED_POLICY_ID,
    award_name,
    departments,
    division,
    document_number,
    option_description,
    policy_title,
)
from .policy import CHINESE_NUMERALS, Policy
from .register import by_id, default_register
from .result import AwardLine, Outcome, Result, Stage, Status
from .services import Service
from .text import Text
from .todo import MAX_RESCORES

if TYPE_CHECKING:
    from .hints import Hint
    from .profile import Profile
    from .todo import MissingFact
# --- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    role: str = "body"  # body | lead (the total) | note | quote | none (an empty section says so)


@dataclass(frozen=True, slots=True)
class Fields:
    """Label and value pairs; a value of several lines is a tuple of lines."""

    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths (percent), for print and Word


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """One award of section 3: a heading of its own and its fields."""

    title: str
    fields: Fields


Element = Para | Fields | Table | Bullets | Block


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # one of SECTION_KEYS
    title: str
    elements: tuple[Element, ...]
    new_page: bool = False  # starts a new printed page


@dataclass(frozen=True, slots=True)
class Report:
    lang: str
    title: str  # the document's title (the browser tab, Word's title property)
    heading: str  # the enterprise name, as the first heading
    subtitle: str
    sections: tuple[Section, ...]
    footer: str


SECTION_KEYS = (
    "header",
    "totals",
    "awards",
    "pending",
    "review",
    "todo",
    "ineligible",
    "hints",
    "services",
    "readings",
    "audit",
    "disclaimer",
)
# Where a printed page starts: the summary (1–2) is the first page, the awards (3) start the second,
# the record (10–12: interpretations, audit, disclaimer) starts a page of its own. The sections
# between flow on from the awards: a page each would leave most of them nearly empty.
NEW_PAGE = frozenset({"awards", "readings"})


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a report is built from."""

    path: str
    profile: Profile
    result: Result
    policy: Policy
    hints: tuple[Hint, ...] = ()
    services: tuple[Service, ...] = ()
    facts: tuple[MissingFact, ...] = ()
    overrides: tuple[str, ...] = ()  # the --set assignments, values included
    audit: dict[str, Any] = field(default_factory=dict)


# --- building it ----------------------------------------------------------------------------------

_CITED = re.compile(r"\bI-\d+\b")


class _Builder:
    def __init__(self, given: ReportInput, lang: str) -> None:
        self.given, self.lang, self.policy = given, lang, given.policy
        self.evidence = evidence_for(self.policy)
        # the packaged register reads the packaged policy; another policy file brings no register
        self.register = by_id(default_register()) if self.policy.id == PACKAGED_POLICY_ID else {}
        self.cited: dict[str, None] = {}  # interpretation ids in the order the report meets them

    def t(self, key: str, **params: object) -> str:
        return Text.of(key, **params).render(self.lang)

    def yuan(self, amount: Decimal) -> str:
        return self.t("report.yuan", amount=f"{amount.quantize(Decimal('0.01')):,f}")

    def article(self, number: int) -> str:
        return self.t("ui.article_number", numeral=CHINESE_NUMERALS[number], number=number)

    def item(self, line: AwardLine) -> str:
        name = award_name(self.policy, line.id, self.lang)
        if line.subject:
            name = self.t("report.item_subject", award=name, subject=line.subject)
        if line.beneficiary:
            name += self.t("ui.beneficiary", name=line.beneficiary)
        return name

    def departments(self, line: AwardLine) -> str:
        return self.join(departments(line.lead_departments, self.lang, policy=self.policy))

    def join(self, parts: Iterable[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(parts)

    def cite(self, ids: Iterable[str]) -> list[str]:
        known = [i for i in ids if i in self.register]
        for i in known:
            self.cited.setdefault(i, None)
        return known

    def cited_in(self, line: AwardLine) -> list[str]:
        """The interpretations a line follows: those its award's data names, then those its texts cite."""
        evidence = self.evidence.get(line.id)
        ids = list(evidence.readings) if evidence else []
        texts = [line.reason, *(c.text for c in line.checks)]
        for text in texts:
            ids += _CITED.findall(text.render("zh"))
        return self.cite(dict.fromkeys(ids))

    def reading(self, entry_id: str) -> str:
        return self.t("report.reading", id=entry_id, title=self.register[entry_id].words(self.lang).title)

    # --- sections ---

    def header(self) -> Section:
        result, enterprise = self.given.result, self.given.profile.enterprise
        t = self.t
        if result.division:
            place = division(self.policy, result.division, self.lang)
        elif result.county:
            place = t("ui.out_of_area", county=result.county)
        else:
            place = t("ui.county_not_given")
        size = result.size
        sizes = tuple(Text.of(f"size.{c}") for c in size.possible)
        if size.size is not None:
            size_text = t("report.size", size=sizes, why=size.reasons[-1])
        else:
            size_text = t("report.size_undecided", size=sizes, fields=self.labelled_all(size.missing_fields))
        industry = t(f"industry.{result.industry}") if result.industry else t("report.not_given")
        rows = [
            (t("report.f.year"), (t("report.year", year=result.assessment_year),)),
            (t("report.f.credit_code"), (enterprise.credit_code or t("report.not_given"),)),
            (t("report.f.place"), (place,)),
            (t("report.f.form"), (t(f"form.{result.form}"),)),
            (t("report.f.industry"), (industry,)),
            (t("report.f.size"), (size_text,)),
        ]
        return self.section("header", [Fields(tuple(rows))])

    def totals(self) -> Section:
        totals = self.given.result.totals
        elements: list[Element] = [
            Para(self.t("report.total_cash", amount=self.yuan(totals.cash_yuan)), "lead"),
            Para(self.t("report.total_cash_note")),
        ]
        rows = [
            (self.t("report.f.reductions"), (self.yuan(totals.reductions_yuan),)),
            (self.t("report.f.third_party"), (self.yuan(totals.third_party_yuan),)),
        ]
        counts = [
            self.t("ui.count", status=Text.of(f"status.{s.value}"), count=totals.counts[s.value])
            for s in Status
            if totals.counts[s.value]
        ]
        if counts:
            rows.append((self.t("report.f.counts"), (self.join(counts),)))
        elements.append(Fields(tuple(rows)))
        if self.given.overrides:
            elements.append(Para(self.t("report.whatif_note", fields=self.given.overrides), "note"))
        warnings = tuple(
            self.t("ui.warning", message=w.render(self.lang)) for w in self.given.result.warnings
        )
        if warnings:
            elements.append(Bullets(warnings))
        return self.section("totals", elements)

    def awards(self) -> Section:
        blocks: list[Element] = []
        for line in self.lines(Status.ELIGIBLE):
            assert line.amount_yuan is not None
            award = self.policy.award(line.id)
            rows: list[tuple[str, tuple[str, ...]]] = [
                (
                    self.t("report.f.amount"),
                    (
                        self.t(
                            "report.amount_kind",
                            amount=self.yuan(line.amount_yuan),
                            kind=Text.of(f"kind.{line.kind.value}"),
                        ),
                    ),
                ),
            ]
            if line.computation is not None:
                rows.append((self.t("report.f.computation"), (line.computation.render(self.lang),)))
            rows += [
                (self.t("report.f.department"), (self.departments(line),)),
                (self.t("report.f.clause"), (self.t("report.quoted", text=award.clause),)),
                (self.t("report.f.evidence"), self.evidence_lines(self.evidence.get(line.id))),
            ]
            readings = self.cited_in(line)
            if readings:
                rows.append((self.t("report.f.readings"), tuple(self.reading(i) for i in readings)))
            title = self.t("report.block_title", article=self.article(line.article), item=self.item(line))
            blocks.append(Block(title, Fields(tuple(rows))))
        if not blocks:
            return self.section("awards", [Para(self.t("report.none.awards"), "none")])
        return self.section("awards", [Para(self.t("report.awards_note"), "note"), *blocks])

    def evidence_lines(self, evidence: Evidence | None) -> tuple[str, ...]:
        if evidence is None:
            return (self.t("report.evidence_none"),)
        lines = [
            self.t("report.evidence_item", words=item.words(self.lang), quote=item.quote)
            for item in evidence.items
        ]
        if evidence.recognition_only:
            lines.append(self.t("report.evidence_recognition_only"))
        return tuple(lines)

    def pending(self) -> Section:
        rows = []
        for line in self.lines(Status.PENDING_AMOUNT):
            self.cited_in(line)
            rests_on = [
                c.text.render(self.lang)
                for c in line.checks
                if c.stage is Stage.CONDITION and c.outcome is Outcome.PASS
            ]
            rows.append(
                (
                    self.article(line.article),
                    self.item(line),
                    self.departments(line),
                    "\n".join(rests_on) or line.reason.render(self.lang),
                )
            )
        columns = ("ui.article", "ui.item", "report.col.sets_amount", "report.col.rests_on")
        return self.table_section("pending", columns, rows, (12, 30, 20, 38))

    def review(self) -> Section:
        rows = []
        for line in self.lines(Status.NEEDS_REVIEW):
            self.cited_in(line)
            reason = line.reason.render(self.lang)
            asks = [c.text.render(self.lang) for c in line.checks if c.outcome is Outcome.REVIEW]
            question = "\n".join([reason, *(a for a in asks if a != reason)])
            rows.append((self.article(line.article), self.item(line), self.departments(line), question))
        columns = ("ui.article", "ui.item", "report.col.ask", "report.col.question")
        return self.table_section("review", columns, rows, (12, 28, 20, 40))

    def todo(self) -> Section:
        rows = []
        for fact in self.given.facts:
            decides = "\n".join(f"{self.article(line.article)} {self.item(line)}" for line in fact.decides)
            rows.append((self.labelled(fact.field), decides, self.unlock_text(fact)))
        columns = ("report.col.fact", "report.col.decides", "report.col.unlocks")
        section = self.table_section("todo", columns, rows, (34, 36, 30))
        if rows:
            note = Para(self.t("report.todo_note"), "note")
            return Section(section.key, section.title, (*section.elements, note), section.new_page)
        return section

    def unlock_text(self, fact: MissingFact) -> str:
        if fact.skipped:
            return self.t("report.unlock_not_tried", limit=MAX_RESCORES)
        if fact.value is None:
            return self.t("report.unlock_unknown")
        parts = []
        cash = fact.unlocked_yuan()
        if cash:
            parts.append(self.t("report.unlock_cash", amount=self.yuan(cash)))
        if fact.unlocked_pending:
            parts.append(self.t("report.unlock_pending", count=fact.unlocked_pending))
        value = self.t("report.favourable_value", value=_shown_value(fact.value, self.lang))
        if not parts:
            return self.t("report.unlock_nothing", value=value)
        return self.t("report.unlock", value=value, what=self.join(parts))

    def labelled(self, path: str) -> str:
        return labelled(path, self.lang)

    def labelled_all(self, paths: Sequence[str]) -> str:
        return self.join(self.labelled(p) for p in paths)

    def ineligible(self) -> Section:
        rows = [
            (self.article(line.article), self.item(line), line.reason.render(self.lang))
            for line in self.lines(Status.INELIGIBLE)
        ]
        for line in self.lines(Status.INELIGIBLE):
            self.cited_in(line)
        columns = ("ui.article", "ui.item", "report.col.failed")
        return self.table_section("ineligible", columns, rows, (12, 38, 50))

    def hints(self) -> Section:
        items = tuple(hint.message.render(self.lang) for hint in self.given.hints)
        return self.section(
            "hints", [Bullets(items)] if items else [Para(self.t("report.none.hints"), "none")]
        )

    def services(self) -> Section:
        by_article: dict[int, list[Service]] = {}
        for service in self.given.services:
            by_article.setdefault(service.article, []).append(service)
        rows = [
            (
                self.article(number),
                self.join(
                    departments(self.policy.article(number).lead_departments, self.lang, policy=self.policy)
                ),
                "\n".join(s.description(self.lang) for s in group),
            )
            for number, group in sorted(by_article.items())
        ]
        columns = ("ui.article", "ui.department", "report.col.service")
        return self.table_section("services", columns, rows, (12, 26, 62))

    def readings(self) -> Section:
        result = self.given.result
        option_rows = tuple(
            (
                name,
                self.t("report.option_on") if value else self.t("report.option_off"),
                option_description(self.policy, name, self.lang),
            )
            for name, value in result.options
        )
        elements: list[Element] = [
            Para(self.t("report.options_intro")),
            Table(
                self.columns(("report.col.option", "report.col.value", "report.col.meaning")),
                option_rows,
                (28, 14, 58),
            ),
        ]
        if self.given.overrides:
            elements.append(Para(self.t("report.whatif_intro")))
            elements.append(Bullets(self.given.overrides))
        else:
            elements.append(Para(self.t("report.no_whatif")))
        if self.cited:
            elements.append(Para(self.t("report.readings_intro")))
            entries = [self.register[i] for i in sorted(self.cited, key=_reading_order)]
            rows = tuple((e.id, e.words(self.lang).title, e.words(self.lang).reading) for e in entries)
            columns = self.columns(
                ("report.col.reading_id", "report.col.reading_title", "report.col.reading")
            )
            elements.append(Table(columns, rows, (9, 25, 66)))
        return self.section("readings", elements)

    def audit(self) -> Section:
        stamp, result = self.given.audit, self.given.result
        options = self.join(f"{k}={'true' if v else 'false'}" for k, v in stamp.get("options", {}).items())
        rows = [
            (self.t("report.f.tool"), (f"yc-sme {stamp.get('tool_version', '')}",)),
            (
                self.t("report.f.policy"),
                (f"{document_number(self.policy, self.lang)} · {policy_title(self.policy, self.lang)}",),
            ),
            (self.t("report.f.policy_id"), (f"{result.policy_id} {result.policy_version}",)),
            (self.t("report.f.profile"), (self.given.path,)),
            (self.t("report.f.sha256"), (str(stamp.get("profile_sha256", "")),)),
            (self.t("report.f.options"), (options or self.t("report.not_given"),)),
            (
                self.t("report.f.overrides"),
                tuple(stamp.get("overrides", ())) or (self.t("report.no_whatif"),),
            ),
        ]
        return self.section("audit", [Fields(tuple(rows)), Para(self.t("report.audit_note"), "note")])

    def disclaimer(self) -> Section:
        return self.section("disclaimer", [Para(self.t("report.disclaimer_text"))])

    # --- helpers ---

    def lines(self, status: Status) -> list[AwardLine]:
        return [line for line in self.given.result.awards if line.status is status]

    def columns(self, keys: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.t(k) for k in keys)

    def section(self, key: str, elements: Sequence[Element]) -> Section:
        number = SECTION_KEYS.index(key) + 1
        title = self.t("report.section_title", number=number, title=Text.of(f"report.s.{key}"))
        return Section(key, title, tuple(elements), key in NEW_PAGE)

    def table_section(
        self, key: str, columns: Sequence[str], rows: Sequence[tuple[str, ...]], widths: tuple[int, ...]
    ) -> Section:
        if not rows:
            return self.section(key, [Para(self.t(f"report.none.{key}"), "none")])
        return self.section(key, [Table(self.columns(columns), tuple(rows), widths)])


def _reading_order(entry_id: str) -> int:
    return int(entry_id.removeprefix("I-"))


def _shown_value(value: str, lang: str) -> str:
    """A favourable value as a person reads it: yes/no for booleans, the choice's words, the number."""
    if value in ("true", "false"):
        return Text.of("report.value_true" if value == "true" else "report.value_false").render(lang)
    return value.strip('"')


def build_report(given: ReportInput, lang: str = "zh") -> Report:
    """The twelve sections of the client report, in the issue's order, as final text in `lang`."""
    b = _Builder(given, lang)
    # the sections that cite interpretations come before the section that lists them
    sections = [
        b.header(),
        b.totals(),
        b.awards(),
        b.pending(),
        b.review(),
        b.todo(),
        b.ineligible(),
        b.hints(),
        b.services(),
        b.readings(),
        b.audit(),
        b.disclaimer(),
    ]
    result = given.result
    return Report(
        lang=lang,
        title=b.t("report.title", name=result.enterprise_name, year=result.assessment_year),
        heading=result.enterprise_name,
        subtitle=b.t(
            "report.subtitle",
            document=document_number(given.policy, lang),
            year=result.assessment_year,
        ),
        sections=tuple(sections),
        footer=b.t("report.footer", document=document_number(given.policy, lang)),
    )


def report_text(report: Report) -> Iterable[str]:
    """Every string of a report in reading order (tests, and anything that needs the plain text)."""
    yield report.heading
    yield report.subtitle
    for section in report.sections:
        yield section.title
        for element in section.elements:
            yield from _element_text(element)
    yield report.footer


def _element_text(element: Element) -> Iterable[str]:
    if isinstance(element, Para):
        yield element.text
    elif isinstance(element, Fields):
        for label, values in element.rows:
            yield label
            yield from values
    elif isinstance(element, Table):
        yield from element.columns
        for row in element.rows:
            yield from row
    elif isinstance(element, Bullets):
        yield from element.items
    else:
        yield element.title
        yield from _element_text(element.fields)


# --- file names --------------------------------------------------------------------------------

_UNSAFE = re.compile(r'(?:[<>:"/\\|?*\x00-\x1f\x7f]|\s)+')
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)
MAX_NAME = 80  # characters of the enterprise's name kept in a file name


def report_file_name(enterprise: str, year: int, suffix: str, taken: set[str]) -> str:
    """A file name for one report in a folder: the enterprise and year, safe on every system.

    Path separators, characters Windows forbids, control characters and spaces become "_" (one per run);
    leading dots go (no hidden files); a name Windows reserves gets a "_" before it. `taken` holds
    the names (lower case) already given in this run: a second report of the same enterprise and
    year gets "-2", then "-3".
    """
    cleaned = "".join(c for c in unicodedata.normalize("NFC", enterprise) if unicodedata.category(c) != "Cf")
    stem = _UNSAFE.sub("_", cleaned).strip("._ ")[:MAX_NAME].rstrip("._ ") or "report"
    if stem.lower() in _RESERVED:
        stem = "_" + stem
    base = f"{stem}-{year}"
    name, n = f"{base}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}{suffix}"
    taken.add(name.lower())
    return name
