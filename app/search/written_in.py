"""Which other language of the guide a text is written in, so its reply can offer that language's guide.

Someone who writes Arabic on the Swedish page reads Arabic: the reply should say, in
Arabic, that the guide is there in Arabic, and danger should be read with the Arabic
words. The signs are data in each language's record (`Language.signs`): its script, the
letters of a neighbouring language its writers never type, and a few words only it has.
A text in the page's own language (or as like it as any other), or in no language with
signs, gives None.
"""

from __future__ import annotations

from .. import languages
from .text import unfolded

# A text counts as written in a script when at least this share of its letters are of it.
SCRIPT_SHARE = 0.5
# A language without a script of its own (Latin letters) needs this many of its words in the text.
WORDS_WITHOUT_SCRIPT = 2


def written_in(text: str, page: str) -> str | None:
    """The code of the guide language `text` is written in, when it is another than the page's; else None."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    words = set(unfolded(text).split())
    own = languages.LANGUAGE[page].html_lang
    found: list[tuple[int, bool, int, str]] = []
    for order, language in enumerate(languages.ALL):
        signs = language.signs
        if signs is None:
            continue
        hits = len(words & signs.words)
        if signs.letters:
            share = sum(ch in signs.letters for ch in letters) / len(letters)
            if share < SCRIPT_SHARE or any(ch in signs.unlike for ch in text):
                continue
        elif hits < WORDS_WITHOUT_SCRIPT:
            continue
        # Most of its words first; on a tie the page's own language, then the first in the guide's order.
        found.append((-hits, language.html_lang != own, order, language.code))
    best = min(found, default=None)
    return None if best is None or languages.LANGUAGE[best[3]].html_lang == own else best[3]
