"""Scenario discovery: PRIM boxes in the space of inputs where a condition holds.

:func:`discover` takes a plain table of inputs (one row per case: a run, or a design
point for paired conditions) and a boolean array (the case is of interest), and runs
PRIM from ``ema_workbench.analysis.prim`` (Friedman & Fisher 1999; Bryant & Lempert
2010). To keep the significance check honest, PRIM sees a training part of the cases
(two thirds, drawn with an explicit seed) and the chosen box is tested on the rest:

* the peeling trajectory (coverage, density, mass, restricted dimensions) is PRIM's
  on the training cases; the chosen box is the one with the best F-score (harmonic mean
  of coverage and density) among those whose every limit has a quasi-p value (PRIM's
  one-sided binomial test of the limit) below ``alpha`` (if none has, the best of all
  restricted boxes is reported as the top box, and is not significant);
* on the held-out cases: the box's density against the base rate (exact one-sided
  binomial p-value) and each limit's quasi-p value again; the box is *significant*
  when its limits pass on the training cases and the held-out p-value is below ``alpha``;
* optionally, PRIM's own resampling check: the share of PRIM runs on random halves of
  the training cases that restrict each parameter (``PrimBox.resample``).

Coverage and density in the sentences are on all cases.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

with warnings.catch_warnings():  # ema_workbench warns about optional parallel back ends
    warnings.simplefilter("ignore")
    from ema_workbench.analysis import scenario_discovery_util as sdutil
    from ema_workbench.analysis.prim import Prim, PrimBox
    from ema_workbench.analysis.prim_util import calculate_qp

from sim.experiment.box_limits import box_limits_table, describe_box


class DiscoveryError(ValueError):
    """A discovery that cannot be made (no case of interest, no input varies, ...)."""


@dataclass(frozen=True)
class DiscoverySettings:
    """PRIM's parameters and the significance check's."""

    peel_alpha: float = 0.05
    paste_alpha: float = 0.05
    mass_min: float = 0.05
    holdout: float = 1 / 3
    alpha: float = 0.05
    resamples: int = 10
    seed: int = 0


@dataclass
class Discovery:
    """What PRIM found for one condition."""

    condition: str
    cases: int
    cases_of_interest: int
    trajectory: pd.DataFrame
    chosen: int | None
    limits: pd.DataFrame
    coverage: float = np.nan
    density: float = np.nan
    holdout_density: float = np.nan
    holdout_base_rate: float = np.nan
    holdout_p: float = np.nan
    significant: bool = False
    limits_pass: bool = False
    box: PrimBox | None = field(default=None, repr=False)
    box_text: str = ""

    def sentences(self) -> list[str]:
        """The finding in words."""
        share = self.cases_of_interest / self.cases
        head = f"{self.condition}: {self.cases_of_interest} of {self.cases} cases ({share:.0%})."
        if self.chosen is None:
            return [head, "PRIM found no box that restricts any parameter."]
        found = (
            f"In {self.density:.0%} of the cases where {self.box_text}, {self.condition}; "
            f"these cases are {self.coverage:.0%} of all where {self.condition}."
        )
        if not self.limits_pass:
            found += (
                " No box on the trajectory has every limit pass its quasi-p test; this is the"
                " top box by F-score: no significant box."
            )
        if np.isnan(self.holdout_density):
            check = (
                f"No held-out case falls inside the box (base rate "
                f"{self.holdout_base_rate:.0%}): it cannot be checked, so no significant box."
            )
        else:
            check = (
                f"On held-out cases the box's density is {self.holdout_density:.0%} against a "
                f"base rate of {self.holdout_base_rate:.0%} (one-sided binomial p = "
                f"{self.holdout_p:.2g}): "
                + ("significant." if self.significant else "not significant: no significant box.")
            )
        return [head, found, check]


def discover(
    inputs: pd.DataFrame,
    interest: np.ndarray,
    condition: str,
    settings: DiscoverySettings | None = None,
) -> Discovery:
    """PRIM on ``inputs`` (one row per case) for the cases where ``interest`` is true."""
    settings = settings or DiscoverySettings()
    x, y = _prepared(inputs, interest, condition)
    train, test = _split(len(y), settings)
    with warnings.catch_warnings():  # pandas deprecations inside ema_workbench
        warnings.simplefilter("ignore")
        prim = Prim(
            x.iloc[train].reset_index(drop=True),
            y[train],
            peel_alpha=settings.peel_alpha,
            paste_alpha=settings.paste_alpha,
            mass_min=settings.mass_min,
        )
        box = prim.find_box()
    trajectory = _trajectory(box, settings.alpha)
    chosen = _choose(trajectory)
    found = Discovery(condition, len(y), int(y.sum()), trajectory, chosen, pd.DataFrame())
    if chosen is None:
        return found
    box.select(chosen)
    _assess(found, box, x, y, test, settings)
    return found


def _prepared(
    inputs: pd.DataFrame, interest: np.ndarray, condition: str
) -> tuple[pd.DataFrame, np.ndarray]:
    y = np.asarray(interest, dtype=bool)
    if len(y) != len(inputs):
        raise DiscoveryError("inputs and cases of interest differ in length")
    if not y.any():
        raise DiscoveryError(f"no case meets the condition {condition!r} (0 of {len(y)})")
    if y.all():
        raise DiscoveryError(f"every case meets the condition {condition!r}: nothing to tell apart")
    x = inputs.reset_index(drop=True).copy()
    x = x.loc[:, x.nunique(dropna=False) > 1]
    if x.empty:
        raise DiscoveryError("no input varies between the cases")
    for column in x.columns:
        if x[column].dtype.kind in "biu":
            x[column] = x[column].astype(float)
        elif x[column].dtype.kind not in "f":
            x[column] = x[column].astype(str).astype("category")
    return x, y


def _split(n: int, settings: DiscoverySettings) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(settings.seed).permutation(n)
    held = round(n * settings.holdout)
    return np.sort(order[held:]), np.sort(order[:held])


def _trajectory(box: PrimBox, alpha: float) -> pd.DataFrame:
    table = box.peeling_trajectory[["id", "coverage", "density", "mass", "res_dim", "n", "k"]]
    table = table.astype({"id": int, "res_dim": int, "n": int, "k": int}).copy()
    table["limits_pass"] = [
        bool(qp) and all(0 <= v < alpha for pair in qp.values() for v in pair if v != -1)
        for qp in box.p_values
    ]
    cov, den = table["coverage"], table["density"]
    table["f_score"] = np.where(cov + den > 0, 2 * cov * den / (cov + den), 0.0)
    return table


def _choose(trajectory: pd.DataFrame) -> int | None:
    """Best F-score among boxes whose limits pass; failing that, among all restricted boxes
    (reported as the top box, not significant)."""
    restricted = trajectory[trajectory["res_dim"] > 0]
    passing = restricted[restricted["limits_pass"]]
    candidates = passing if len(passing) else restricted
    if candidates.empty:
        return None
    return int(candidates["f_score"].idxmax())


def _assess(
    found: Discovery,
    box: PrimBox,
    x: pd.DataFrame,
    y: np.ndarray,
    test: np.ndarray,
    settings: DiscoverySettings,
) -> None:
    lims = box.box_lims[found.chosen]
    inside = sdutil._in_box(x, lims)
    found.coverage = float(y[inside].sum() / y.sum())
    found.density = float(y[inside].mean()) if inside.any() else np.nan
    x_test, y_test, in_test = x.iloc[test], y[test], inside[test]
    found.holdout_base_rate = float(y_test.mean()) if len(y_test) else np.nan
    hits, total = int(y_test[in_test].sum()), int(in_test.sum())
    found.holdout_density = hits / total if total else np.nan
    found.holdout_p = (
        float(stats.binom.sf(hits - 1, total, found.holdout_base_rate)) if total else 1.0
    )
    found.limits_pass = bool(found.trajectory.loc[found.chosen, "limits_pass"])
    found.significant = found.limits_pass and found.holdout_p < settings.alpha
    held_qp = _holdout_qp(box, x_test.reset_index(drop=True), y_test, hits, total)
    reproduced = _reproduced(box, settings)
    found.limits = box_limits_table(lims, box, found.chosen, held_qp, reproduced)
    found.box_text = describe_box(found.limits)
    found.box = box


def _holdout_qp(
    box: PrimBox, x: pd.DataFrame, y: np.ndarray, hits: int, total: int
) -> dict[str, list[float]]:
    lims = box.box_lims[box._cur_box]
    restricted = list(box.p_values[box._cur_box])
    if not total:
        return {u: [np.nan, np.nan] for u in restricted}
    initial = box.prim.box_init
    sub = lims[restricted]
    return {
        u: calculate_qp(sub[u], x[restricted], y, hits, total, sub, initial) for u in restricted
    }


def _reproduced(box: PrimBox, settings: DiscoverySettings) -> pd.DataFrame:
    """Per parameter, % of PRIM runs on random halves restricting it in the box closest
    in coverage and in density to the chosen one (``PrimBox.resample``)."""
    if settings.resamples <= 0:
        return pd.DataFrame(columns=["reproduce coverage", "reproduce density"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return box.resample(box._cur_box, iterations=settings.resamples, rng=settings.seed)
