"""The web UI in a real browser: Debian's Chromium (/usr/bin/chromium, installed by .ci/run when
missing) driven by Playwright's Python package; never a downloaded browser. One browser for the
module, one server per backend (SQLite and PostgreSQL) over a store of hand-built articles (one
with hostile title and text) plus a corpus of hostile articles ingested through the API (the real
pipeline). The browser runs in a time zone west of UTC, where a date passed through JavaScript's
Date would show a day early. Screenshots of each page go to ``test-artefacts/ui/<backend>/``
(gitignored; ``LAGEBILD_TEST_ARTEFACTS`` puts them elsewhere).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hostile import FTS, HTML

from lagebild.serve import create_app
from lagebild.serve.testing import backend_url, picture_document, running
from lagebild.store import open_store
from lagebild.store.testing import make_document, sample_documents

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
TOKEN = "ui-test-token"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = ("Gipfeltreffen <script>alert(2)</script> mit <svg onload=alert(3)></svg> und "
                "<a href=\"javascript:alert(4)\">Link</a> <style>body{display:none}</style> in Genf. "
                + " | ".join(HTML.values()) + " <mark>falsch</mark> <iframe src=javascript:alert(5)></iframe>")

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def site(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    hostile = make_document(HOSTILE_TEXT, title=HOSTILE_TITLE, published=date(2022, 1, 1), export_id="hostile")
    hostile.meta.url = "javascript:alert(7)"  # a source link that would run script when clicked
    with backend_url(backend, tmp_path_factory.mktemp("ui")) as db:
        with open_store(db) as store:
            store.add_many([*sample_documents(), picture_document(), hostile])
        with running(create_app(db, token=TOKEN, rate=0)) as base:
            yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def shots(backend: str) -> Path:
    folder = Path(os.environ.get("LAGEBILD_TEST_ARTEFACTS") or ROOT / "test-artefacts") / "ui" / backend
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page in UTC-8 that records dialogs (alert) and page errors."""
    context = browser.new_context(timezone_id="America/Los_Angeles", locale="de-DE")
    p = context.new_page()
    p.dialogs = []
    p.errors = []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.set_default_timeout(10_000)
    try:
        yield p
    finally:
        context.close()


def test_serve_ui_search_opens_the_article_with_highlighted_quote_and_speaker(site: str, page: Any, shots: Path) -> None:
    page.goto(site + "/")
    page.fill("input[name=q]", "Gespräche")
    page.press("input[name=q]", "Enter")
    result = page.locator("ol.results li").first
    sync_api.expect(result).to_contain_text("Lawrow: Russland offen für Gespräche")
    sync_api.expect(result.locator("mark").first).to_be_visible()  # the matched word, highlighted
    assert "q=Gesp" in page.url
    page.screenshot(path=str(shots / "search.png"))
    result.locator("a.doc-link").click()
    page.wait_for_url("**/documents/de_lawrow")
    quote = page.locator(".article mark.hl-quote", has_text="Wir lehnen Gespräche nicht ab")
    sync_api.expect(quote).to_be_visible()
    assert quote.get_attribute("data-speaker") == "Sergey Lavrov"
    sync_api.expect(page.locator(".panel-quotes li").first).to_contain_text("Sergey Lavrov")
    sync_api.expect(page.locator(".article a.hl-actor", has_text="Sergej Lawrow")).to_have_attribute(
        "href", "/actors/sergey_lavrov")
    sync_api.expect(page.locator(".article .hl-time", has_text="am Dienstag")).to_be_visible()
    sync_api.expect(page.locator(".article .hl-figure", has_text="150.000")).to_be_visible()
    sync_api.expect(page.locator(".meta").first).to_contain_text("published 2022-02-08")  # no day lost in UTC-8
    page.screenshot(path=str(shots / "document.png"), full_page=True)
    page.uncheck("input[name=quotes]")  # the quotes layer switched off, kept in the URL
    sync_api.expect(page.locator(".article.off-quotes")).to_have_count(1)
    assert "off=quotes" in page.url
    assert page.errors == []


