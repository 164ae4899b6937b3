"""Words from a data file put into generated Markdown: escaped so nothing in them becomes markup
(emphasis, a link, an HTML tag or a heading)."""

import re


def markdown_text(text):
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", str(text).strip())
