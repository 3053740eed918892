"""Batch results as a workbook: 汇总 (one row per profile), 明细 (one row per award line), 资金池 and
the totals by article, by county and by lead department.

Amounts are numeric cells in 元 (`#,##0.00`), exact (openpyxl writes a Decimal as its digits),
never text; headers follow --lang; every sheet has a frozen, filtered header row and fixed column
widths. Rows are streamed into openpyxl's write-only sheets as they are scored, so memory does
not grow with the batch; the totals are running sums. Same input, same bytes (render/workbook.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, BinaryIO

from yc_sme_cli.labels import labelled
from yc_sme_cli.money import yuan_text
from yc_sme_cli.names import article_title, award_name, pool_name
from yc_sme_cli.policy import CHINESE_NUMERALS, Policy
from yc_sme_cli.pools import ZERO, Tally, pool_demands
from yc_sme_cli.result import Kind, Status
from yc_sme_cli.text import Text, sentence_start

from . import Row
from .data import STATUSES, error_text, warnings_text
from .workbook import (
    MONEY_FORMAT,
    RATIO_FORMAT,
    new_sheet,
    new_workbook,
    number_cell,
    text_cell,
    write_workbook,
)

# One profile's rows for the workbook, made where it is scored (a worker) and sent back: plain values.
Record = tuple[tuple[object, ...], tuple[tuple[object, ...], ...]]

TEXT, MONEY, COUNT, RATIO = "text", "money", "count", "ratio"
_WIDTH = {TEXT: 16.0, MONEY: 16.0, COUNT: 10.0, RATIO: 10.0}


def t(key: str, lang: str, **params: object) -> str:
    return Text.of(key, **params).render(lang)


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the message key of its header
    kind: str = TEXT
    width: float | None = None
    unit: bool = False  # the header is the terminal's word with the unit: 额度（元）, as fit.unit_in_header

    def header(self, lang: str) -> str:
        if self.unit:
            unit = yuan_text(ZERO, lang).removeprefix("0").strip()  # 元 / yuan, as the terminal says it
            return sentence_start(t("fit.unit_header", lang, column=Text.of(self.key), unit=unit), lang)
        return sentence_start(t(self.key, lang), lang)


def _status_columns() -> tuple[Column, ...]:
    return tuple(Column(f"status.{s}", COUNT, 12) for s in STATUSES)


SUMMARY = (
    Column("xlsx.col.profile", width=36),
    Column("batch.col.name", width=34),
    Column("xlsx.col.county", width=14),
    Column("xlsx.col.division", width=16),
    Column("xlsx.col.industry", width=18),
    Column("xlsx.col.year", COUNT),
    Column("xlsx.col.credit_code", width=22),
    Column("batch.col.size", width=30),  # "未定，大型、中型、小型、微型之一，缺行业（…）" when undecided
    Column("xlsx.col.size_code", width=12),
    Column("xlsx.col.cash", MONEY),
    Column("xlsx.col.reductions", MONEY),
    Column("xlsx.col.third_party", MONEY),
    *_status_columns(),
    Column("batch.col.error", width=60),
    Column("batch.col.warnings", width=60),
)
ERROR_AT = len(SUMMARY) - 2  # the summary row's error: None for a scored profile
DETAIL = (
    Column("xlsx.col.profile", width=36),
    Column("batch.col.name", width=34),
    Column("ui.article", COUNT, 8),
    Column("xlsx.col.award_id", width=28),
    Column("xlsx.col.award", width=36),
    Column("xlsx.col.subject", width=20),
    Column("xlsx.col.beneficiary", width=14),
    Column("xlsx.col.status", width=12),
    Column("xlsx.col.amount", MONEY),
    Column("xlsx.col.kind", width=12),
    Column("xlsx.col.reason", width=60),
    Column("xlsx.col.missing_fields", width=40),
    Column("xlsx.col.departments", width=24),
)
TOTAL_AMOUNTS = (
    Column("xlsx.col.cash", MONEY),
    Column("xlsx.col.reductions", MONEY),
    Column("xlsx.col.third_party", MONEY),
)


def record(row: Row, lang: str, policy: Policy) -> Record:
    """A profile's summary row and award rows, as plain values (text, int, Decimal, None)."""
    if row.result is None:
        assert row.error is not None
        blank: list[object] = [None] * len(SUMMARY)
        blank[0], blank[ERROR_AT] = row.path, error_text(row.error, lang)
        return tuple(blank), ()
    result = row.result
    totals = result.totals
    industry = t(f"industry.{result.industry}", lang) if result.industry else None
    summary = (
        row.path,
        result.enterprise_name,
        result.county,
        result.division,
        industry,
        result.assessment_year,
        result.credit_code,
        result.size.words.render(lang),
        result.size.code,
        totals.cash_yuan,
        totals.reductions_yuan,
        totals.third_party_yuan,
        *(totals.counts.get(s, 0) for s in STATUSES),
        None,
        warnings_text(result, lang) or None,
    )
    lines = tuple(
        (
            row.path,
            result.enterprise_name,
            line.article,
            line.id,
            line.name if lang == "zh" else award_name(policy, line.id, lang),
            line.subject,
            line.beneficiary,
            t(f"status.{line.status.value}", lang),
            line.amount_yuan,
            t(f"kind.{line.kind.value}", lang),
            line.reason.render(lang),
            "、".join(labelled(f, lang) for f in line.missing_fields) or None,
            "、".join(line.lead_departments) or None,
            # for the totals, not a column: the raw status and kind
            line.status.value,
            line.kind.value,
        )
        for line in result.awards
    )
    return summary, lines


