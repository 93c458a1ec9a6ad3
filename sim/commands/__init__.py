"""The ``alliance`` command: the entry point and parser (``main``), one module per
command family (``run``: run and modes; ``validate``; ``sweep``: sweep, status,
summarise, merge, export; ``diagnose``) and the handling of signals (``signals``).
Only this package prints or parses argv.
"""
