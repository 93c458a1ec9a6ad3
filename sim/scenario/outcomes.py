"""The outcomes section: the definitions behind the summary outcomes (collapse,
retention, clustering, settled windows) and the welfare account's valuation of public
money and its counterfactual (:mod:`sim.output.welfare`, :mod:`sim.output.value_added`)."""

from __future__ import annotations

from sim.scenario.section import Plausible, Section, param


class Outcomes(Section):
    """Definitions behind the summary outcomes (see :mod:`sim.output.metrics`)."""

    collapse_member_share: float = param(
        0.05,
        0.0,
        1.0,
        "fraction",
        "An active alliance with at least this member share is functioning",
    )
    collapse_patience: int = param(
        4,
        1,
        100_000,
        "steps",
        "Collapse: this many consecutive non-functioning steps after having functioned",
    )
    retention_lag: int = param(
        20, 1, 100_000, "steps", "Steps after outside support ends at which retention is read"
    )
    clustering_every: int = param(
        20, 1, 100_000, "steps", "Compute collaboration clustering every this many steps"
    )
    clustering_sample: int = param(
        500, 1, 1_000_000, "firms", "Largest number of firms clustering is averaged over"
    )
    final_window: float = param(
        0.25,
        0.01,
        1.0,
        "fraction of the run",
        "Settled outcomes are time averages over this final part of the run",
    )
    settle_tolerance: float = param(
        0.05,
        0.0,
        1.0,
        "fraction of scale",
        "A final-window trend smaller than this share of the outcome's scale counts as "
        "settled (shares: of 1; others: of the window's mean level)",
    )
    public_funds_cost: float = param(
        1.2,
        1.0,
        3.0,
        "MU of welfare/MU of public money",
        "Marginal cost of public funds: welfare lost per MU the administration spends net of "
        "its receipts (taxes distort; 1 = lump-sum taxes); 1.2 to 1.3 is the common "
        "appraisal value",
        Plausible(
            1.1,
            1.5,
            "estimates for the tax systems studied run from about 1.1 to 1.5 (Ballard, "
            "Shoven and Whalley 1985; Dahlby 2008)",
        ),
    )
    agent_records_every: int = param(
        0,
        0,
        1_000_000,
        "steps",
        "Record each firm's strategy, membership, cash, capacity, quality and reputation at "
        "step 0 and every this many steps (0 = off): Mesa's agent records "
        "(model.datacollector.get_agent_vars_dataframe()) and agents.parquet of alliance "
        "run --out; sweeps keep outcomes and time series only",
    )
    value_added: bool = param(
        True,
        None,
        None,
        "switch",
        "Pair each run with its no-alliance counterfactual (same seed, alliance disabled, "
        "no administration or society) to report the alliance's value added; about doubles "
        "a run's time, so sweeps that do not need it may switch it off",
    )
