"""Where a line of text may break, as Chinese is set: the rules as data, and the one function using them.

Every table cell, list item and note people read is broken here (render/fit.py, render/table.py,
explain), never by Rich, which breaks at spaces only and otherwise cuts a cell where its width
falls (新绛县绛州新材 / 料科技有限公司, 市发展改革 / 委, a line starting with `：`).

The rules, each in one place below:

- no line starts with a closing mark (`CLOSING`: ，。：；、）」” % …) and none ends with an opening
  one (`OPENING`: （「“ …);
- an amount or a count with its unit is one token, never broken inside (`UNITS`, `atoms`:
  `1000万元`, `5.7万元`, `10 万元`, `1,020元`, `57,000 yuan`, `6 个月`, `3%`), nor is an escape of a
  hidden character (`\\u2066`, `\\x1b`): only a token longer than its line is cut;
- a run of Latin letters, digits and signs (an id, a field path, a file name) is one word; when it
  is longer than a line it is folded after a separator (`FOLD_AFTER`: `/`, `-`, `_`, `.`), never
  with a `-` or `.` starting a line;
- the policy's terms and the legal forms of enterprises are kept whole (`TERMS`: 中小微企业,
  有限公司 …), and a short bracket (`BRACKETS_WHOLE`: （技术输出方）); a title or a name breaks
  between words (`WORDS`: 鼓励和支持 / 创办中小微企业);
- an enterprise's name breaks best after its place (`PLACE`: 新绛县 / 绛州新材料科技有限公司) or
  before its legal form (`LEGAL_FORMS`: 山西河东电气 / 股份有限公司);
- a break after a Chinese comma, colon or stop, or at a space, is free; one between two Chinese
  characters costs a little; no last line is one Chinese character alone.

Among the breaks allowed, the lines chosen are the cheapest in all (the breaks' costs and how far
each line falls short of the width, squared, as Knuth and Plass set paragraphs). `even` counts
the last line too, so that a name in a narrow column is cut into even pieces (7 + 6 characters, not
12 + 1); otherwise the last line may be short, as in a paragraph.
"""

from __future__ import annotations

import re
from functools import cache

from yc_sme_cli.untrusted import visible

# Never at the start of a line.
CLOSING = frozenset("，。、；：！？）」』】〕〉》”’…%‰,.;:!?)]}｜")
# Never at the end of a line.
OPENING = frozenset("（「『【〔〈《“‘([{")
# Never at the start of a line either: a separator ("大型 / 中型", "需求÷额度") ends the line it is on.
SEPARATORS = frozenset("/|·÷×")
# A break right after one of these costs nothing: the end of a clause.
CLAUSE_ENDS = frozenset("，。、；：！？）」』】〕〉》”’｜,;")
# The units a number is never parted from.
UNITS = tuple(
    "万元 亿元 元 万 亿 个月 月 年度 年 人 项 次 家 倍 天 日 名 % yuan months "
    "month people person years year days lines times".split()
)
# In a document (the reports), the space before a separator that never starts a line: it is made
# a no-break space there, and the separator stays at the end of the line before (1,020元 × / 6 个月).
SPACE_BEFORE_SEPARATOR = re.compile(r" (?=[×÷])")
# The units of a range in the policy's words (16-24 岁), kept with it in the reports (`atoms`).
RANGE_UNITS = ("岁",)
# Terms never broken inside unless one is longer than a line: the policy's terms, legal forms.
TERMS = tuple(
    "股份有限公司 有限责任公司 有限公司 中小微企业 中小企业 小微企业 科技型 高新技术企业 "
    "高科技领军企业 科技成果 技术中心 技术改造 信息技术 高素质人才 就业见习 涉企费用 专项资金 上市挂牌 "
    "小升规 专精特新 技术经理人 运维成熟度 领导小组 办公室 发展改革委 市场监管局 进一步 做大做强".split()
)
# A government body is a term too: 市人社局, 市市场监管局, 市发展改革委, 市小企业发展促进中心.
ORGANS = r"[省市县区][\u4e00-\u9fff]{1,8}?(?:[局委办厅]|中心)"
# Words of the policy's titles and names, better not broken inside: a title or a name breaks
# between them (鼓励和支持 / 创办中小微企业), a paragraph may break anywhere, at a small cost.
WORDS = tuple(
    "鼓励 支持 创办 培育 发展 引进 扶持 建设 申报 加强 减免 吸纳 优化 缓解 提供 设立 强化 转化 企业 "
    "产业 技术 工作 领导 人才 就业 补贴 服务 费用 融资 项目 认定 奖励 通过 首次 市级 省级 规定 确定 "
    "机械 制造 科技 材料 电气 生活 超市 粮油 果业 加工 铸造 信息 额度 需求 金额 比例 系数 "
    "软件 服务业 年主营业务收入 营业收入 达到 生产线 智能化 改造 领导小组 促进 "
    "装配线 粉末 冶金 工艺 栽培 保鲜".split()
)
# An enterprise's legal form or an institution's kind: a name breaks best before it.
LEGAL_FORMS = tuple("股份有限公司 有限责任公司 有限公司 研究院 研究所 加工坊 加工厂 合作社 集团".split())
# The places a name starts with (山西省, 运城市, 盐湖区, 新绛县): a name breaks best after each,
# a place being two to four characters and one of these.
PLACE_ENDS = "省市县区旗"
# Where a run of Latin letters and digits longer than a line is folded: after one of these.
FOLD_AFTER = frozenset("/-_.,")

