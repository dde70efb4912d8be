"""Markdown bodies: rendered once at load time, with raw HTML switched off.

Editors write plain CommonMark. Raw HTML is refused by the validator (it could
smuggle in scripts, styles or third-party requests) and never rendered.
Links to other sites open as plain links without a referrer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt

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

    def html(self) -> str:
        """The body as HTML. Only for a body without raw HTML: the loader refuses any other."""
        return _render.renderer.render(self._blocks, _render.options, {})

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
