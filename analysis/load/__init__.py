"""Stage 1, load: files → ``articles``, ``sentences``, ``rejects``.

Sources and records (:mod:`.sources`, :mod:`.records`, :mod:`.webpage`), decoding and text
cleaning (:mod:`.decode`, :mod:`.clean`), the head of a report (:mod:`.head`, :mod:`.dateline`,
:mod:`.pagedate`, :mod:`.dates`), sentences (:mod:`.segment`), languages (:mod:`.language`),
republished copies (:mod:`.dedup`) and the tables (:mod:`.articles`).
"""