# A bracketed phrase of at most this many characters is kept whole, like a term.
BRACKETS_WHOLE = 12

# What each kind of break costs. The shortfall of a line costs 100 × (shortfall / width)²: in a
# paragraph a line is filled rather than ended at a comma a third of the width before its end.
FREE = 0.0
# Between two Chinese characters, and more inside a word, in a paragraph; in a label (a name, a
# title, an item) a line rather falls short than breaks a word. A paragraph's lines are filled
# one after the other; a label's are chosen all at once (`_balanced`).
BETWEEN_CHINESE = 10.0
INSIDE_WORD = 10.0
LABEL_BETWEEN_CHINESE = 60.0
LABEL_INSIDE_WORD = 30.0
NAME_BETWEEN_CHINESE = 100.0  # a name is rather on one more line than cut in its trade name
INSIDE_TERM = 400.0
FOLD = 300.0  # inside a run of Latin letters and digits, after a separator
FOLD_ANYWHERE = 6000.0  # more than parting a number from its unit, less than splitting it
FORBIDDEN = 5000.0  # a closing mark starting a line, a number parted from its unit
HYPHEN_FIRST = 7000.0  # inside a word: "-", "." or ")" starting a line, worse than folding it
INSIDE_NUMBER = 8000.0  # inside an amount with its unit, a count, an escape: a token (`atoms`)
PER_LINE = 10.0
FILL_SHORTFALL = 100.0  # a paragraph's line, filled: what its shortfall costs, the whole width
ALONE = 300.0  # one Chinese character alone on the last line

_LATIN = re.compile(r"[\x21-\x7e\u00b7]")
_SHORT_BRACKETS = re.compile(rf"[（(「“][^（）()「」“”]{{1,{BRACKETS_WHOLE}}}[）)」”]")
_FOLLOWING = re.compile(r"\s+(\S)")
# An escape of a hidden character, as untrusted.visible shows it (\u2066, \x1b, \t).
ESCAPE = r"\\(?:u[0-9a-f]{4}|x[0-9a-f]{2}|[tnr])"


