"""The machine form of a result (cli.md, "Machine output"), written as JSON text in one pass.

This is where the keys of a result's JSON and their order are defined. The text is what
`json.dumps(record, ensure_ascii=False)` would give for the same record, Decimals as exact numbers
("36000.00"): ", " and ": " as separators, the standard library's own string escaping. It is
written straight from the result, never through a dict: the parts that repeat from profile to
profile are encoded once, an award's id, article and name and its kind and departments as shared
fragments (yc_sme_cli.memo), a text's sentence with the text (a shared reason is one object for
every profile), so a batch line costs a few joins.

Strings are escaped as `jsonfmt.dumps` escapes them: what `json` writes raw with
`ensure_ascii=False` yet a terminal or a stream would act on (DEL, C1, bidi controls, line
separators, surrogates) becomes `\\uXXXX`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from json.encoder import encode_basestring

from yc_sme_cli.memo import shared
from yc_sme_cli.money import json_number
from yc_sme_cli.names import award_name
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.result import AwardLine, Kind, Result, Status
from yc_sme_cli.text import Text
from yc_sme_cli.untrusted import CONTROLS

from . import Advice, RenderOptions

# json escapes C0 controls itself; what it writes raw with ensure_ascii=False and a stream would act
# on (DEL, C1: \x9b is a one-byte CSI; bidi controls, line separators, a file name's undecodable
# bytes as surrogates, which no UTF-8 stream could write) can only be inside strings (JSON's own
# syntax is ASCII), where \uXXXX is the same value. These are the controls untrusted.visible escapes:
# one compiled pattern serves both (a class of such ranges is slow to compile).
UNSAFE = CONTROLS


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe(encoded: str) -> str:
    """JSON text with the characters above escaped (they can only be inside its strings)."""
    return UNSAFE.sub(_escaped, encoded) if UNSAFE.search(encoded) else encoded


def string(text: str) -> str:
    """A JSON string, safe."""
    encoded = encode_basestring(text)
    if encoded.isascii() and "\x7f" not in encoded:  # ids, codes, paths: DEL is ASCII's one unsafe
        return encoded
    return safe(encoded)


_JSON_FORM = {"zh": "zh json", "en": "en json"}


def sentence(text: Text, lang: str) -> str:
    """A text's sentence as a JSON string, kept with the text: a shared reason is encoded once."""
    form = _JSON_FORM.get(lang) or f"{lang} json"
    made = text.kept_forms.get(form)  # Text.kept without its closure: a line has some 15 sentences
    if made is not None:
        return made
    return text.kept(form, lambda: string(text.render(lang)))


def _nullable(text: str | None) -> str:
    return "null" if text is None else string(text)


def _strings(items: Iterable[str]) -> str:
    return "[" + ", ".join([string(item) for item in items]) + "]"


# Written numbers by value: a batch writes the same few amounts (0.00, 100000.00…) again and again.
# Equal Decimals (1E+5, 100000.00) round to the same 0.01 元, so they share an entry safely.
_NUMBERS: dict[Decimal, str] = {}


def number(value: Decimal) -> str:
    """An amount as an exact JSON number (money.json_number)."""
    text = _NUMBERS.get(value)
    if text is None:
        if len(_NUMBERS) >= 4096:
            _NUMBERS.clear()
        text = _NUMBERS[value] = json_number(value)
    return text


def _object(pairs: Iterable[tuple[str, str]]) -> str:
    """An object from (key, JSON value) pairs, in their order."""
    return "{" + ", ".join([f"{string(key)}: {value}" for key, value in pairs]) + "}"


# The keys below are written as they are: ASCII names, which JSON writes unchanged.

_STATUSES = {status: string(status.value) for status in Status}  # enum .value costs a descriptor call
_STATUS_KEYS = tuple(status.value for status in Status)  # Totals.counts's keys, in their order
_COUNTS = ", ".join([f'"{key}": {{}}' for key in _STATUS_KEYS])


