"""No global random state anywhere: all randomness comes from the model's generators.

Two checks: (1) with every module-level function of ``random`` and ``numpy.random``
(and the hidden global instances networkx falls back to) made to raise, the model
builds and runs for every network kind, group structure and rule; (2) a scan of the
source of ``agents/`` and ``sim/`` for calls of module-level random functions."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from sim.model import AllianceModel
from sim.scenario import NetworkKind

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_NP = {
    "default_rng",
    "Generator",
    "SeedSequence",
    "BitGenerator",
    "PCG64",
    "PCG64DXSM",
    "Philox",
    "SFC64",
    "MT19937",
}
RANDOM_FUNCS = [
    "random",
    "randint",
    "randrange",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "gauss",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "betavariate",
    "gammavariate",
    "paretovariate",
    "weibullvariate",
    "vonmisesvariate",
    "triangular",
    "getrandbits",
    "seed",
    "randbytes",
    "binomialvariate",
]


class GlobalRandomUsed(AssertionError):
    pass


def _boom(name: str):
    def raiser(*args, **kwargs):
        raise GlobalRandomUsed(f"global random state used: {name}")

    return raiser


class _Forbidden:
    """Stands in for a hidden global generator; any use raises."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr):
        raise GlobalRandomUsed(f"global random state used: {self._name}.{attr}")


def np_module_functions() -> list[str]:
    names = []
    for name in dir(np.random):
        obj = getattr(np.random, name)
        if name.startswith("_") or name in ALLOWED_NP or isinstance(obj, type):
            continue
        if callable(obj):
            names.append(name)
    return names


@pytest.fixture
def no_global_random(monkeypatch):
    for name in RANDOM_FUNCS:
        if hasattr(random, name):
            monkeypatch.setattr(random, name, _boom(f"random.{name}"))
    for name in np_module_functions():
        monkeypatch.setattr(np.random, name, _boom(f"numpy.random.{name}"))
    # networkx (and anything else) given seed=None falls back to these instances
    monkeypatch.setattr(random, "_inst", _Forbidden("random._inst"))
    monkeypatch.setattr(np.random.mtrand, "_rand", _Forbidden("numpy.random.mtrand._rand"))


def test_the_guard_catches_global_random_use(no_global_random):
    assert "normal" in np_module_functions() and "seed" in np_module_functions()
    for call in (
        lambda: random.random(),
        lambda: random.shuffle([1, 2]),
        lambda: np.random.rand(3),  # noqa: NPY002
        lambda: np.random.seed(1),  # noqa: NPY002
        lambda: np.random.choice(3),  # noqa: NPY002
        lambda: np.random.normal(),  # noqa: NPY002
        lambda: nx.watts_strogatz_graph(20, 4, 0.1),
        lambda: nx.random_regular_graph(3, 10),
    ):
        with pytest.raises(GlobalRandomUsed):
            call()
    # seeded generators stay usable
    np.random.default_rng(1).random()
    random.Random(1).random()
    nx.watts_strogatz_graph(20, 4, 0.1, seed=1)


@pytest.mark.parametrize("kind", list(NetworkKind))
def test_model_uses_no_global_random_state(make_scenario, tmp_path, no_global_random, kind):
    n = 144
    network = {"kind": kind.value, "degree": 4}
    if kind is NetworkKind.EDGE_LIST:
        path = tmp_path / "edges.txt"
        path.write_text("\n".join(f"{i} {(i * 7 + 1) % n}" for i in range(n)))
        network["edge_list"] = str(path)
    scenario = make_scenario(
        {
            "network": network,
            "population": {"entry_rate": 0.05},
            "market": {"fixed_cost_per_capacity": 0.6},
        },
        enterprises=n,
    )
    model = AllianceModel(scenario, rng=1)
    model.run(4)
    assert model.steps == 4


@pytest.mark.parametrize(
    "overrides",
    [
        {
            "alliance": {"group_structure": "teams"},
            "decisions": {"enterprise": {"rule": "roth_erev", "updating": "random_sequential"}},
        },
        {
            "alliance": {"group_structure": "neighbourhood"},
            "decisions": {"enterprise": {"rule": "bush_mosteller"}},
        },
        {"decisions": {"enterprise": {"rule": "proportional"}}},
        {"network": {"kind": "well_mixed"}, "decisions": {"enterprise": {"rule": "imitate_best"}}},
        {
            "administration": {
                "present": True,
                "backing_rule": "adaptive",
                "subsidy": 0.1,
                "budget_initial": 5.0,
            },
            "society": {"present": True},
            "alliance": {"organiser": ["administration", "society", "enterprise"]},
            "decisions": {"enterprise": {"rule": "logit_best_response"}},
        },
    ],
)
def test_rules_and_structures_use_no_global_random_state(
    make_scenario, no_global_random, overrides
):
    AllianceModel(make_scenario(overrides, enterprises=100), rng=2).run(4)


def test_run_scenario_and_cli_use_no_global_random_state(
    make_scenario, no_global_random, tmp_path, capsys
):
    from sim.commands.main import main

    scenario = ROOT / "scenarios" / "default.yaml"
    assert (
        main(
            [
                "run",
                str(scenario),
                "--steps",
                "3",
                "--seed",
                "1",
                "--set",
                "population.enterprises=100",
                "--out",
                str(tmp_path / "o"),
            ]
        )
        == 0
    )


def _source_files() -> list[Path]:
    return sorted(p for d in ("agents", "sim") for p in (ROOT / d).rglob("*.py"))


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def global_random_uses(source: str) -> list[str]:
    """Calls of module-level random functions, and imports that would hide them."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            parts = name.split(".")
            if (
                parts[:2] in (["np", "random"], ["numpy", "random"])
                and len(parts) == 3
                and (parts[2] not in ALLOWED_NP)
            ):
                found.append(name)
            if len(parts) == 2 and parts[0] == "random" and parts[1] != "Random":
                found.append(name)
        elif isinstance(node, ast.ImportFrom) and node.module in ("random", "numpy.random"):
            bad = [a.name for a in node.names if a.name not in ALLOWED_NP | {"Random"}]
            found += [f"from {node.module} import {b}" for b in bad]
    return found


def test_the_scan_finds_global_random_calls():
    sample = (
        "import numpy as np\nimport random\nnp.random.seed(1)\nx = np.random.rand(3)\n"
        "random.shuffle(y)\nfrom numpy.random import normal\n"
        "g = np.random.default_rng(1)\nself.random.random()\n"
    )
    assert sorted(global_random_uses(sample)) == sorted(
        ["np.random.seed", "np.random.rand", "random.shuffle", "from numpy.random import normal"]
    )


def test_source_has_no_global_random_calls():
    files = _source_files()
    assert len(files) > 10
    problems = []
    for path in files:
        for use in global_random_uses(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(ROOT)}: {use}")
    assert problems == []
