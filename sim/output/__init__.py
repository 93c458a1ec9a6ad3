"""What a run records and writes: the time-series columns and their recorder
(``metrics``), the outcome tracker, policy outcomes of a whole run, settled final
windows, run results and results folders, provenance, and Mesa interop (the
DataCollector view, ``batch_run`` parameters).
"""
