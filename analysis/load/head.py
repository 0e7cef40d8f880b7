"""The head of a report: headline, page date line and dateline, taken off the report's body.

Wire reports open with a dateline (``MINSK, 30. August (BelTA) – …``), often after a headline;
saved pages open with a headline and a date line (``12.04.2018 11:20``), in either order, and
sometimes both before a dateline (``Gesellschaft 12.10.2018 | 10:56``). :func:`split_head` reads
the first few paragraphs and returns what they are, so the body keeps only the report's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.load.dateline import Dateline, parse_dateline
from analysis.load.pagedate import PageDate, parse_page_date

#: A headline is at most this long and does not end as a sentence does.
TITLE_MAX_CHARS = 300
#: How many paragraphs may stand before the dateline or the body.
_MAX_HEAD = 4
#: A lede that may stand between headline and dateline is at most this long.
_LEDE_MAX_CHARS = 600


@dataclass(frozen=True)
class Head:
    """What the opening paragraphs hold, and the body that follows them."""

    title: str | None
    dateline: Dateline | None
    page_date: PageDate | None
    body: list[str]


def _headline_like(line: str) -> bool:
    return len(line) <= TITLE_MAX_CHARS and not line.rstrip().endswith((".", ":", ";", "!", "?", "…", '."', ".»", ".“"))


def split_head(paragraphs: list[str]) -> Head:
    """Split a report's paragraphs into headline, page date line, dateline and body.

    A headline is taken only where a dateline or a page date line confirms the layout: a report
    that starts with a short line and no date keeps that line in its body.

    >>> h = split_head(["Omsk kauft Busse", "12.04.2018 11:20", "Das Gebiet Omsk kauft Busse."])
    >>> (h.title, h.page_date.date.isoformat(), h.body)
    ('Omsk kauft Busse', '2018-04-12', ['Das Gebiet Omsk kauft Busse.'])
    >>> h = split_head(["Omsk kauft Busse", "MINSK, 3. Mai (BelTA) - Das Gebiet kauft Busse."])
    >>> (h.title, h.dateline.city, h.body)
    ('Omsk kauft Busse', 'Minsk', ['Das Gebiet kauft Busse.'])
    >>> split_head(["Kurz", "Ein Satz."]).body
    ['Kurz', 'Ein Satz.']
    """
    headlines: list[int] = []
    page: tuple[int, PageDate] | None = None
    dateline: tuple[int, Dateline] | None = None
    for i, line in enumerate(paragraphs[:_MAX_HEAD]):
        if (d := parse_dateline(line)) is not None:
            dateline = (i, d)
            break
        if page is None and (p := parse_page_date(line)) is not None:
            page = (i, p)
            continue
        if len(headlines) < 2 and i + 1 < len(paragraphs) and _headline_like(line):
            headlines.append(i)
            continue
        # a lede between the headline and the dateline stays in the body, before the report
        if headlines == [0] and i == 1 and len(line) <= _LEDE_MAX_CHARS and len(paragraphs) > 2:
            if (d := parse_dateline(paragraphs[2])) is not None:
                headlines.append(i)
                dateline = (2, d)
        break
    if dateline is None and page is None:
        return Head(None, None, None, list(paragraphs))
    title_at = headlines[0] if headlines else None
    if dateline is not None:
        at, d = dateline
        rest = paragraphs[at][d.end :].strip()
        # a second headline-like line before the dateline (a subtitle) stays in the body
        kept = [paragraphs[i] for i in headlines[1:]]
        body = [*kept, *([rest] if rest else []), *paragraphs[at + 1 :]]
    else:
        at = max([page[0], *headlines])
        body = [paragraphs[i] for i in headlines[1:]] + list(paragraphs[at + 1 :])
    return Head(
        paragraphs[title_at] if title_at is not None else None,
        dateline[1] if dateline else None,
        page[1] if page else None,
        [p for p in body if p],
    )