def test_serve_ui_actor_page_shows_roles_over_time_and_quotes(site: str, page: Any, shots: Path) -> None:
    page.goto(site + "/documents/de_lawrow")
    page.locator(".panel-quotes a.actor-link").first.click()
    page.wait_for_url("**/actors/sergey_lavrov")
    sync_api.expect(page.locator("h1.actor-name")).to_have_text("Sergey Lavrov")
    roles = page.locator("table.roles tbody tr")
    sync_api.expect(roles.first).to_be_visible()
    assert any(row.startswith("2004-") for row in roles.locator("td:nth-child(2)").all_inner_texts())
    sync_api.expect(page.locator(".actor-quotes li").first).to_contain_text("Wir lehnen Gespräche nicht ab")
    page.screenshot(path=str(shots / "actor.png"), full_page=True)


def test_serve_ui_hostile_title_and_text_stay_text(site: str, page: Any, shots: Path) -> None:
    page.goto(site + "/search?q=Gipfeltreffen")
    link = page.locator("ol.results a.doc-link")
    sync_api.expect(link).to_have_text(HOSTILE_TITLE)
    link.click()
    page.wait_for_url("**/documents/hostile")
    sync_api.expect(page.locator("h1.doc-title")).to_have_text(HOSTILE_TITLE)
    sync_api.expect(page.locator(".article")).to_have_text(HOSTILE_TEXT)
    assert page.title() == HOSTILE_TITLE + " · Lagebild"
    for selector in ("main img", "main script", "main svg", "main style", "main iframe", "main a[href^='javascript']"):
        assert page.locator(selector).count() == 0, selector
    page.screenshot(path=str(shots / "hostile.png"))
    page.goto(site + "/documents")
    sync_api.expect(page.locator("table.rows")).to_contain_text(HOSTILE_TITLE)
    assert page.dialogs == [] and page.errors == []


def test_serve_ui_filters_survive_a_reload_in_the_url(site: str, page: Any, shots: Path) -> None:
    page.goto(site + "/quotes")
    sync_api.expect(page.locator("table.rows-quotes tbody tr")).to_have_count(4)
    page.fill("form.filters input[name=actor]", "Lawrow")
    page.fill("form.filters input[name=from]", "2022-02-08")
    page.fill("form.filters input[name=to]", "2022-02-08")
    page.click("form.filters button")
    page.wait_for_url("**/quotes?*actor=Lawrow*")
    rows = page.locator("table.rows-quotes tbody tr")
    sync_api.expect(rows).to_have_count(2)
    page.reload()
    sync_api.expect(rows).to_have_count(2)
    sync_api.expect(page.locator("form.filters input[name=actor]")).to_have_value("Lawrow")
    sync_api.expect(page.locator("form.filters input[name=from]")).to_have_value("2022-02-08")
    dates = page.locator("td[data-column=quote_date]").all_inner_texts()
    assert dates == ["2022-02-08", "2022-02-08"]  # ISO, as stored: no time-zone shift
    page.screenshot(path=str(shots / "quotes.png"))
    page.goto(site + "/quotes?actor=Lawrow&from=2022-02-09&to=2022-03-09")
    sync_api.expect(page.locator(".empty")).to_be_visible()
    assert page.errors == []


def test_serve_ui_events_and_commitments_are_highlighted_and_listed(site: str, page: Any, shots: Path) -> None:
    page.goto(site + "/documents/de_antalya")
    sync_api.expect(page.locator(".article .hl-event", has_text="traf")).to_be_visible()
    event = page.locator(".panel-events li").first
    sync_api.expect(event).to_contain_text("CONSULT")
    sync_api.expect(event.locator("a.actor-link").nth(1)).to_have_attribute("href", "/actors/dmytro_kuleba")
    sync_api.expect(page.locator(".panel-commitments li").first).to_contain_text("by 2022-04-01")
    page.goto(site + "/commitments?actor=Kuleba")
    sync_api.expect(page.locator("td[data-column=deadline]")).to_have_text(["2022-04-01"])
    page.goto(site + "/events?type=CONSULT&from=2022-03-10&to=2022-03-10")
    sync_api.expect(page.locator("td[data-column=location]")).to_have_text(["Antalya"])
    sync_api.expect(page.locator("form.filters input[name=type]")).to_have_value("CONSULT")
    page.screenshot(path=str(shots / "events.png"))
    assert page.errors == []


