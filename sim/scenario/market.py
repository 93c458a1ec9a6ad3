"""The market section: client demand for archives services (projects, values, segments)
and how clients score bids."""

from __future__ import annotations

from sim.scenario.section import Section, param


class Market(Section):
    """Client demand for archives services and its allocation among bidders."""

    enabled: bool = param(True, None, None, "switch", "Run the market stage at all")
    projects_per_initial_firm: float = param(
        0.2,
        0.0,
        100.0,
        "projects/initial firm/step",
        "Market size: expected new projects per step, per firm of the initial population "
        "(exogenous: it does not grow with entry)",
    )
    demand_growth: float = param(
        0.0, -0.05, 0.05, "1/step", "Growth of the market size per step (compounded)"
    )
    project_value: float = param(4.0, 0.0, 1e6, "MU", "Mean project value (lognormal)")
    project_value_spread: float = param(
        0.8, 0.0, 5.0, "log-sd", "Log standard deviation of project values"
    )
    multi_segment_share: float = param(
        0.3, 0.0, 1.0, "fraction", "Share of projects that need several segments"
    )
    segments_per_large_project: int = param(
        3, 2, 5, "segments", "Segments a multi-segment project needs"
    )
    bidders_per_project: int = param(
        5, 1, 50, "firms", "Candidate bidders per project, drawn in proportion to capacity"
    )
    variable_cost_share: float = param(
        0.7, 0.0, 1.0, "fraction", "Delivery cost as a share of a project's value"
    )
    subcontract_premium: float = param(
        0.25,
        0.0,
        2.0,
        "fraction",
        "Extra cost, as a share of the foreign segments' value, for a solo winner",
    )
    fixed_cost_per_capacity: float = param(
        0.12, 0.0, 1e3, "MU/CU/step", "Overhead per capacity unit per step"
    )
    markup: float = param(
        0.2, 0.0, 5.0, "fraction", "Price markup of a firm of quality 1 (half for quality 0)"
    )
    weight_price: float = param(2.0, 0.0, 100.0, "score/markup", "Client weight on price")
    weight_quality: float = param(1.0, 0.0, 100.0, "score/quality", "Client weight on quality")
    weight_reputation: float = param(
        1.0, 0.0, 100.0, "score/reputation", "Client weight on reputation"
    )
    joint_bid_bonus: float = param(
        0.5, 0.0, 100.0, "score", "Score advantage of a members' consortium on multi-segment work"
    )
    solo_penalty: float = param(
        0.5, 0.0, 100.0, "score", "Score handicap of a solo bid on multi-segment work"
    )
    score_noise: float = param(
        0.3, 0.0, 100.0, "score", "Scale of clients' idiosyncratic taste (Gumbel noise)"
    )
    reputation_learning: float = param(
        0.1, 0.0, 1.0, "1/step", "Rate at which delivered quality becomes reputation"
    )
    collaboration_memory: int = param(
        20, 1, 10_000, "steps", "Steps a collaboration tie lasts without a new joint project"
    )
