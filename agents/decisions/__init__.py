"""Decision rules: how enterprises revise their stance towards the alliance.

Every rule is a small class with one method, ``choose(view, who, rng)``, that returns
the new strategy code (:class:`agents.action.Action`) of each row in ``who``. A rule
sees payoffs, strategies and neighbours through a :class:`DecisionView` and never
where a payoff came from (market, pool, subsidy, fine): that independence is what lets
the same rules run the alliance model and the canonical games of the verification
suite. Rules act on many firms at once (numpy arrays), as DESIGN.md section 5 asks.

Common to all rules:

* **Exploration** (mutation) ``mu``: after the rule has chosen, each firm with
  probability ``mu`` explores by the scenario's convention
  (:class:`sim.scenario.ExplorationMode`): ``redraw`` takes a strategy drawn uniformly
  from those open to it, possibly the current one (each other one with probability
  mu / S for S open strategies); ``switch`` takes one of the *other* open strategies
  (mu / (S - 1) each), the convention of Traulsen, Nowak & Pacheco (2006) and egttools,
  so a paper's mu can be entered as it is.
* **Switching costs**: the imitation and best-response rules weigh them ahead of a
  move (moving from ``s`` to ``s'`` is worth ``payoff(s') - switch_cost[s, s']``);
  the reinforcement learners (Bush-Mosteller, Roth-Erev) look only backwards, so they
  feel a switching cost afterwards, in the payoff of the step in which the model
  charges it (the step after the move).
* **Admission**: a strategy that is not open to a firm (``view.allowed``) is never
  chosen; a rule that would pick it leaves the firm where it is.
"""

from agents.decisions.building import build_rule
from agents.decisions.imitation import FermiImitation, ImitateBest, ProportionalImitation
from agents.decisions.logit import LogitBestResponse
from agents.decisions.reinforcement import BushMosteller, RothErev
from agents.decisions.rule import DecisionRule, IntensityRule, sample_rows, uniform_allowed
from agents.decisions.view import DecisionView, Neighbours

__all__ = [
    "BushMosteller",
    "DecisionRule",
    "DecisionView",
    "FermiImitation",
    "ImitateBest",
    "IntensityRule",
    "LogitBestResponse",
    "Neighbours",
    "ProportionalImitation",
    "RothErev",
    "build_rule",
    "sample_rows",
    "uniform_allowed",
]
