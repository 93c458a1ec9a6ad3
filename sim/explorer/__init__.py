"""The students' front door: an interactive explorer of the alliance model in the browser.

``alliance explore [SCENARIO] [--port N]`` serves it on localhost (:mod:`sim.commands.explore`).
The page is built from Mesa's solara visualisation (``mesa.visualization``) and shows the
network of firms, the alliance's time series with the events that fired, an incentive
panel from :mod:`sim.incentives.diagnosis` and controls built from the scenario schema.

One concept per module: what the student sets (``settings``, ``levers``), the model the
page drives (``explorer_model``), how firms are drawn (``firm_states``, ``network_view``,
``network_chart``), the time series (``series``, ``series_chart``), the incentive panel
(``incentive_panel``), the mode's caption (``caption``) and the page (``page``, ``app``).
Everything here presents; the model, the modes' table and the audit live below it.

solara, altair and Mesa's visualisation are the optional extra ``viz``; the modules that
need them import them at the top, and nothing outside this subpackage imports them, so
the core runs without the extra.
"""