# The hostile payload corpus, one kind per entry: each is put in the title, in a quote next to a
# known speaker (so the reader wraps it in highlights) and in the body of an article that is
# ingested through the API and analysed by the real pipeline.
PAYLOADS = {
    "script_tag": "<script>alert(11)</script>",
    "script_in_attribute": '"><script>alert(12)</script>',
    "img_onerror": "<img src=x onerror=alert(13)>",
    "body_onload": "<body onload=alert(14)>",
    "div_onmouseover": '<div onmouseover="alert(15)" style="position:fixed;inset:0">x</div>',
    "javascript_url": '<a href="javascript:alert(16)">klick</a>',
    "javascript_url_entity": '<a href="jav&#x09;ascript:alert(17)">klick</a>',
    "svg_onload": "<svg onload=alert(18)>",
    "svg_slash_onload": "<svg/onload=alert(19)>",
    "svg_script": "<svg><script>alert(20)</script></svg>",
    "css_style_tag": "<style>*{display:none!important}</style>",
    "css_style_attribute": '<p style="background:url(javascript:alert(21))">x</p>',
    "css_close_and_reopen": "</style><style>main{visibility:hidden}</style>",
    "css_import": "<style>@import url(//evil.example/x.css);</style>",
    "iframe_srcdoc": '<iframe srcdoc="<script>alert(22)</script>"></iframe>',
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(23)">',
    "object_data": '<object data="javascript:alert(24)"></object>',
    "template_braces": "{{constructor.constructor('alert(25)')()}} ${alert(26)}",
    "mark_injection": "</mark><img src=x onerror=alert(27)><mark>",
    **{name: value for name, value in HTML.items()},
}
FTS_QUERIES = [*FTS.values(), '"Gipfel AND (', "<script>alert(6)</script>", "NEAR(a b) OR -* ^"]
FORBIDDEN = ("img", "script", "svg:not(.network)", "svg script", "style", "iframe", "object", "embed", "meta", "body", "p[style]",
             "[onerror]", "[onload]", "[onmouseover]", "a[href^='javascript']", "a[href^='jav']")


@pytest.fixture(scope="module")
def hostile_corpus(site: str) -> list[str]:
    """Export ids of the hostile articles, ingested through the API (the real pipeline ran)."""
    articles = [{
        "id": f"hostile_{name}", "published": "2022-02-10", "title": f"{payload} Titel", "author": payload,
        "outlet": payload[:60], "url": "javascript:alert(9)", "language": "de",
        "text": (f"Außenminister Sergej Lawrow sagte am Dienstag in Moskau: „{payload} Wir verhandeln "
                 f"weiter.“ {payload} Bundeskanzler Olaf Scholz reiste nach Kiew. Rund 300 Panzer {payload}."),
    } for name, payload in PAYLOADS.items()]
    response = httpx.post(site + "/api/v1/documents", json={"articles": articles, "policy": "keep"},
                          headers={"Authorization": f"Bearer {TOKEN}"}, timeout=300)
    assert response.status_code == 201, response.text
    ids = [d["id"] for d in response.json()["documents"]]
    assert len(ids) == len(PAYLOADS), response.text
    return ids


def assert_inert(page: Any) -> None:
    for selector in FORBIDDEN:
        assert page.locator("main " + selector).count() == 0, selector
    assert page.locator("main").is_visible()  # no injected style hid it
    assert page.evaluate("getComputedStyle(document.querySelector('main')).visibility") == "visible"
    assert page.dialogs == [] and page.errors == []


