"""The engine: partitions the inputs, schedules the stages over them (local processes or Dask) and
writes the tables (:mod:`.core`, :mod:`.outdir`).
"""
