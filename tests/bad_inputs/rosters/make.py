"""Writes the hostile rosters of this folder (run it from the repository root to regenerate them).

    python tests/bad_inputs/rosters/make.py

What each must make `yc-sme validate` say is in expected.toml, next to this file.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))  # tests/, for rosterkit

from rosterkit import workbook  # noqa: E402

ENTERPRISE = [
    "企业编号",
    "企业名称",
    "评估年度",
    "从业人员",
    "营业收入",
    "成立日期",
    "是否正常生产经营",
    "以往已获得的奖励",
]


def main() -> None:
    workbook(
        HERE / "bad-cells.xlsx",
        {
            "企业": [
                ENTERPRISE,
                [1, "好公司", 2021, 10, "100万", datetime(2015, 1, 1), "是", None],
                [2, "人数公司", 2021, "abc", None, None, None, None],
                [3, "金额公司", 2021, None, "12万万", None, None, None],
                [4, "日期公司", 2021, None, None, "2021/2/30", None, None],
                [5, "布尔公司", 2021, None, None, None, "也许", None],
                [6, "公式公司", 2021, "=A1*2", None, None, None, None],
                [7, "错误公司", 2021, "=1/0", None, None, None, None],
                [8, "奖励公司", 2021, None, None, None, None, "art05.upgrade_to_scale、art99.nothing"],
            ]
        },
        patch={"企业": {'<c r="D8"><f>1/0</f><v></v></c>': '<c r="D8" t="e"><f>1/0</f><v>#DIV/0!</v></c>'}},
    )
    workbook(
        HERE / "orphans-and-duplicates.xlsx",
        {
            "企业": [
                ["企业编号", "企业名称", "评估年度"],
                ["A", "甲", 2021],
                ["B", "乙", 2021],
                ["B", "丙", 2021],
            ],
            "就业见习人员": [["企业编号", "见习人员姓名"], ["A", "张三"], ["Z", "李四"], [None, "王五"]],
        },
    )
    workbook(
        HERE / "unknown-sheet-and-header.xlsx",
        {
            "企业": [["企业名称", "评估年度", "从业人数"], ["甲", 2021, 5]],
            "见习人员": [["企业编号", "见习人员姓名"], [1, "张三"]],
        },
        merged={"企业": []},
    )
    (HERE / "not-a-workbook.xlsx").write_text("企业名称,评估年度\n甲,2021\n", encoding="utf-8")
    whole = (HERE / "bad-cells.xlsx").read_bytes()
    (HERE / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    (HERE / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (HERE / "gb18030-bad-cell.csv").write_bytes(
        "企业名称,评估年度,从业人员\n甲公司,2021,八十\n".encode("gb18030")
    )
    (HERE / "neither-encoding.csv").write_bytes(b"name,year\n\x80\xff,2021\n")
    (HERE / "utf16.csv").write_bytes("企业名称,评估年度\n".encode("utf-16"))
    (HERE / "nul.csv").write_bytes(b"name,year\n\x00,2021\n")


if __name__ == "__main__":
    main()
