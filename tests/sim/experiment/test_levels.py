"""Factor levels of any shape (numbers, choices, lists of events) group runs and label axes."""

from __future__ import annotations

import pandas as pd

from sim.experiment.figures import interaction
from sim.experiment.levels import level_label, ordered_levels
from sim.experiment.spec import Experiment

NEVER = []
AT_40 = [{"kind": "subsidy_phase_out", "step": 40}]


def test_labels_are_short_text_for_every_kind_of_level():
    assert level_label(NEVER) == "[]"
    assert level_label(AT_40) == "[{kind: subsidy_phase_out, step: 40}]"
    assert level_label(0.2) == "0.2" and level_label("equal") == "equal"


def test_levels_keep_the_designs_order_not_sorted():
    values = pd.Series([AT_40, NEVER, AT_40, NEVER])
    assert ordered_levels(values) == [level_label(AT_40), "[]"]


def test_interaction_figure_draws_a_factor_whose_levels_are_lists():
    """The subsidy-withdrawal experiment's ``events`` factor crashed the retention figure."""
    outcome = "outcomes.retention_after_support"
    runs = pd.DataFrame(
        {
            "base": ["government_led"] * 4,
            "events": [NEVER, NEVER, AT_40, AT_40],
            outcome: [1.0, 0.9, 0.5, 0.4],
        }
    )
    experiment = Experiment.model_validate(
        {
            "scenarios": ["government_led"],
            "baseline": "government_led",
            "factors": {"events": [NEVER, AT_40]},
            "outcomes": [outcome],
        }
    )
    figure = interaction(None, experiment, runs)
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert ticks == ["[]", level_label(AT_40)]
    means = figure.axes[0].lines[0].get_ydata()
    assert list(means) == [0.95, 0.45]
