"""``alliance diagnose``: the incentive audit of a scenario (part of the CLI layer).

    alliance diagnose SCENARIO [--set KEY=VALUE ...] [--seed S] [--at 1,50,200] [--strict]

Prints, at each chosen step, the effective multiplier, the private return of
contributing for the smallest, median and largest member without and with incentives,
the group return, whether a social dilemma holds, each organiser's accounts and the
signal-to-noise ratio of selection (:mod:`sim.incentives.diagnosis`). ``--strict`` exits 1 when
no dilemma holds at a chosen step.
"""

from __future__ import annotations

import argparse

from sim.commands.arguments import whole_number

NO_DILEMMA = 1


def add_diagnose_parser(commands) -> None:
    """Register ``diagnose`` on the CLI's subparsers."""
    diagnose = commands.add_parser(
        "diagnose", help="audit a scenario's incentives: is the pool a social dilemma?"
    )
    diagnose.add_argument(
        "scenario", help="scenario YAML file or a shipped scenario's name (government_led, ...)"
    )
    diagnose.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE"
    )
    diagnose.add_argument("--seed", type=whole_number, default=1, help="random seed (default 1)")
    diagnose.add_argument(
        "--at",
        type=_steps,
        default=None,
        metavar="STEPS",
        help="comma-separated steps to audit (default: 1, half the horizon, the horizon)",
    )
    diagnose.add_argument(
        "--strict", action="store_true", help="exit 1 when no dilemma holds at a chosen step"
    )


def _steps(text: str) -> list[int]:
    try:
        steps = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be whole numbers like 1,50,200; got {text!r}"
        ) from None
    if not steps or min(steps) < 1:
        raise argparse.ArgumentTypeError(f"steps must be 1 or more; got {text!r}")
    return steps


def command_diagnose(args: argparse.Namespace) -> int:
    from sim.incentives.diagnosis import diagnose
    from sim.scenario import ScenarioError, load_named_scenario

    scenario = load_named_scenario(args.scenario, overrides=args.overrides)
    at = args.at or sorted({1, max(scenario.steps // 2, 1), max(scenario.steps, 1)})
    if max(at) > 1_000_000:
        raise ScenarioError(f"{args.scenario}: --at steps must be at most 1000000; got {max(at)}")
    found = diagnose(scenario, args.seed, at)
    print(f"scenario {scenario.name!r}, seed {args.seed}: incentive audit")
    for d in found:
        print(render(d))
    if args.strict and not all(d.dilemma for d in found):
        return NO_DILEMMA
    return 0


def render(d) -> str:
    """One step's audit as a few readable lines."""
    lines = [
        f"\nstep {d.step}: {d.members} members; multiplier {d.multiplier:.3f} "
        f"(bound {d.multiplier_bound:.3f}); group return {d.group_return:.3f} per MU",
        f"  {'member':<9}{'capacity':>10}{'private':>10}{'+subsidy':>10}{'+sanction':>11}"
        f"{'with incentives':>17}",
    ]
    for p in d.probes:
        lines.append(
            f"  {p.probe:<9}{p.capacity:>10.2f}{p.private_return:>10.3f}"
            f"{p.subsidy_per_mu:>10.3f}{p.sanction_per_mu:>11.3f}{p.with_incentives:>17.3f}"
        )
    verdict = "yes" if d.dilemma else "NO"
    lines.append(
        f"  social dilemma: {verdict} (free-riding pays each member more when private < 1; "
        "the group gains when group return > 1)"
    )
    for who, acc in d.organisers.items():
        lines.append(
            f"  {who}: income {acc['income']:.3f}, costs {acc['costs']:.3f} MU/step, "
            f"funds {acc['funds']:.2f}, runway {_runway(acc['runway'])}"
        )
    lines.extend(render_enforcement(d.enforcement, d.shielded_share))
    lines.append(
        f"  selection sees a contribute/free-ride difference of {d.selection_signal:.4g} "
        f"against noise {d.selection_noise:.4g} (signal/noise {d.signal_to_noise:.3g})"
    )
    return "\n".join(lines)


ENFORCEMENT_HEADER = (
    f"  {'monitor':<10}{'watches':>8}{'detect':>8}{'accuracy':>9}{'false acc.':>11}"
    f"{'reach':>7}{'fine/MU':>9}{'standing/MU':>12}{'expected/MU':>12}{'cost/member':>12}"
    "  paid by"
)


def render_enforcement(table, shielded: float) -> list[str]:
    """The enforcement table: each monitor in the common terms, per MU evaded."""
    lines = ["  enforcement (per MU evaded; expected = detect x (fine + standing)):"]
    lines.append(ENFORCEMENT_HEADER)
    for r in table:
        lines.append(
            f"  {r.monitor:<10}{r.watched:>8.2f}{r.detection:>8.3f}{r.accuracy:>9.2f}"
            f"{r.false_accusation:>11.2f}{r.reach:>7.2f}{r.fine_per_mu:>9.3f}"
            f"{r.standing_per_mu:>12.3f}{r.expected_per_mu:>12.3f}{r.cost_per_member:>12.4f}"
            f"  {r.payer}"
        )
    if shielded > 0:
        lines.append(
            f"  the leading enterprise shields {shielded:.1%} of members (recent partners)"
        )
    return lines


def _runway(steps: float) -> str:
    return "unlimited" if steps == float("inf") else f"{steps:.0f} steps"