@cache
def _cell(char: str) -> int:
    from rich.cells import get_character_cell_size

    return int(get_character_cell_size(char))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The terms and words kept whole, a number before its unit, one place at the start of a name."""
    words = re.compile("|".join([ORGANS, *map(re.escape, sorted(TERMS + WORDS, key=len, reverse=True))]))
    place = re.compile(rf"[\u4e00-\u9fff]{{2,4}}?[{PLACE_ENDS}]")
    return words, atoms(), place


@cache
def atoms(*, ranges: bool = False) -> re.Pattern[str]:
    """The tokens no line breaks inside: a number (1,234,567.89) with its unit if it has one
    (万元, 万, 元, yuan, %, 个月, people…, a space between them or not) and the sign of a bound
    before it if it has one (≥ 300万元: a line never ends with ≥), and an escape of a hidden
    character. The HTML and Word reports keep the same tokens whole (report_html, report_docx),
    and with `ranges` a range and a date too (3-12 个月, 16-24 岁, 2021-05-18): a document's lines
    are set by the browser or Word, which would break after the hyphen."""
    units = "|".join(map(re.escape, sorted(UNITS + (RANGE_UNITS if ranges else ()), key=len, reverse=True)))
    number = "[0-9](?:[0-9,.]*[0-9])?"
    more = rf"(?:[-–]{number})*" if ranges else ""
    return re.compile(rf"(?:[≥≤<>]\s?)?{number}{more}(?:\s?(?:{units})(?![A-Za-z]))?|{ESCAPE}")


def widest_segment(text: str) -> int:
    """The cells of the widest piece of `text` between the breaks that cost nothing (after a
    comma, a colon, a closing bracket, at a space, each of its own lines): a column this wide sets
    a label without cutting a word (工业企业技术改造项目： / 消失模铸造生产线智能化改造)."""
    widest = 0
    for paragraph in visible(text, newlines=True).split("\n"):
        costs = _costs(paragraph, label=True, name=False)
        start = 0
        for i in range(1, len(paragraph) + 1):
            if i == len(paragraph) or costs[i] == FREE:
                widest = max(widest, sum(_cell(c) for c in paragraph[start:i].strip()))
                start = i
    return widest


def _alone(line: str) -> bool:
    """One Chinese character alone on a line, with its closing marks if any ("委", "军）")."""
    core = line.rstrip("".join(CLOSING))
    return len(core) == 1 and not core.isascii()


def _costs(text: str, *, label: bool, name: bool) -> list[float]:
    """costs[i]: what a break before text[i] costs; at a space, the line ends before it."""
    words, number, place = _patterns()
    n = len(text)
    costs = [FORBIDDEN] * (n + 1)
    for i in range(1, n):
        before, after = text[i - 1], text[i]
        if before.isspace() or after.isspace():
            # a break at a run of spaces is the break before its first space
            costs[i] = FREE if after.isspace() and not before.isspace() else FORBIDDEN
            if costs[i] == FREE:
                following = _FOLLOWING.match(text, i)
                if following is not None and (following[1] in CLOSING or following[1] in SEPARATORS):
                    costs[i] = FORBIDDEN
        elif _LATIN.match(before) and _LATIN.match(after):  # inside a word, a path, an id
            if after in CLOSING or before in OPENING or after in SEPARATORS or after == "-":
                costs[i] = HYPHEN_FIRST  # a line never starts with "-", ".", ")" or "/"
            else:
                costs[i] = FOLD if before in FOLD_AFTER else FOLD_ANYWHERE
        elif after in CLOSING or before in OPENING or after in SEPARATORS:
            costs[i] = FORBIDDEN
        elif before in CLAUSE_ENDS or after in OPENING:
            costs[i] = FREE
        else:
            costs[i] = NAME_BETWEEN_CHINESE if name else LABEL_BETWEEN_CHINESE if label else BETWEEN_CHINESE
    for match in number.finditer(text):  # 1,234,567.89, 1000万元, 10 万元, 6 个月, \u2066: one token
        for i in range(match.start() + 1, match.end()):
            costs[i] = INSIDE_NUMBER
    for match in _SHORT_BRACKETS.finditer(text):  # （技术输出方）, （奖励技术经理人刘建军）
        for i in range(match.start() + 1, match.end()):
            costs[i] = max(costs[i], INSIDE_TERM)
    terms = frozenset(TERMS)
    organ = re.compile(ORGANS)
    for match in words.finditer(text):
        word = LABEL_INSIDE_WORD if label else INSIDE_WORD
        for i in range(match.start() + 1, match.end()):
            if costs[i] < FORBIDDEN:
                term = match.group() in terms or organ.fullmatch(match.group())
                costs[i] = max(costs[i], INSIDE_TERM) if term else costs[i] + word
    if name:
        for form in LEGAL_FORMS:
            at = text.find(form)
            if at > 0:
                costs[at] = min(costs[at], FREE)
        at = 0
        while (found := place.match(text, at)) is not None and found.end() < n:
            at = found.end()
            costs[at] = min(costs[at], FREE)
    return costs


def wrap(
    text: str, width: int, *, even: bool = False, name: bool = False, label: bool | None = None
) -> list[str]:
    """The text broken into lines of at most `width` cells (each of its own lines apart), as the
    module docstring says: `even` for lines of even length; `label` (what `even` is, unless said)
    for a title or an item, whose words are kept whole more than a paragraph's; `name` for an
    enterprise's name. The lines are the text as drawn: a hidden character is shown as its escape
    (untrusted.visible: `\\u2066`), measured and kept whole as one."""
    out: list[str] = []
    for paragraph in visible(text, newlines=True).split("\n"):
        out.extend(
            _paragraph(
                paragraph.rstrip(),
                max(width, 1),
                even=even,
                name=name,
                label=even if label is None else label,
            )
        )
    return out or [""]


def _paragraph(text: str, width: int, *, even: bool, name: bool, label: bool) -> list[str]:
    cells = [_cell(c) for c in text]
    indent = len(text) - len(text.lstrip())
    if indent and indent + max(cells[indent:], default=0) > width:  # no room for the indent
        text, cells = text[indent:], cells[indent:]
    if sum(cells) <= width:
        return [text]
    n = len(text)
    costs = _costs(text, label=label, name=name)
    prefix = [0]
    for c in cells:
        prefix.append(prefix[-1] + c)
    # a line starts at 0 or at any character after a break; `cut[start]` is what breaking there
    # costs and `ends[start]` where the line before it ends (before the spaces at the break)
    starts = [i for i in range(n) if not text[i].isspace()]
    ends, cut = {}, {}
    for i in starts:
        end = i
        while end > 0 and text[end - 1].isspace():
            end -= 1
        ends[i], cut[i] = end, costs[end]
    ends[n], cut[n] = len(text), 0.0
    # the first line is measured from 0: the spaces it starts with are on it (nothing else reads
    # prefix at a point before the first start)
    prefix[starts[0]] = 0

    if even or label:
        lines = _balanced(text, width, prefix, starts, ends, cut, last_counts=even)
    else:
        lines = _fill(text, width, prefix, starts, ends, cut)
    if starts[0] and lines:
        lines[0] = text[: starts[0]] + lines[0]  # leading spaces stay on the first line
    return lines


def _fill(
    text: str, width: int, prefix: list[int], starts: list[int], ends: dict[int, int], cut: dict[int, float]
) -> list[str]:
    """A paragraph's lines filled one after the other, as Chinese is set: each line ends at the
    break that costs least, its shortfall counted (`FILL_SHORTFALL` × shortfall / width), so that
    a line ends at a comma rather than between two characters when that leaves a few cells, never
    a third of the line."""
    n = len(text)
    lines: list[str] = []
    k = 0
    while prefix[n] - prefix[starts[k]] > width:
        start = starts[k]
        chosen: tuple[float, int] | None = None
        for m in range(k + 1, len(starts)):
            nxt = starts[m]
            used = prefix[ends[nxt]] - prefix[start]
            if used > width and m > k + 1:
                break
            cost = cut[nxt] + FILL_SHORTFALL * max(width - used, 0) / width
            if prefix[n] - prefix[nxt] <= width and _alone(text[nxt:]):
                cost += ALONE
            if chosen is None or cost <= chosen[0]:  # the later of two equal breaks: a fuller line
                chosen = (cost, m)
        assert chosen is not None
        k = chosen[1]
        lines.append(text[start : ends[starts[k]]])
    lines.append(text[starts[k] :])
    return lines


def _balanced(
    text: str,
    width: int,
    prefix: list[int],
    starts: list[int],
    ends: dict[int, int],
    cut: dict[int, float],
    *,
    last_counts: bool,
) -> list[str]:
    """A label's lines (a name, a title, an item): the cheapest setting in all, each line's
    shortfall counted 100 × (shortfall / width)² (Knuth and Plass), the last line's too when
    `last_counts` (lines as even as the breaks allow)."""
    n = len(text)
    # best[k]: the cheapest setting of text[starts[k]:], and the start of its second line
    best: list[tuple[float, int]] = [(0.0, n)] * len(starts)
    total, scale = prefix[n], 100.0 / (width * width)
    for k in range(len(starts) - 1, -1, -1):
        start = starts[k]
        used = total - prefix[start]
        chosen = (float("inf"), n)
        if used <= width:  # the rest on one line
            cost = PER_LINE + (scale * (width - used) ** 2 if last_counts else 0.0)
            if _alone(text[start:]) and start > starts[0]:
                cost += ALONE
            elif not last_counts:  # nothing cheaper than a last line that fits
                best[k] = (cost, n)
                continue
            chosen = (cost, n)
        base = prefix[start]
        for m in range(k + 1, len(starts)):
            nxt = starts[m]
            used = prefix[ends[nxt]] - base
            if used > width and m > k + 1:
                break
            short = width - used if used < width else 0
            cost = PER_LINE + cut[nxt] + scale * short * short + best[m][0]
            if cost < chosen[0] or cost == chosen[0] and nxt < chosen[1]:
                chosen = (cost, nxt)
        best[k] = chosen
    index = {start: k for k, start in enumerate(starts)}
    lines: list[str] = []
    at = starts[0]
    while at < n:
        nxt = best[index[at]][1]
        lines.append(text[at : ends[nxt]])
        at = nxt
    return lines
