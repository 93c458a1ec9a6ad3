"""What the model assumes, in a few lines a policymaker can read: a digest of the ODD's
purpose (section 1) and modelling assumptions (section 9, A1 to A17). The full text is
``docs/ODD.md`` in the source repository; the report names it rather than linking to a
file that a copy of the report on a USB stick would not carry.
"""

from __future__ import annotations

ODD_PATH = "docs/ODD.md"

ASSUMPTIONS: tuple[str, ...] = (
    "The model is for exploration and teaching, not prediction. Its numbers are "
    "illustrative: they are not calibrated to data on China's archives industry, and none "
    "is tuned to make a mode do well (ODD section 1; A10, A17).",
    "The alliance's value is a public goods game: members' contributions are multiplied by "
    "a bounded synergy, and most of the benefit (65% by default) reaches every member, "
    "contributor or not, so free-riding is tempting (A1, A2).",
    "A construction mode differs only by its mechanism: who organises, who pays and "
    "receives fees, who monitors and how well. The sharing rule, fee, contribution, "
    "synergy, monitoring technology, market and decisions are shared by all modes and are "
    "levers an experiment can cross with the mode.",
    "Peers detect free-riding weakly; the administration audits at random, at a cost, and "
    "less well informed; a leading enterprise never sanctions itself or its partners; the "
    "society's sanctions are soft (a credit rating clients see) (A3 to A5, A7).",
    "In co-construction the administration audits, the society rates, the leading "
    "enterprise funds the platform, and public support is phased out (A9).",
    "Firms choose by comparing payoffs smoothed over recent quarters, never by where a "
    "payoff came from (A12, A15).",
    "Demand is set outside the model; firms enter while profits invite them and leave when "
    "they go bankrupt, so the industry settles (A14).",
    "Collapse, the end of outside support and retention are defined as in ODD section 7.9; "
    "other definitions are possible (A11).",
)
