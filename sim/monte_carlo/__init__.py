"""The exact random-sequential reference processes (``decisions.enterprise.updating:
monte_carlo``): elementary Fermi updates with payoffs recomputed locally on a network
(``elementary``) and the pairwise-comparison process with random teams in a
well-mixed population (``well_mixed_process``).
"""
