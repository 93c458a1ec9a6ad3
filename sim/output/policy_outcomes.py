"""The policy outcomes of a whole run, written to ``summary.json`` under ``outcomes``:
how long the alliance lasted, whether and when it collapsed, what it cost the public
purse, how much of its flows the organisers kept, how dense and clustered the
collaboration became, how many members stayed once outside support ended (the
paper's question of whether an alliance built with public help can stand on its own),
how much of the appropriation went unspent and what the alliance added to welfare
(:mod:`sim.output.welfare`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.output.outcome_tracker import collaboration_clustering, collaboration_density
from sim.scenario import Outcomes

if TYPE_CHECKING:
    from sim.model import AllianceModel


def collapse_step(frame: pd.DataFrame, spec: Outcomes) -> int | None:
    """collapse_step [step]: the alliance *functions* in a step when it is active and its
    member share is at least ``collapse_member_share``. It *collapses* at the first step
    that opens a run of at least ``collapse_patience`` consecutive non-functioning steps
    after it has functioned at least once. ``None`` if that never happens within the
    run (a run of non-functioning steps cut short by the end of the run is not a
    collapse: it is censored)."""
    working = (
        frame["alliance_active"].astype(bool)
        & (frame["member_share"] >= spec.collapse_member_share)
    ).to_numpy()
    steps = frame["step"].to_numpy()
    seen, start, length = False, None, 0
    for i, ok in enumerate(working):
        if ok:
            seen, start, length = True, None, 0
            continue
        if not seen:
            continue
        start = i if start is None else start
        length += 1
        if length >= spec.collapse_patience:
            return int(steps[start])
    return None


def support_end_step(frame: pd.DataFrame) -> int | None:
    """The step outside support ended: the first step from which no subsidy is paid for
    the rest of the run, after some subsidy was paid (``None`` if support never started
    or never ended)."""
    paid = (frame["subsidies"] > 0).to_numpy()
    if not paid.any() or paid[-1]:
        return None
    last = int(np.flatnonzero(paid)[-1])
    return int(frame["step"].iloc[last + 1])


def retention_after_support(frame: pd.DataFrame, spec: Outcomes) -> float | None:
    """retention_after_support [ratio]: member share ``retention_lag`` steps after outside
    support (subsidies) ended, divided by the member share in the last supported step.
    ``None`` when support never ended, the lag runs past the end of the run, or nobody
    was a member when support ended."""
    end = support_end_step(frame)
    if end is None:
        return None
    by_step = frame.set_index("step")["member_share"]
    later = end + spec.retention_lag
    if later not in by_step.index or by_step[end - 1] <= 0:
        return None
    return float(by_step[later] / by_step[end - 1])


def unspent_appropriation_share(model: AllianceModel, frame: pd.DataFrame) -> float | None:
    """unspent_appropriation_share [fraction]: the run's appropriation that was not spent
    (net of the administration's receipts) over the run's appropriation; ``None`` with
    no appropriation."""
    admin = model.administration
    steps = int((frame["step"] > 0).sum())
    appropriated = admin.spec.budget_per_step * steps if admin else 0.0
    if appropriated <= 0:
        return None
    return float(frame["unspent_appropriation"].iloc[1:].sum() / appropriated)


def cumulative_value_added(frame: pd.DataFrame) -> float | None:
    """cumulative_value_added [MU]: the alliance's value added summed over the run;
    ``None`` when the run was not paired with its counterfactual."""
    if "value_added" not in frame or frame["value_added"].isna().all():
        return None
    return float(frame["value_added"].iloc[1:].sum())


SUMMARY_OUTCOMES: dict[str, str] = {
    "alliance_age": "steps: consecutive active steps at the end of the run",
    "collapse_step": "step or null: see collapse_step()",
    "cumulative_public_cost": "MU: all administration spending over the run",
    "organiser_benefit_share": "fraction: organisers' benefits / alliance flows, whole run",
    "collaboration_density": "fraction: at the end of the run",
    "collaboration_clustering": "[0,1]: at the end of the run (computed then)",
    "support_end_step": "step or null: see support_end_step()",
    "retention_after_support": "ratio or null: see retention_after_support()",
    "unspent_appropriation_share": "fraction or null: see unspent_appropriation_share()",
    "cumulative_value_added": "MU or null: see cumulative_value_added()",
}


def summary_outcomes(model: AllianceModel, frame: pd.DataFrame) -> dict[str, float | None]:
    """The policy outcomes of a whole run (keys and units in ``SUMMARY_OUTCOMES``)."""
    spec = model.config.outcomes
    return {
        "alliance_age": int(model.alliance.age),
        "collapse_step": collapse_step(frame, spec),
        "cumulative_public_cost": float(model.tracker.cumulative_public_cost),
        "organiser_benefit_share": model.tracker.run_benefit_share(),
        "collaboration_density": collaboration_density(model),
        "collaboration_clustering": collaboration_clustering(model, spec.clustering_sample),
        "support_end_step": support_end_step(frame),
        "retention_after_support": retention_after_support(frame, spec),
        "unspent_appropriation_share": unspent_appropriation_share(model, frame),
        "cumulative_value_added": cumulative_value_added(frame),
    }
