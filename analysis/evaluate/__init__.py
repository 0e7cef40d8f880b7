"""Evaluation against gold labels: loading (:mod:`.load`), entities and areas (:mod:`.scores`,
:mod:`.areas`), discovery (:mod:`.discovery`); gold folders are read by :mod:`.gold`.
"""
