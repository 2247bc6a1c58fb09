"""Jinja2 templates shared by the HTML quote sheet and the pages of ``quotes serve`` (``quotes/templates``).

Autoescaping is on for every template: article text, titles and names are untrusted and always shown as text.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape


def day(value) -> str:
    """A date as a reader wants it: 2025-02-12 (times left out), nothing for a missing one."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10] if value else ""


def web_url(value) -> str | None:
    """A link only for http(s) addresses: an article's URL is untrusted ("javascript:…" must not become a link)."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in ("http", "https") else None


@functools.cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("quotes", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = day
    env.filters["web_url"] = web_url
    return env


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