def test_serve_ui_hostile_corpus_ingested_through_the_api_stays_inert(site: str, hostile_corpus: list[str],
                                                                       page: Any, shots: Path) -> None:
    for export_id in hostile_corpus:
        stored = httpx.get(f"{site}/api/v1/documents/{export_id}").json()
        page.goto(f"{site}/documents/{export_id}")
        sync_api.expect(page.locator(".article")).to_have_text(stored["text"])
        sync_api.expect(page.locator("h1.doc-title")).to_have_text(stored["title"])
        assert page.locator(".article .hl-quote").count() >= 1, export_id  # the payload sat inside a highlight
        page.locator(".article .hl").first.hover()
        if export_id == "hostile_div_onmouseover":
            page.screenshot(path=str(shots / "hostile-corpus-document.png"), full_page=True)
        if page.locator(".meta a").count():
            page.locator(".meta a").last.click()  # the javascript: source link goes nowhere
        assert_inert(page)
    for path in ("/search?q=verhandeln", "/documents", "/quotes?actor=Lawrow", "/actors/sergey_lavrov", "/timeline",
                 "/network", "/ledger", "/matrix", "/briefing"):
        page.goto(site + path)
        sync_api.expect(page.locator("main h1").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert_inert(page)
    page.goto(site + "/search?q=verhandeln")
    sync_api.expect(page.locator("ol.results li")).to_have_count(20)  # a page; the rest behind "Next page"
    sync_api.expect(page.locator("a.next")).to_be_visible()
    page.screenshot(path=str(shots / "hostile-corpus-search.png"), full_page=True)


@pytest.mark.parametrize("query", FTS_QUERIES)
def test_serve_ui_search_answers_full_text_syntax_as_words(site: str, page: Any, query: str) -> None:
    page.goto(site + "/search?q=" + quote(query))
    sync_api.expect(page.locator("input[name=q]")).to_have_value(query)
    sync_api.expect(page.locator("ol.results, .empty")).to_have_count(1)  # answered, not an error
    assert page.locator(".error").count() == 0
    assert_inert(page)


def test_serve_ui_actor_to_timeline_network_and_ledger_as_permalinks(site: str, page: Any, shots: Path) -> None:
    page.goto(site + "/actors/dmytro_kuleba")
    page.locator("a.timeline-link").click()
    page.wait_for_url("**/timeline?actor=dmytro_kuleba")
    event = page.locator("ol.timeline li.tl-event").first
    sync_api.expect(event).to_contain_text("CONSULT")
    sync_api.expect(event.locator(".tl-date")).to_have_text("2022-03-10")
    sync_api.expect(event.locator("a.actor-link", has_text="Sergey Lavrov")).to_have_attribute("href", "/actors/sergey_lavrov")
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)
    page.fill("form.filters input[name=as_of]", "2022-03-01")  # before any report of the meeting
    page.click("form.filters button")
    page.wait_for_url("**/timeline?*as_of=2022-03-01*")
    sync_api.expect(page.locator(".empty")).to_be_visible()
    page.reload()  # the as-of date lives in the URL
    sync_api.expect(page.locator("form.filters input[name=as_of]")).to_have_value("2022-03-01")
    page.goto(site + "/network?from=2022-03-01&to=2022-03-31")
    sync_api.expect(page.locator("svg.network a.node")).to_have_count(2)
    sync_api.expect(page.locator("table.edges tbody tr").first).to_contain_text("Dmytro Kuleba")
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    page.goto(site + "/ledger?actor=Kuleba&as_of=2022-03-20")
    sync_api.expect(page.locator("td[data-column=status]")).to_have_text(["pending"])
    page.goto(site + "/ledger?actor=Kuleba&as_of=2022-05-01")
    sync_api.expect(page.locator("td[data-column=status]")).to_have_text(["overdue"])
    page.screenshot(path=str(shots / "ledger.png"), full_page=True)
    page.goto(site + "/matrix?by=actor&period=month")
    cell = page.locator("td[data-cell='sergey_lavrov/nato_membership_ukraine/2022-03']")
    sync_api.expect(cell).to_have_text("oppose")
    cell.locator("a").click()  # each cell links to its evidence
    page.wait_for_url("**/documents/de_antalya")
    page.goto(site + "/briefing?from=2022-01-01&to=2022-12-31")
    sync_api.expect(page.locator("main h1")).to_have_text("Briefing 2022-01-01 to 2022-12-31")
    sync_api.expect(page.locator("p.footer")).to_contain_text("candidate sentences")
    assert page.errors == []
