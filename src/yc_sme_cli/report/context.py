"""What every section of the report is written with: the input, the language, and the phrasing
they share (amounts in 元, article numbers, award names, departments, cited interpretations).

One Writer serves one report; the sections (findings.py, record.py) are functions of it. It
remembers the interpretations the sections cite, in the order they meet them, for section 10.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from yc_sme_cli.evidence import evidence_for
from yc_sme_cli.labels import labelled
from yc_sme_cli.names import PACKAGED_POLICY_ID, award_name, departments
from yc_sme_cli.policy import CHINESE_NUMERALS
from yc_sme_cli.register import by_id, default_register
from yc_sme_cli.result import AwardLine, Status
from yc_sme_cli.text import Text, sentence_start

from .model import NEW_PAGE, SECTION_KEYS, Element, Para, ReportInput, Section, Table

_CITED = re.compile(r"\bI-\d+\b")


class Writer:
    def __init__(self, given: ReportInput, lang: str) -> None:
        self.given, self.lang, self.policy = given, lang, given.policy
        self.evidence = evidence_for(self.policy)
        # the packaged register reads the packaged policy; another policy file brings no register
        self.register = by_id(default_register()) if self.policy.id == PACKAGED_POLICY_ID else {}
        self.cited: dict[str, None] = {}  # interpretation ids in the order the report meets them

    def t(self, key: str, **params: object) -> str:
        return Text.of(key, **params).render(self.lang)

    def cell(self, text: str) -> str:
        """A sentence or value the tool wrote, standing alone in a cell: in English it starts with
        a capital ("Industry is retail; …", "Small (employees …)", "If yes: …"), as every table's
        cells do. Only the tool's own words: a name, a code or a path is never passed here."""
        return sentence_start(text, self.lang)

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

    def labelled(self, path: str) -> str:
        return labelled(path, self.lang)

    def labelled_all(self, paths: Sequence[str]) -> str:
        return self.join(self.labelled(p) for p in paths)

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
