"""`yc-sme init --interactive`: the questions, asked only where an answer can change an award.

How a question is asked and each answer checked is asking.py; what is asked, in what order,
questions.py; what the answers are worth (earlier payments worth asking about, the closing line)
outcome.py. The mapping `interview` returns is a profile `profile_from_mapping` accepts.
"""

from __future__ import annotations

from .asking import MAX_EMPTY_ANSWERS, REQUIRED, Again, GaveUp, Interview, Prompter, Required, parse_date
from .outcome import ITSS_AWARDS, summary
from .questions import RECOGNITIONS, OutOfArea, interview

__all__ = [
    "ITSS_AWARDS",
    "MAX_EMPTY_ANSWERS",
    "RECOGNITIONS",
    "REQUIRED",
    "Again",
    "GaveUp",
    "Interview",
    "OutOfArea",
    "Prompter",
    "Required",
    "interview",
    "parse_date",
    "summary",
]
