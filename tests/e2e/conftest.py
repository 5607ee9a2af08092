"""Browser tests: Debian's Chromium driven by Playwright for Python, against a live server on
127.0.0.1 with the test database. Run with `make test-e2e`. A failing test's screenshot is
written to test-artifacts/ and its path printed in the log."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; allow the ORM beside it for browser tests only,
    # so the flag never leaks into other tests (production checks refuse it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make e2e-deps`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        page = item.funcargs.get("page")
        if page is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", item.nodeid)[-120:] + ".png"
            path = ARTIFACTS / name
            try:
                page.screenshot(path=str(path), full_page=True)
                print(f"\nscreenshot of the failure: {path}")
            except Exception as exc:  # noqa: BLE001 - never hide the real failure
                print(f"\n(no screenshot: {exc})")


@pytest.fixture
def page(browser, live_server, transactional_db, settings):
    """A fresh browser context per test; every request to another origin fails the test."""
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url)
    external = []

    def guard(route, request):
        # chrome:// and chrome-extension:// are the browser's own viewers (e.g. for PDFs).
        internal = ("data:", "blob:", "chrome:", "chrome-extension:")
        if request.url.startswith(live_server.url) or request.url.startswith(internal):
            route.continue_()
        else:
            external.append(request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert external == [], f"pages requested other origins: {external}"
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page, context=""):
        """No serious or critical accessibility violation on the current page."""
        results = checker.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v.get("impact") in {"serious", "critical"}
        ]
        assert bad == [], f"{context or page.url}: {bad}"

    return check
