"""The browser files are served from solara-assets' copies, with major-version aliases."""

from __future__ import annotations

from sim.explorer.offline_assets import CLOSED_CDN, INSTALLED, offline_cdn, solara_environment


def test_each_major_version_points_at_its_newest_copy(tmp_path):
    installed = tmp_path / "installed"
    for name in ("vega@5.9.0", "vega@5.21.0", "vega-lite@5.2.0", "requirejs@2.3.6", "@widgetti"):
        (installed / name).mkdir(parents=True)
    served = offline_cdn(tmp_path / "served", installed)
    assert (served / "vega@5").resolve() == (installed / "vega@5.21.0").resolve()
    assert (served / "vega-lite@5").resolve() == (installed / "vega-lite@5.2.0").resolve()
    assert (served / "vega@5.9.0").resolve() == (installed / "vega@5.9.0").resolve()
    assert (served / "@widgetti").is_symlink()


def test_the_installed_assets_hold_what_the_vega_widget_asks_for(tmp_path):
    served = offline_cdn(tmp_path / "cdn")
    assert INSTALLED.is_dir(), "solara-assets (the viz extra) is not installed"
    for path in ("vega@5/build/vega.min.js", "vega-lite@5/build/vega-lite.min.js"):
        assert (served / path).is_file(), path
    assert (served / "vega-embed@6/build/vega-embed.min.js").is_file()
    env = solara_environment(served)
    assert env["SOLARA_ASSETS_CDN"] == CLOSED_CDN
