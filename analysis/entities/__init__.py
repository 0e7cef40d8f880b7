"""Stage 2, entities: regions, enterprises, officials in ``sentences`` → ``mentions``,
``article_entities``.

The shipped gazetteer (:mod:`.gazetteer`), enterprise names found by their form
(:mod:`.orgnames`) and the matcher with the roles of the regions (:mod:`.matcher`).
"""
