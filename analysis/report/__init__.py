"""The faces: aggregates of the tables (:mod:`.aggregate`), charts (:mod:`.plotting`), the
registry of figures (:mod:`.figures`), the notebooks (:mod:`.notebooks`) and the HTML report
(:mod:`.html`).
"""
