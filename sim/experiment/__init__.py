"""Sweeps: experiment files, designs, seeds, executors, the store, statistics, figures.

One module per concept; import from the module that defines a name (no re-exports).
"""