def county_group(division: str | None, county: str | None, lang: str) -> str:
    """The row of 按县区 a scored enterprise counts under: its division; a county outside the city
    (or misspelled) as written, marked out of area; no county, (not given)."""
    if division:
        return division
    if county:
        return t("ui.out_of_area", lang, county=county)  # as check titles it
    return t("xlsx.no_county", lang)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(slots=True)
class _Sums:
    profiles: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    amounts: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys((k.value for k in Kind), ZERO))

    def add(self, status: str, kind: str, amount: Decimal | None) -> None:
        self.counts[status] += 1
        if status == Status.ELIGIBLE.value and amount is not None:
            self.amounts[kind] += amount


class ResultsWorkbook:
    """The results workbook of one batch: rows appended as profiles are scored, totals at the end."""

    def __init__(self, lang: str, policy: Policy) -> None:
        self.lang, self.policy = lang, policy
        self.book = new_workbook()
        self.summary = self._sheet("xlsx.sheet.summary", SUMMARY)
        self.detail = self._sheet("xlsx.sheet.detail", DETAIL)
        self.counties: dict[str, _Sums] = {}
        self.departments: dict[str, _Sums] = {}

    def _sheet(self, title: str, columns: Iterable[Column]) -> Any:
        columns = tuple(columns)
        headers = [c.header(self.lang) for c in columns]
        widths = [c.width or _WIDTH[c.kind] for c in columns]
        return new_sheet(self.book, t(title, self.lang), headers, widths)

    def _append(self, sheet: Any, columns: tuple[Column, ...], values: Iterable[object]) -> None:
        cells: list[object] = []
        for column, value in zip(columns, values, strict=False):
            if value is None:
                cells.append(None)
            elif column.kind == MONEY and isinstance(value, str):  # a word where there is no sum (未定额)
                cells.append(text_cell(sheet, value))
            elif column.kind == MONEY:
                cells.append(number_cell(sheet, value, MONEY_FORMAT))
            elif column.kind == RATIO:
                cells.append(number_cell(sheet, value, RATIO_FORMAT))
            elif column.kind == COUNT:
                cells.append(value)
            else:
                cells.append(text_cell(sheet, str(value)))
        sheet.append(cells)

    def add(self, rows: Record) -> None:
        summary, lines = rows
        self._append(self.summary, SUMMARY, summary)
        county_sums = None
        if summary[ERROR_AT] is None:  # scored (a failed profile has its error there): counted, lines or none
            county, division = summary[2], summary[3]
            group = county_group(_text(division), _text(county), self.lang)
            county_sums = self.counties.setdefault(group, _Sums())
            county_sums.profiles += 1
        for line in lines:
            self._append(self.detail, DETAIL, line[: len(DETAIL)])
            status, kind = str(line[-2]), str(line[-1])
            amount = line[8] if isinstance(line[8], Decimal) else None
            if county_sums is not None:
                county_sums.add(status, kind, amount)
            for department in str(line[12] or "").split("、"):
                if department:
                    self.departments.setdefault(department, _Sums()).add(status, kind, amount)

    def write(self, tally: Tally, out: BinaryIO) -> None:
        """The pools and the totals, then the workbook's bytes."""
        self._pools(tally)
        self._articles(tally)
        self._grouped("xlsx.sheet.counties", "xlsx.col.county", self.counties, with_profiles=True)
        self._grouped("xlsx.sheet.departments", "xlsx.col.departments", self.departments, with_profiles=False)
        write_workbook(self.book, out)

    def _pools(self, tally: Tally) -> None:
        columns = (
            Column("summary.pool", width=30),
            Column("ui.article", width=24),
            # the terminal's words (render/summary.pools), with the unit the terminal's tightest
            # layout puts in these headers
            Column("summary.allocation_wan", MONEY, unit=True),
            Column("summary.demand_wan", MONEY, unit=True),
            Column("summary.pending_lines", COUNT, 14),
            Column("summary.share", RATIO, 12),
            Column("summary.factor", RATIO, 12),
        )
        sheet = self._sheet("xlsx.sheet.pools", columns)
        for demand in pool_demands(tally, self.policy):
            articles = "、".join(self._article(n) for n in demand.articles)
            name = pool_name(self.policy, demand.pool.id, self.lang)
            allocation = (
                demand.allocation_yuan
                if demand.allocation_yuan is not None
                else t("summary.no_allocation", self.lang)
            )
            values = (name, articles, allocation, demand.demand_yuan, demand.pending_lines)
            self._append(sheet, columns, (*values, demand.share, demand.factor))

    def _article(self, number: int) -> str:
        return t("ui.article_number", self.lang, numeral=CHINESE_NUMERALS[number], number=number)

    def _articles(self, tally: Tally) -> None:
        columns = (
            Column("ui.article", width=10),
            Column("summary.article_title", width=40),
            *_status_columns(),
            *TOTAL_AMOUNTS,
        )
        sheet = self._sheet("xlsx.sheet.articles", columns)
        for number in sorted(tally.articles):
            sums = tally.articles[number]
            title = article_title(self.policy, number, self.lang) if number in self.policy.articles else ""
            counts = (sums.counts[s] for s in STATUSES)
            amounts = (sums.amounts[k.value] for k in Kind)
            self._append(sheet, columns, (self._article(number), title, *counts, *amounts))

    def _grouped(self, title: str, first: str, groups: dict[str, _Sums], *, with_profiles: bool) -> None:
        extra = (Column("summary.profiles", COUNT, 12),) if with_profiles else ()
        columns = (Column(first, width=30), *extra, *_status_columns(), *TOTAL_AMOUNTS)
        sheet = self._sheet(title, columns)
        for name in sorted(groups):
            sums = groups[name]
            profiles = (sums.profiles,) if with_profiles else ()
            counts = (sums.counts[s] for s in STATUSES)
            amounts = (sums.amounts[k.value] for k in Kind)
            self._append(sheet, columns, (name, *profiles, *counts, *amounts))
