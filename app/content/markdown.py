"""Markdown bodies: rendered once at load time, with raw HTML switched off.

Editors write plain CommonMark. Raw HTML is refused by the validator (it could
smuggle in scripts, styles or third-party requests) and never rendered.
Links to other sites open as plain links without a referrer.

One addition: words in another language of the guide are marked so a screen reader
pronounces them in it, written `[Kvinnofridslinjen]{lang=sv}` (Pandoc's span syntax,
with `lang` the only attribute). It renders `<span lang="sv">Kvinnofridslinjen</span>`,
with `dir` added when that language is written the other way than the page's, so a
Swedish name inside Arabic text keeps its order. On a right-to-left page a number
written in groups (020-50 50 50) is kept left to right the same way. Names of Swedish authorities and laws
stay in Swedish in a translation, marked this way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from markupsafe import Markup, escape

from ..languages import LANGUAGE

# One parser finds everything, raw HTML included, so the validator can refuse it;
# the other's renderer turns the same tokens into HTML with our link rule.
_render = MarkdownIt("commonmark", {"html": False})
_inspect = MarkdownIt("commonmark", {"html": True})


def _link_open(renderer, tokens, idx, options, env):
    token = tokens[idx]
    href = token.attrGet("href") or ""
    if href.startswith(("http://", "https://")):
        token.attrSet("rel", "noreferrer")
        token.attrSet("class", "external")
    return renderer.renderToken(tokens, idx, options, env)


_render.add_render_rule("link_open", _link_open)

# `{lang=sv}` right after a bracketed text: a language tag (BCP 47 shape), nothing else.
_LANG_ATTRIBUTE = re.compile(r"\{lang=([a-z]{2,3}(?:-[a-z0-9]{1,8})*)\}")
SPAN_OPEN = "lang_span_open"


def _lang_span(state: StateInline, silent: bool) -> bool:
    """`[words]{lang=xx}`: the words, parsed as inline Markdown, in a span of that language."""
    if state.src[state.pos] != "[":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, state.pos, False)
    if label_end < 0:
        return False
    attribute = _LANG_ATTRIBUTE.match(state.src, label_end + 1, state.posMax)
    if attribute is None:
        return False
    if not silent:
        start, end = state.pos, state.posMax
        state.pos, state.posMax = start + 1, label_end
        token = state.push(SPAN_OPEN, "span", 1)
        token.attrSet("lang", attribute.group(1))
        state.md.inline.tokenize(state)
        state.push("lang_span_close", "span", -1)
        state.posMax = end
    state.pos = attribute.end()
    return True


def _other_direction(tag: str | None, direction: str) -> str | None:
    """The direction of the language `tag` when it runs the other way than the page's, else None."""
    known = next((language for language in LANGUAGE.values() if language.html_lang == tag), None)
    return known.direction if known is not None and known.direction != direction else None


def _span_open(renderer, tokens, idx, options, env):
    token = tokens[idx]
    other = _other_direction(token.attrGet("lang"), env.get("direction", "ltr"))
    if other is not None:
        token.attrSet("dir", other)
    return renderer.renderToken(tokens, idx, options, env)


# A number in groups ("020-50 50 50"): right to left, its groups would be laid out in reverse.
_GROUPED_NUMBER = re.compile(r"\d+(?:[ -]\d+)+")


def _text(renderer, tokens, idx, options, env):
    """Text, escaped; on a right-to-left page each grouped number is kept left to right."""
    text = escapeHtml(tokens[idx].content)
    if env.get("direction") == "rtl":
        text = _GROUPED_NUMBER.sub(lambda number: f'<span dir="ltr">{number.group(0)}</span>', text)
    return text


for _parser in (_render, _inspect):
    _parser.inline.ruler.before("link", "lang_span", _lang_span)
_render.add_render_rule(SPAN_OPEN, _span_open)
_render.add_render_rule("text", _text)


# The same marker in a one-line text (a title, an answer, a service's name or note), where
# nothing else is Markdown: a title with an asterisk or an underscore must read as written.
_MARKED = re.compile(r"\[([^\[\]]+)\]" + _LANG_ATTRIBUTE.pattern)


def plain(text: str) -> str:
    """A one-line text with each `[words]{lang=xx}` reduced to its words: for `<title>`, search and hashes."""
    return _MARKED.sub(r"\1", text)


def marked(text: str, direction: str = "ltr") -> Markup:
    """A one-line text as HTML for a page written in `direction`: each `[words]{lang=xx}` a span of its language."""
    parts, at = [], 0
    for found in _MARKED.finditer(text):
        parts += [escape(text[at : found.start()]), in_language(found.group(1), found.group(2), direction)]
        at = found.end()
    parts.append(escape(text[at:]))
    return Markup("").join(parts)


def in_language(text: str, tag: str, direction: str) -> Markup:
    """`text` in a span of the language `tag`, turned when that language runs the other way than the page."""
    other = _other_direction(tag, direction)
    turned = Markup(' dir="{}"').format(other) if other else ""
    return Markup('<span lang="{}"{}>{}</span>').format(tag, turned, text)


def marked_languages(text: str) -> list[str]:
    """The language of every `[words]{lang=xx}` in a one-line text."""
    return [found.group(2) for found in _MARKED.finditer(text)]


@dataclass(frozen=True)
class Found:
    """Something in a body worth checking, with its line in the body (0-based)."""

    line: int
    value: str


class Body:
    """A Markdown body parsed once, so every check and the HTML come from the same tokens."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._blocks = _inspect.parse(text)

    def html(self, direction: str = "ltr") -> str:
        """The body as HTML for a page written in `direction` ('ltr' or 'rtl').

        Only for a body without raw HTML: the loader refuses any other.
        """
        return _render.renderer.render(self._blocks, _render.options, {"direction": direction})

    def _tokens(self):
        """Block and inline tokens, each with the line of the block it stands in."""
        for block in self._blocks:
            line = block.map[0] if block.map else 0
            yield block, line
            for child in block.children or ():
                yield child, line

    def raw_html(self) -> Iterator[Found]:
        """Every piece of raw HTML in the body."""
        for token, line in self._tokens():
            if token.type in ("html_block", "html_inline"):
                yield Found(line, token.content.strip())

    def images(self) -> Iterator[Found]:
        """Every picture's address in the body."""
        for token, line in self._tokens():
            if token.type == "image":
                yield Found(line, token.attrGet("src") or "")

    def links(self) -> Iterator[Found]:
        """Every link target in the body."""
        for token, line in self._tokens():
            if token.type == "link_open":
                yield Found(line, token.attrGet("href") or "")

    def languages(self) -> Iterator[Found]:
        """The language of every `[words]{lang=xx}` in the body."""
        for token, line in self._tokens():
            if token.type == SPAN_OPEN:
                yield Found(line, token.attrGet("lang") or "")

    def text_lines(self) -> Iterator[Found]:
        """The readable text of the body, a piece at a time."""
        for token, line in self._tokens():
            if token.type == "text":
                yield Found(line, token.content)

    def text_blocks(self) -> Iterator[str]:
        """The readable text of each block (paragraph, heading, list item), links as their words."""
        for block in self._blocks:
            if block.type == "inline":
                parts = [
                    " " if child.type in ("softbreak", "hardbreak") else child.content
                    for child in block.children or ()
                    if child.type in ("text", "code_inline", "softbreak", "hardbreak")
                ]
                yield "".join(parts)
