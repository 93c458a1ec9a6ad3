"""A firm's view of its incentives: the best response's expected payoffs
(``best_response``), the expected cost of sanctions (``sanction_cost``), the payoff
bounds that scale choice noise (``payoff_bounds``) and the incentive audit behind
``alliance diagnose`` (``diagnosis``).
"""