def result_json(path: str, result: Result, options: RenderOptions, advice: Advice | None = None) -> str:
    """One profile's result as a JSON object, on one line."""
    lang = options.lang
    policy = options.policy or default_policy()
    size = result.size
    totals = result.totals
    awards = ", ".join([_award(line, lang, options.explain, policy) for line in result.awards])
    warnings = ", ".join(
        [
            f'{{"code": {string(w.code)}, "field": {_nullable(w.field)}, '
            f'"message": {sentence(w.text, lang)}}}'
            for w in result.warnings
        ]
    )
    counts = totals.counts
    if tuple(counts) == _STATUS_KEYS:  # always, from Totals.of: one format instead of a join
        counts_json = _COUNTS.format(*counts.values())
    else:
        counts_json = ", ".join([f'"{status}": {count}' for status, count in counts.items()])
    more = "".join([f', "{key}": {value}' for key, value in _advice(advice, policy, lang)]) if advice else ""
    return (
        f'{{"profile": {string(path)}, "assessment_year": {result.assessment_year}, '
        f'"enterprise": {{"name": {string(result.enterprise_name)}, "form": {string(result.form)}, '
        f'"county": {_nullable(result.county)}, "division": {_nullable(result.division)}, '
        f'"industry": {_nullable(result.industry)}, "size": {_nullable(size.size)}, '
        f'"size_possible": {_strings(size.possible)}, '
        f'"size_missing_fields": {_strings(size.missing_fields)}, '
        f'"size_reasons": [{", ".join([sentence(reason, lang) for reason in size.reasons])}]}}, '
        f'"awards": [{awards}], '
        f'"totals": {{"cash_yuan": {number(totals.cash_yuan)}, '
        f'"reductions_yuan": {number(totals.reductions_yuan)}, '
        f'"third_party_yuan": {number(totals.third_party_yuan)}, "counts": {{{counts_json}}}}}, '
        f'"warnings": [{warnings}], '
        f'"policy": {shared(policy, _policy_part, result.policy_id, result.policy_version, result.options)}'
        f"{more}}}"
    )


def _award(line: AwardLine, lang: str, explain: bool, policy: Policy) -> str:
    # what is the same for every line of an award, as two fragments found in one lookup
    head, kind = shared(
        policy, _award_parts, line.id, line.article, line.name, lang, line.kind, line.lead_departments
    )
    subject, beneficiary, amount = line.subject, line.beneficiary, line.amount_yuan
    reason, computation, missing = line.reason, line.computation, line.missing_fields
    trace = ""
    if explain:
        from yc_sme_cli.trace import trace_dicts

        from .jsonfmt import dumps

        trace = f', "trace": {dumps(trace_dicts(line, lang, policy))}'
    return (
        f'{head}"subject": {"null" if subject is None else string(subject)}, '
        f'"beneficiary": {"null" if beneficiary is None else string(beneficiary)}, '
        f'"status": {_STATUSES[line.status]}, "amount_yuan": {"null" if amount is None else number(amount)}, '
        f'{kind}"reason": {sentence(reason, lang)}, "reason_code": {string(reason.key)}, '
        f'"computation": {"null" if computation is None else sentence(computation, lang)}, '
        f'"missing_fields": {_strings(missing) if missing else "[]"}{trace}}}'
    )


def _award_parts(
    policy: Policy,
    award_id: str,
    article: int,
    name: str,
    lang: str,
    kind: Kind,
    departments: tuple[str, ...],
) -> tuple[str, str]:
    """`{"id": …, "article": …, "name": …, ` of an award's lines, the name in the reader's language,
    and `"kind": …, "lead_departments": […], `: the departments' official names, which scripts
    match on whatever the language."""
    shown = name if lang == "zh" else award_name(policy, award_id, lang)
    return (
        f'{{"id": {string(award_id)}, "article": {article}, "name": {string(shown)}, ',
        f'"kind": {string(kind.value)}, "lead_departments": {_strings(departments)}, ',
    )


def _policy_part(_policy: Policy, policy_id: str, version: str, options: tuple[tuple[str, bool], ...]) -> str:
    switches = _object([(name, "true" if on else "false") for name, on in options])
    return f'{{"id": {string(policy_id)}, "version": {string(version)}, "options": {switches}}}'


def _advice(advice: Advice, policy: Policy, lang: str) -> list[tuple[str, str]]:
    """What `check` adds (never on a batch's path): written by the general encoder."""
    from yc_sme_cli.hints import hint_dicts
    from yc_sme_cli.services import service_dicts

    from .jsonfmt import dumps

    return [
        ("overrides", dumps([{"field": a.field, "value": a.value} for a in advice.overrides])),
        ("hints", dumps(hint_dicts(advice.hints, lang))),
        ("services", dumps(service_dicts(advice.services, policy, lang))),
        ("audit", dumps(advice.audit)),
    ]
