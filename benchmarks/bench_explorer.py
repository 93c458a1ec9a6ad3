"""Time to draw one frame of the explorer at 1,000 firms (issue 22: target under 0.5 s).

The page is rendered without a browser (``solara.render``, as the explorer's tests do) for
a mode's scenario at 1,000 firms; then Step is pressed repeatedly. A press steps the model
and redraws everything that follows it (status, network, charts, incentive audit): the
frame time is the press minus the model's own step, timed on a copy of the same run. Also
prints the first draw (model, layout, chart templates) and a change of mode (a new
model with that mode's preset, a new layout). Server-side times: the browser's own
drawing (Vega in the page) comes on top and is not measured here.

    python benchmarks/bench_explorer.py [--firms 1000] [--frames 20] [--mode enterprise_led]
"""

from __future__ import annotations

import argparse
import statistics
import time

import ipyvuetify as v
import solara

from sim.explorer.page import ExplorerPage
from sim.explorer.settings import settings_for
from sim.model import AllianceModel
from sim.scenario.mode_files import mode_scenario


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=1000)
    parser.add_argument("--frames", type=int, default=20)
    parser.add_argument("--mode", default="enterprise_led")
    args = parser.parse_args()
    scenario = mode_scenario(args.mode, population={"enterprises": args.firms})
    settings = settings_for(scenario)

    @solara.component
    def Page():
        with solara.AppLayout():
            ExplorerPage(settings)

    first = timed(lambda: globals().update(rc=solara.render(Page(), handle_error=False)[1]))
    rc = globals()["rc"]
    step = rc.find(v.Btn, children=["Step"]).widget
    presses = [timed(step.click) for _ in range(args.frames)]
    twin = AllianceModel(scenario, rng=settings.seed)
    steps = [timed(twin.step) for _ in range(args.frames)]
    frames = [p - s for p, s in zip(presses, steps, strict=True)]
    mode = rc.find(v.Select, label="construction mode").widget
    other = "government_led" if args.mode != "government_led" else "society_led"
    rebuild = timed(lambda: setattr(mode, "v_model", other))

    print(f"explorer at {args.firms} firms ({args.mode}), {args.frames} frames")
    print(f"  first draw (model, layout, templates): {first:.3f} s")
    print(f"  Step pressed (model step + redraw), median: {statistics.median(presses):.3f} s")
    print(f"  model step alone, median:               {statistics.median(steps):.3f} s")
    print(f"  one frame (redraw), median:             {statistics.median(frames):.3f} s")
    print(f"  one frame, slowest:                     {max(frames):.3f} s")
    print(f"  change of mode to {other} (rebuild):   {rebuild:.3f} s")


if __name__ == "__main__":
    main()
