"""Saved web pages (``.html``, ``.htm``): the report's text, title, date and URL, nothing else.

The article is extracted by trafilatura (offline: it reads the page it is given), which leaves
out the markup, menus, teasers, comments and footers. The date comes only from the page's own
metadata (``article:published_time``, ``datePublished`` in JSON-LD, ``<time>`` of the article),
never guessed from the running text; the URL from ``<link rel="canonical">`` or ``og:url``.
"""

from __future__ import annotations

from analysis.load.records import BadRecord, Record

#: ``Record.date_field`` of a date read from a page's metadata.
PAGE_DATE_FIELD = "page metadata"
#: A page whose extracted text has fewer words is a menu or an index, not a report.
MIN_WORDS = 5


def page_record(html: str) -> Record | BadRecord:
    """The report a saved page holds, as a :class:`~analysis.load.records.Record`.

    >>> page = ('<html><head><title>Busse | Site</title><meta property="og:title" content="Omsk kauft Busse">'
    ...         '<meta property="article:published_time" content="2023-05-04T10:00:00+03:00">'
    ...         '<link rel="canonical" href="https://news.example/omsk-busse"></head><body>'
    ...         '<nav><a href="/">Start</a> | <a href="/politik">Politik</a></nav><article>'
    ...         '<p>MINSK, 4. Mai (BelTA) - Das Gebiet Omsk kauft zwanzig Busse, teilte die Regierung mit.</p>'
    ...         '<p>Die ersten Fahrzeuge sollen im Sommer geliefert werden, hieß es weiter in der Mitteilung.</p>'
    ...         '</article><footer>Alle Rechte vorbehalten</footer></body></html>')
    >>> r = page_record(page)
    >>> r.title, r.date, r.url
    ('Omsk kauft Busse', '2023-05-04', 'https://news.example/omsk-busse')
    >>> "Politik" in r.text or "Rechte" in r.text
    False
    """
    import trafilatura  # imported on the first page: plain-text corpora never pay for it

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        return BadRecord(None, "no_text", "a web page in which no article text was found")
    date = getattr(doc, "date", None) or None
    return Record(
        text,
        title=getattr(doc, "title", None) or None,
        date=date,
        date_field=PAGE_DATE_FIELD if date else None,
        url=getattr(doc, "url", None) or None,
        language=None,  # detected from the text: a page's lang attribute is often the site's
    )
