"""Free text → danger first, then the steps that fit. Entirely local and in memory.

- `text`: normalised words, stop words and stems, shared by the others;
- `index`: an inverted index over each step's words, and its ranking;
- `danger`: the danger check, a safety component with its words in content/danger.yaml;
- `roles`: who is writing (subjected, using violence, worried, at work, under 18);
- `answer`: the three together: what the guide makes of a text.

The text a person writes is only ever held in local variables: never logged,
stored, cached or put in an exception message.
"""

from .answer import GOOD_ENOUGH, MAX_LENGTH, Answer, answer
from .danger import DangerCheck, Verdict
from .index import Index, Match
from .roles import Role, role_of
from .text import normalise, terms

__all__ = [
    "GOOD_ENOUGH",
    "MAX_LENGTH",
    "Answer",
    "DangerCheck",
    "Index",
    "Match",
    "Role",
    "Verdict",
    "answer",
    "normalise",
    "role_of",
    "terms",
]
