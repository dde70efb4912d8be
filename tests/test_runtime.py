"""The runtime: one typed object on the app, swapped whole when the content is reloaded."""

from __future__ import annotations

from app.settings import Settings
from app.web.app import create_app, reload_content
from app.web.runtime import Runtime, runtime_of

from .test_validate import edit


def test_a_reload_swaps_guide_engine_and_sites_in_one_object(minimal):
    app = create_app(Settings(content_dir=minimal))
    before = runtime_of(app)
    edit(minimal / "sv" / "hjalp.md", "title: ", "title: Ny ")
    assert reload_content(app)
    after = runtime_of(app)
    assert isinstance(after, Runtime) and after is not before
    assert after.guide is after.engine.guide is after.site.guide
    assert after.guide.tree("sv")["hjalp"].title.startswith("Ny ")


def test_a_broken_reload_keeps_the_whole_last_good_runtime(minimal):
    app = create_app(Settings(content_dir=minimal))
    before = runtime_of(app)
    (minimal / "en" / "hjalp.md").unlink()
    assert not reload_content(app)
    assert runtime_of(app) is before
