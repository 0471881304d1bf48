"""The website as a reader meets it: built once, served on 127.0.0.1, driven with Chromium.

The module fixture ``site`` builds the book in quick mode (``EMBEDDINGS_QUICK=1
jupyter-book build . --all -W -n --keep-going``) into ``_build/test-site/``
(HTML in ``_build/test-site/_build/html``; trained vectors cached in
``_build/test-site-cache/``), or uses the HTML folder named by the
environment variable ``SITE_HTML`` when it is set (a site built beforehand).
A small HTTP server serves it on 127.0.0.1 and headless Chromium, driven through
Playwright, opens every page listed in ``_toc.yml`` once; the tests below check
what that visit recorded:

* the build itself has no warning, and every page of ``_toc.yml`` was built;
* no JavaScript error (console errors and uncaught exceptions) on any page;
* the browser never needs anything but 127.0.0.1: every other request is
  blocked and recorded, so MathJax (and the widget renderer, for a page with a live
  widget) must come from the site itself (``_ext/local_mathjax.py``, ``_ext/local_widgets.py``);
* each page has a title; its sidebar links to every page of the table of
  contents, and those links resolve;
* every ``<img>`` has alt text, loads, and is opaque (readable in dark mode);
* every link to the site itself resolves, anchors included;
* headings: one ``h1`` per page and no level skipped;
* the search page finds a chapter from a word of its title;
* the Binder button names the repository, the branch and the page's own
  source file, which exists; the ``.ipynb`` download is served and is a valid
  notebook with the cells of the source;
* every explorer is precomputed (``_ext/static_explorers.py``): one output per combination of
  its controls' positions, the one shown matching the controls, and no page saves an interactive
  widget (finished progress bars of training cells are still saved as widget state); on a sample of explorers every control, moved with the keyboard, shows the
  output the view gives for its value (``explorer-before.png`` and ``explorer-after.png`` are
  screenshots of the angle explorer before and after its angle moved);
* every chapter asks at least three questions on the page (jupyterquiz quizzes and
  think-first dropdowns whose answers stay hidden until asked); on three chapters each
  quiz question rejects a wrong answer and accepts the right one, with its explanation
  (``quiz-<page>.png`` is a screenshot of one answered);
* every citation links to an entry of its page's bibliography, every glossary term
  to its entry of the glossary;
* one search field per page (the sidebar's), and text printed by cells stays
  inside its box;
* page weight: every page with the assets it loads stays under
  :data:`PAGE_BUDGET_BYTES`, every image under :data:`IMAGE_BUDGET_BYTES`;
* the vector explorer, typed into with the keyboard, shows Gensim's neighbours and analogies
  for the same dequantised vectors (``vector-explorer.png`` is a screenshot of it);
* external links answer (skipped without internet).

Screenshots (test artefacts, rewritten at each run) are saved in
``_build/screenshots/``: ``intro.png``, ``figure-<page>.png`` (a chapter with a
figure), ``explorer-<page>.png`` (a chapter with an explorer) and
``dark-<page>.png`` (the chapter with a figure in the theme's dark mode).

Chromium is Debian's ``chromium`` (``scripts/setup.sh`` installs it as root), or
the browser named by the environment variable ``CHROMIUM``. Where none can be
found the browser tests are skipped with a message saying how to install it;
in continuous integration running as root they fail instead, because
``scripts/setup.sh`` must have installed it there.

All the browser tests live in this one module so that with pytest-xdist
(``--dist loadfile``) a single worker builds the site once.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import nbformat
import numpy as np
import pytest
import yaml

from lib.book.toc import toc_files
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)
pytestmark = pytest.mark.site  # minutes: pytest-xdist starts this module first (conftest.py)

BUILD_DIR = ROOT / "_build" / "test-site"
CACHE_DIR = ROOT / "_build" / "test-site-cache"
SCREENSHOTS = ROOT / "_build" / "screenshots"

PAGE_BUDGET_BYTES = 8_000_000
"""Most bytes one page may load: its HTML plus every script, style sheet, font and image.

Measured on the quick-mode site, uncompressed as the test server sends it: 6.2–6.6 MB for
chapters whose training cells save a progress bar as widget state (they load the widget
renderer, 1.9 MB), 4.0–4.6 MB for the other chapters (Font Awesome 1.5 MB, MathJax 1.2 MB
plus its fonts, the page with its precomputed explorers up to 0.5 MB, figures), less for the
other pages. The budget leaves about 20 % headroom over the heaviest.
"""

IMAGE_BUDGET_BYTES = 250_000
"""Largest image a page may show (measured: the largest figure is 93 kB)."""

BUILD_TIMEOUT_S = 1800
NAVIGATION_TIMEOUT_MS = 60_000
WIDGET_TIMEOUT_MS = 20_000


# ---------------------------------------------------------------------------
# Pages of the book, from _toc.yml
# ---------------------------------------------------------------------------

def source_of(entry: str) -> Path:
    """The source file of a toc entry. Example: ``"intro"`` → ``ROOT / "intro.md"``."""
    for suffix in (".md", ".ipynb"):
        if (ROOT / f"{entry}{suffix}").is_file():
            return ROOT / f"{entry}{suffix}"
    return ROOT / f"{entry}.md"


def is_notebook_page(entry: str) -> bool:
    text = source_of(entry).read_text(encoding="utf-8") if source_of(entry).is_file() else ""
    return text.startswith("---") and "jupytext:" in text.split("\n---", 1)[0]


# ---------------------------------------------------------------------------
# Build and serve
# ---------------------------------------------------------------------------

@dataclass
class Site:
    html: Path
    returncode: int
    log: str
    seconds: float


@pytest.fixture(scope="module")
def site() -> Site:
    given = os.environ.get("SITE_HTML")
    if given:
        html = Path(given).resolve()
        assert (html / "index.html").is_file(), f"SITE_HTML={given} holds no index.html"
        return Site(html=html, returncode=0, log="(SITE_HTML given: not built by the tests)", seconds=0.0)
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book) if jupyter_book.exists() else "jupyter-book",
               "build", str(ROOT), "--all", "-W", "-n", "--keep-going", "--path-output", str(BUILD_DIR)]
    start = time.perf_counter()
    # Its own cache of trained vectors (kept between runs): the notebook tests that run
    # beside this build in other workers never write the same cache file at once.
    env = dict(os.environ, EMBEDDINGS_QUICK="1", EMBEDDINGS_CACHE=str(CACHE_DIR))
    try:
        result = subprocess.run(command, cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired as timeout:   # its output names the page that was executing
        text = "".join(part.decode(errors="replace") if isinstance(part, bytes) else part or ""
                       for part in (timeout.stdout, timeout.stderr))   # bytes on POSIX, despite text=True
        pytest.fail(f"the book build did not finish in {BUILD_TIMEOUT_S} s; its output ends:\n{text[-6000:]}")
    seconds = time.perf_counter() - start
    lost = [line for line in result.stdout.splitlines() if line.startswith("kernel_replies:")]
    print(f"\nquick site built in {seconds:.0f} s; {lost[0] if lost else 'kernel_replies reported nothing'}")
    html = BUILD_DIR / "_build" / "html"
    if not (html / "index.html").is_file():
        pytest.fail("the book did not build:\n" + (result.stdout + result.stderr)[-6000:])
    return Site(html=html, returncode=result.returncode, log=result.stdout + result.stderr, seconds=seconds)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site.html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM``, else the first of chromium, chromium-browser, google-chrome on PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        message = ("no Chromium found: run `bash scripts/setup.sh` as root (it installs Debian's "
                   "chromium with apt-get), or set CHROMIUM=/path/to/chromium")
        if os.environ.get("CI") and hasattr(os, "geteuid") and os.geteuid() == 0:
            pytest.fail(message + " (continuous integration runs as root: it must be there)")
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="run `bash scripts/setup.sh` (playwright)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


# ---------------------------------------------------------------------------
# One visit per page
# ---------------------------------------------------------------------------

PAGE_SCRIPT = """
() => {
  const abs = (a) => a.href;
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const headings = article ? [...article.querySelectorAll('h1,h2,h3,h4,h5,h6')]
      .filter(h => !h.closest('.cell_output, .output, .jupyter-widgets'))
      .map(h => [Number(h.tagName[1]), h.textContent.trim().replace(/[#¶]$/, '')]) : [];
  return {
    title: document.title,
    ids: [...document.querySelectorAll('[id]')].map(e => e.id)
         .concat([...document.querySelectorAll('a[name]')].map(e => e.name)),
    links: [...document.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), abs(a)]),
    article_links: article ? [...article.querySelectorAll('a[href]')].map(abs) : [],
    sidebar: [...document.querySelectorAll('nav.bd-docs-nav a[href]')].map(abs),
    images: [...document.querySelectorAll('img')].map(img => ({
        src: img.currentSrc || img.src, alt: (img.getAttribute('alt') || '').trim(),
        loaded: img.complete && img.naturalWidth > 0, in_article: !!(article && article.contains(img))})),
    headings: headings,
    binder: [...document.querySelectorAll('a.btn[href*="mybinder.org"], a.dropdown-item[href*="mybinder.org"]')]
        .map(abs),
    ipynb: [...document.querySelectorAll('a.btn-download-ipynb-button')].map(abs),
    widget_views: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    widget_state: document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]').length,
    widget_models: [...new Set([...document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]')]
        .flatMap(s => Object.values(JSON.parse(s.textContent).state || {}).map(m => m.model_name)))],
    widgets: document.querySelectorAll('.jupyter-widgets').length,
    sliders: document.querySelectorAll('.widget-slider, .jupyter-widget-slider').length,
    widget_renderer: [...document.querySelectorAll('script[src]')].filter(e => /widgets\\/embed\\.js|html-manager/.test(e.src)).length,
    static_explorers: [...document.querySelectorAll('[data-static-explorer]')].map(e => ({
        controls: [...e.querySelectorAll('.static-explorer-control')].map(label => {
            const input = label.querySelector('input[type=range], select');
            return {kind: input ? input.tagName.toLowerCase() : null, label: label.querySelector('span')?.textContent,
                    positions: !input ? 0 : input.tagName === 'SELECT' ? input.options.length : Number(input.max) + 1,
                    value: input ? input.value : null, output: label.querySelector('output')?.textContent};
        }),
        keys: [...e.querySelectorAll('.static-explorer-output')].map(o => o.dataset.key),
        shown: [...e.querySelectorAll('.static-explorer-output')].filter(o => !o.hidden).map(o => o.dataset.key),
    })),
    quiz_questions: document.querySelectorAll('.Quiz').length,
    think_first: [...document.querySelectorAll('.admonition.dropdown')]
        .filter(e => /^Think first/.test((e.querySelector('.admonition-title') || e).textContent.trim())).length,
    think_first_hidden: [...document.querySelectorAll('.admonition.dropdown.toggle-hidden')]
        .filter(e => /^Think first/.test((e.querySelector('.admonition-title') || e).textContent.trim())).length,
    citations: [...document.querySelectorAll('.bibtex-citation a[href]')].map(abs),
    bibliography_ids: [...document.querySelectorAll('[role="doc-biblioentry"]')].map(e => e.id),
    terms: [...document.querySelectorAll('a[href] .std-term')].map(s => s.closest('a').href),
    glossary_ids: [...document.querySelectorAll('dl.glossary > dt[id]')].map(e => e.id),
    search_fields: [...document.querySelectorAll('.search-button-field')].filter(e => e.offsetParent !== null).length,
    header_search_fields: document.querySelectorAll('#pst-header .search-button-field').length,
    wide_outputs: [...document.querySelectorAll('.cell_output pre')]
        .filter(p => p.offsetParent !== null && p.scrollWidth > p.clientWidth + 1)
        .map(p => p.textContent.split('\\n').sort((a, b) => b.length - a.length)[0].slice(0, 80)),
    resources: performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .map(r => [r.name, r.decodedBodySize || r.encodedBodySize || r.transferSize || 0]),
  };
}
"""


@dataclass
class Visit:
    entry: str
    url: str
    status: int | None = None
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)


def page_url(server: str, entry: str) -> str:
    return urljoin(server, f"{entry}.html")


def new_context(browser, blocked: list[str], dark: bool = False):
    """A browser context that lets only 127.0.0.1 through; every other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)

    def route(route):
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    if dark:
        context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    return context


def visit(context, server: str, entry: str, blocked: list[str]) -> Visit:
    record = Visit(entry=entry, url=page_url(server, entry))
    page = context.new_page()
    page.on("console", lambda message: record.errors.append(f"console: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: record.errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: record.failed.append(
        f"{request.url} ({request.failure})") if urlsplit(request.url).hostname == "127.0.0.1" else None)
    page.on("response", lambda response: record.failed.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400 else None)
    start = len(blocked)
    response = page.goto(record.url, wait_until="load")
    record.status = response.status if response else None
    page.wait_for_load_state("networkidle")
    if page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count():
        try:
            page.wait_for_selector(".jupyter-widgets", timeout=WIDGET_TIMEOUT_MS)
            page.wait_for_load_state("networkidle")
        except Exception:  # a page with a live widget: reported by test_every_explorer_is_precomputed…
            pass
    record.data = page.evaluate(PAGE_SCRIPT)
    record.blocked = blocked[start:]
    record.page = page  # kept open for screenshots; closed with the context
    return record


@pytest.fixture(scope="module")
def visits(browser, server) -> dict[str, Visit]:
    """Visit every page of ``_toc.yml`` once; entry → what the visit recorded."""
    blocked: list[str] = []
    context = new_context(browser, blocked)
    records = {}
    start = time.perf_counter()
    for entry in toc_files():
        records[entry] = visit(context, server, entry, blocked)
        records[entry].page.close()
    print(f"\n{len(records)} pages visited in {time.perf_counter() - start:.0f} s")
    yield records
    context.close()


def problems_report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])


# ---------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------

def test_site_builds_without_warnings(site):
    warnings = [line for line in site.log.splitlines() if "WARNING" in line and "Kernel is running" not in line]
    assert site.returncode == 0, "the quick build failed:\n" + "\n".join(warnings[:40] or [site.log[-4000:]])


def test_every_toc_page_is_built_and_nothing_else(site):
    entries = toc_files()
    missing = [entry for entry in entries if not (site.html / f"{entry}.html").is_file()]
    assert not missing, f"pages of _toc.yml missing from the site: {missing}"
    pages = {p.relative_to(site.html).with_suffix("").as_posix() for p in site.html.rglob("*.html")
             if not p.relative_to(site.html).parts[0].startswith("_")}
    extra = pages - set(entries) - {"index", "genindex", "search"}
    assert not extra, f"pages built that _toc.yml does not list: {sorted(extra)}"


def test_widget_renderer_and_mathjax_are_served_by_the_site(site):
    """MathJax and the widget renderer are files of the site. Pages load the renderer only when they
    carry a saved widget state: no explorer saves one any more (they are precomputed), but the
    finished progress bars of training cells do (test_every_explorer_is_precomputed_with_working_controls
    lists those pages)."""
    assert (site.html / "_static" / "widgets" / "embed.js").is_file(), \
        "the widget renderer is not in the site: run `npm install --prefix _ext` (scripts/setup.sh does)"
    assert (site.html / "_static" / "mathjax" / "tex-mml-chtml.js").is_file(), \
        "MathJax is not in the site: run `npm install --prefix _ext` (scripts/setup.sh does)"


# ---------------------------------------------------------------------------
# Every page in the browser
# ---------------------------------------------------------------------------

def test_pages_load_without_javascript_errors(visits):
    problems = [f"{v.entry}: HTTP {v.status}" for v in visits.values() if v.status != 200]
    problems += [f"{v.entry}: {error}" for v in visits.values() for error in v.errors]
    problems += [f"{v.entry}: failed request {failure}" for v in visits.values() for failure in v.failed]
    assert not problems, problems_report(problems)


def test_no_request_leaves_127_0_0_1(visits):
    problems = [f"{v.entry}: blocked {url}" for v in visits.values() for url in v.blocked]
    assert not problems, problems_report(problems)


def test_every_page_has_a_title_matching_its_heading(visits):
    problems = []
    for v in visits.values():
        title, headings = v.data["title"].strip(), v.data["headings"]
        if not title or title.startswith("<no title>"):
            problems.append(f"{v.entry}: empty title")
        elif headings and headings[0][1].split(" ", 1)[-1][:20] not in title:
            problems.append(f"{v.entry}: title {title!r} does not name heading {headings[0][1]!r}")
    assert not problems, problems_report(problems)


def test_sidebar_links_every_toc_page(visits, server):
    wanted = {page_url(server, entry) for entry in toc_files()[1:]}
    problems = []
    for v in visits.values():
        linked = {link.split("#", 1)[0] for link in v.data["sidebar"]}
        missing = sorted(wanted - linked)
        if missing:
            problems.append(f"{v.entry}: sidebar lacks {[m.removeprefix(server) for m in missing]}")
        for link in linked - wanted - {page_url(server, "intro"), urljoin(server, "index.html"), server}:
            problems.append(f"{v.entry}: sidebar links {link} outside the table of contents")
    assert not problems, problems_report(problems)


def local_target(site: Site, server: str, url: str) -> Path | None:
    """The file of the site that a URL of the test server names (None for other hosts)."""
    if not url.startswith(server):
        return None
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site.html / path
    return target / "index.html" if target.is_dir() or not path else target


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value or "")


@functools.lru_cache(maxsize=None)
def ids_of(path: Path) -> frozenset[str]:
    collector = IdCollector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(collector.ids)


def test_internal_links_and_anchors_resolve(visits, site, server):
    problems, checked = [], 0
    for v in visits.values():
        own_ids = set(v.data["ids"])
        for raw, url in v.data["links"]:
            target = local_target(site, server, url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                problems.append(f"{v.entry}: {raw} → missing {target.relative_to(site.html)}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if not fragment or target.suffix != ".html":
                continue
            ids = own_ids if url.split("#")[0] == v.url else ids_of(target)
            if fragment not in ids:
                problems.append(f"{v.entry}: {raw} → no anchor #{fragment} in {target.relative_to(site.html)}")
    assert checked > len(visits), "no internal link found: the pages were not read"
    assert not problems, problems_report(problems)


def test_every_image_has_alt_text_and_loads(visits):
    problems, count = [], 0
    for v in visits.values():
        for image in v.data["images"]:
            count += 1
            if not image["alt"]:
                problems.append(f"{v.entry}: <img src={image['src']}> has no alt text")
            if not image["loaded"]:
                problems.append(f"{v.entry}: <img src={image['src']}> did not load")
    assert count, "no image on any page"
    assert not problems, problems_report(problems)


def image_file(site: Site, server: str, src: str) -> Path | None:
    target = local_target(site, server, src)
    return target if target is not None and target.is_file() else None


def opacity_problem(path: Path) -> str | None:
    """Why a raster image would be unreadable on a dark page, or None.

    Example: a PNG with an alpha channel whose pixels are partly transparent →
    ``"12.5 % of its pixels are transparent"``; an opaque PNG → None.
    """
    from PIL import Image

    with Image.open(path) as image:
        if image.mode in ("P", "PA") and "transparency" in image.info:
            image = image.convert("RGBA")
        if "A" not in image.getbands():
            return None
        alpha = image.getchannel("A")
        histogram = alpha.histogram()
        transparent = sum(histogram[:250])
        if transparent:
            return f"{100 * transparent / (image.width * image.height):.1f} % of its pixels are transparent"
    return None


def test_figures_are_opaque_for_dark_mode(visits, site, server):
    problems, rasters = [], 0
    for v in visits.values():
        for image in v.data["images"]:
            path = image_file(site, server, image["src"]) if image["src"].startswith("http") else None
            if image["src"].startswith("data:image/png"):
                import base64
                import io
                path = io.BytesIO(base64.b64decode(image["src"].split(",", 1)[1]))
            if path is None or (isinstance(path, Path) and path.suffix.lower() == ".svg"):
                continue  # theme icons (SVG) draw on both backgrounds
            rasters += 1
            reason = opacity_problem(path)
            if reason:
                problems.append(f"{v.entry}: {image['src'][:90]}: {reason}")
    assert rasters, "no raster figure found on any page"
    assert not problems, problems_report(problems)


def test_headings_one_h1_and_no_level_skipped(visits):
    problems = []
    for v in visits.values():
        levels = [level for level, _ in v.data["headings"]]
        if levels.count(1) != 1 or (levels and levels[0] != 1):
            problems.append(f"{v.entry}: {levels.count(1)} h1 headings (the first heading must be the only h1)")
        for (before, _), (level, text) in zip(v.data["headings"], v.data["headings"][1:]):
            if level > before + 1:
                problems.append(f"{v.entry}: h{before} followed by h{level} ({text!r})")
    assert not problems, problems_report(problems)


def test_page_weight_budget(visits, site, server):
    problems, weights = [], {}
    for v in visits.values():
        total = 0
        for url, size in v.data["resources"]:
            target = local_target(site, server, url)
            if target is not None and target.is_file():
                size = max(size, target.stat().st_size)
            total += size
        weights[v.entry] = total
        if total > PAGE_BUDGET_BYTES:
            problems.append(f"{v.entry}: {total:,} bytes > {PAGE_BUDGET_BYTES:,}")
        for image in v.data["images"]:
            path = image_file(site, server, image["src"]) if image["src"].startswith("http") else None
            size = path.stat().st_size if path else len(image["src"]) * 3 // 4
            if size > IMAGE_BUDGET_BYTES:
                problems.append(f"{v.entry}: image {image['src'][:80]} is {size:,} bytes > {IMAGE_BUDGET_BYTES:,}")
    heaviest, lightest = max(weights, key=weights.get), min(weights, key=weights.get)
    print("\npage weights (bytes):\n" + "\n".join(f"{weights[e]:>11,}  {e}" for e in sorted(weights, key=weights.get)))
    print(f"\npage weights: {lightest} {weights[lightest]:,} bytes to {heaviest} {weights[heaviest]:,} bytes")
    assert min(weights.values()) > 50_000, "pages load implausibly little: the weights were not measured"
    assert not problems, problems_report(problems)


# ---------------------------------------------------------------------------
# Search, Binder, downloads, widgets
# ---------------------------------------------------------------------------

def search_term(title: str) -> str:
    """The longest word of a page title. Example: ``"3. Cosine similarity"`` → ``"similarity"``."""
    words = re.findall(r"[A-Za-z]{4,}", title)
    return max(words, key=len).lower()


def test_search_finds_chapters(browser, server, visits):
    chapters = [entry for entry in toc_files() if entry.startswith("chapters/")]
    assert chapters, "no chapter in _toc.yml"
    problems = []
    blocked: list[str] = []
    context = new_context(browser, blocked)
    for entry in (chapters[0], chapters[len(chapters) // 2], chapters[-1]):
        heading = visits[entry].data["headings"][0][1]
        term = search_term(heading)
        page = context.new_page()
        page.goto(urljoin(server, f"search.html?q={term}"), wait_until="load")
        try:
            page.wait_for_function(
                "() => { const s = document.querySelector('#search-results .search-summary, "
                "#search-results p'); return s && /found|did not match/i.test(s.textContent); }",
                timeout=30_000)
        except Exception as error:
            problems.append(f"search for {term!r} never finished: {error}")
            continue
        hits = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
        if not any(hit.split("?")[0].split("#")[0] == page_url(server, entry) for hit in hits):
            problems.append(f"search for {term!r} (from {heading!r}) does not list {entry}: "
                            f"{[h.removeprefix(server) for h in hits][:10]}")
        page.close()
    context.close()
    assert not blocked, f"search needed other hosts: {blocked}"
    assert not problems, problems_report(problems)


def repository_settings() -> tuple[str, str]:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["repository"]["url"].rstrip("/")
    return "/".join(urlsplit(url).path.strip("/").split("/")[:2]), config["repository"]["branch"]


def tracked_files() -> set[str] | None:
    try:
        result = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return set(result.stdout.splitlines())


def test_binder_buttons_open_the_page_source(visits):
    repo, branch = repository_settings()
    tracked = tracked_files()
    problems = []
    for v in visits.values():
        if not is_notebook_page(v.entry):
            continue
        links = v.data["binder"]
        if len(links) != 1:
            problems.append(f"{v.entry}: {len(links)} Binder launch buttons")
            continue
        parts = urlsplit(links[0])
        expected_path = f"/v2/gh/{repo}/{branch}"
        source = source_of(v.entry).relative_to(ROOT).as_posix()
        if parts.path != expected_path:
            problems.append(f"{v.entry}: Binder path {parts.path} is not {expected_path}")
        if parts.query != f"urlpath=lab/tree/{source}":
            problems.append(f"{v.entry}: Binder opens {parts.query!r}, not {source}")
        opened = parts.query.split("lab/tree/", 1)[-1]
        if not (ROOT / opened).is_file() or (tracked is not None and opened not in tracked):
            problems.append(f"{v.entry}: Binder opens {opened}, which is not a file of the repository")
    assert any(is_notebook_page(entry) for entry in visits), "no notebook page"
    assert not problems, problems_report(problems)


def test_ipynb_download_is_served_and_valid(visits, server):
    import jupytext

    problems, checked = [], 0
    for v in visits.values():
        if not is_notebook_page(v.entry):
            continue
        links = v.data["ipynb"]
        if links != [page_url(server, v.entry).removesuffix(".html") + ".ipynb"]:
            problems.append(f"{v.entry}: .ipynb download links {links}")
            continue
        with urllib.request.urlopen(links[0], timeout=30) as response:
            notebook = nbformat.reads(response.read().decode("utf-8"), as_version=4)
        nbformat.validate(notebook)
        source = jupytext.read(source_of(v.entry))
        if [c.source for c in notebook.cells] != [c.source for c in source.cells]:
            problems.append(f"{v.entry}: the downloaded notebook's cells differ from {source_of(v.entry).name}")
        checked += 1
    assert checked, "no notebook page"
    assert not problems, problems_report(problems)


LIVE_WIDGET_PAGES: set[str] = set()
"""Pages that show an interactive ipywidgets snapshot by design (none: every explorer is precomputed)."""

PROGRESS_BAR_MODELS = {"HBoxModel", "HTMLModel", "FloatProgressModel", "LayoutModel", "HTMLStyleModel",
                       "ProgressStyleModel"}
"""The widget models of a finished tqdm progress bar (a training cell's): saved, but nothing to move."""

EXPLORER_CALL = re.compile(r"^\w+_(?:explorer|stepper)\(", re.M)


def explorer_calls(entry: str) -> int:
    """How many code cells of a page's source end by displaying a ``lib.widgets`` explorer."""
    path = source_of(entry)
    if path.suffix != ".md":
        return 0
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)
    return sum(bool(EXPLORER_CALL.search(cell.strip().splitlines()[-1])) for cell in cells if cell.strip())


def test_every_explorer_is_precomputed_with_working_controls(visits):
    """Every explorer a page displays is the website's static version: each control (a range slider
    or a select) has at least one position, there is one output per combination of positions, and
    the one shown is the one for the controls' positions, named by each control's readout. No page
    saves an interactive widget (a slider, a text box…) unless it has one by design, and a page
    without any saved widget state does not load the widget renderer; the finished progress bars
    of training cells are still saved as widget states (listed, not failed)."""
    problems, explorers, progress_only = [], 0, []
    for v in visits.values():
        interactive = set(v.data["widget_models"]) - PROGRESS_BAR_MODELS
        if v.data["widget_state"] and not interactive:
            progress_only.append(v.entry)
        found = v.data["static_explorers"]
        explorers += len(found)
        expected = explorer_calls(v.entry)
        if len(found) < expected:
            problems.append(f"{v.entry}: {expected} explorers in the source, {len(found)} precomputed on the page")
        if v.entry not in LIVE_WIDGET_PAGES and interactive:
            problems.append(f"{v.entry}: saves interactive widgets ({', '.join(sorted(interactive))}); "
                            "its explorers should be precomputed")
        if not v.data["widget_state"] and v.data["widget_renderer"]:
            problems.append(f"{v.entry}: loads the widget renderer without any widget state")
        for n, explorer in enumerate(found):
            where = f"{v.entry} explorer {n + 1}"
            controls = explorer["controls"]
            if not controls or any(c["kind"] is None or c["positions"] < 1 for c in controls):
                problems.append(f"{where}: a control without a slider or select: {controls}")
                continue
            combinations = [tuple(map(str, key)) for key in np.ndindex(*[c["positions"] for c in controls])]
            if sorted(explorer["keys"]) != sorted("-".join(key) for key in combinations):
                problems.append(f"{where}: outputs {explorer['keys'][:8]}… are not one per combination of "
                                f"{[c['positions'] for c in controls]} positions")
            position = "-".join(c["value"] for c in controls)
            if explorer["shown"] != [position]:
                problems.append(f"{where}: shows {explorer['shown']} with the controls at {position}")
            if any(not (c["output"] or "").strip() for c in controls):
                problems.append(f"{where}: a control's readout is empty")
    print(f"\npages whose only saved widgets are progress bars: {progress_only}")
    print(f"{explorers} precomputed explorers on {sum(bool(v.data['static_explorers']) for v in visits.values())} pages")
    assert explorers, "no page shows a precomputed explorer: was the site built with _ext/static_explorers.py?"
    assert not problems, problems_report(problems)


def page_text(fragment: str) -> str:
    """The text a browser shows for an HTML fragment (its ``textContent``). Example: ``"<b>a</b> &amp; b"`` → ``"a & b"``."""
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def sparsity_text(positions):
    from lib.widgets.similarity import SPARSITY_DIMENSIONS, VOCABULARY_SIZES, sparsity_view
    V, d = VOCABULARY_SIZES[positions[0]], SPARSITY_DIMENSIONS[positions[1]]
    return page_text(sparsity_view(V, d).html)


def angle_text(positions):
    import matplotlib.pyplot as plt
    from lib.widgets.similarity import ANGLE_GRID, LENGTH_GRID, angle_view
    shown = angle_view(ANGLE_GRID[positions[0]], LENGTH_GRID[positions[1]])
    plt.close(shown.figure)
    return page_text(shown.html)


def window_text(positions):
    from lib.text.corpus import toy_tokens
    from lib.widgets.windows import WINDOW_GRID, window_view
    tokens = toy_tokens()
    return page_text(window_view(tokens, positions[0], [w for w in WINDOW_GRID if w < len(tokens)][positions[1]]).html)


def dimension_text(positions):
    from lib.widgets.geometry import DIMENSION_GRID, dimension_view
    import matplotlib.pyplot as plt
    shown = dimension_view(DIMENSION_GRID[positions[0]])
    plt.close(shown.figure)
    return page_text(shown.html)


@functools.lru_cache(maxsize=1)
def huffman_explorer_inputs():
    """Chapter 11b's tree, words and counts, built as the quick build builds them, and the words offered."""
    from lib.config import full_or_quick
    from lib.skipgram.huffman import huffman_tree
    from lib.text import Vocabulary, load_shipped_corpus
    from lib.widgets.huffman import huffman_path_explorer
    vocab = Vocabulary.from_sentences(load_shipped_corpus(full_or_quick(None, 30_000)), min_count=5)
    tree = huffman_tree(vocab.counts)
    offered = huffman_path_explorer(tree, vocab.words, vocab.counts, "king").controls["word"].values()
    return tree, vocab.words, vocab.counts, offered


def huffman_text(positions):
    import matplotlib.pyplot as plt
    from lib.widgets.huffman import huffman_path_view
    tree, words, counts, offered = huffman_explorer_inputs()
    shown = huffman_path_view(tree, words, counts, offered[positions[0]])
    plt.close(shown.figure)
    return page_text(shown.html)


KEYBOARD_EXPLORERS = [
    # (page, label of the explorer's first control, expected text for the positions, or None)
    ("chapters/06_high_dimensional_geometry", "dimension d", dimension_text),
    ("chapters/11b_cbow_hierarchical_softmax", "word", huffman_text),
    ("chapters/02_characters_to_meaning", "V", sparsity_text),
    ("chapters/03_cosine_similarity", "θ (degrees)", angle_text),
    ("chapters/04_context_windows", "center", window_text),
    ("chapters/05_vector_arithmetic", "question", None),
]
"""Explorers moved with the keyboard; the text of each output is computed here with the same view
where that is cheap (the analogy explorer's needs the chapter's trained vectors: its question and
method are checked instead)."""


def test_explorer_controls_move_with_the_keyboard(browser, server):
    """Moves every control of a sample of explorers with the keyboard (focus, then End, ArrowLeft and
    Home on a slider; ArrowDown on a select) and checks each time that the output shown is the one
    rendered for the controls' positions, that its text is what the view gives for those values, and
    that each control's readout names its value; ``explorer-before.png`` and ``explorer-after.png``
    are screenshots of the angle explorer before and after its angle moved."""
    blocked: list[str] = []
    context = new_context(browser, blocked)
    problems, moves = [], 0
    for entry, first_label, expected_text in KEYBOARD_EXPLORERS:
        record = visit(context, server, entry, blocked)
        page = record.page
        explorer = page.locator("[data-static-explorer]").filter(
            has=page.locator(".static-explorer-control > span", has_text=re.compile(f"^{re.escape(first_label)}$")))
        assert explorer.count() == 1, f"{entry}: no explorer whose first control is {first_label!r}"
        explorer.scroll_into_view_if_needed()
        controls = explorer.locator(".static-explorer-control")
        screenshot = entry.endswith("03_cosine_similarity")
        if screenshot:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            explorer.screenshot(path=str(SCREENSHOTS / "explorer-before.png"))
        for i in range(controls.count()):
            control = controls.nth(i).locator("input[type=range], select")
            is_select = control.evaluate("e => e.tagName") == "SELECT"
            keys = ["ArrowDown", "ArrowUp"] if is_select else ["End", "ArrowLeft", "Home", "ArrowRight"]
            for key in keys:
                before = explorer.locator(".static-explorer-output:not([hidden])").get_attribute("data-key")
                control.focus()
                page.keyboard.press(key)
                state = explorer.evaluate("""e => ({
                    positions: [...e.querySelectorAll('.static-explorer-control')].map(l => Number(l.querySelector('input, select').value)),
                    names: [...e.querySelectorAll('.static-explorer-control')].map(l => {
                        const c = l.querySelector('input, select');
                        return c.tagName === 'SELECT' ? c.options[c.selectedIndex].text : JSON.parse(c.dataset.labels)[Number(c.value)];
                    }),
                    readouts: [...e.querySelectorAll('.static-explorer-control output')].map(o => o.textContent),
                    shown: [...e.querySelectorAll('.static-explorer-output')].filter(o => !o.hidden).map(o => [o.dataset.key, o.textContent])})""")
                where = f"{entry} {first_label!r}, control {i + 1}, {key}"
                key_now = "-".join(map(str, state["positions"]))
                moves += 1
                if [k for k, _ in state["shown"]] != [key_now]:
                    problems.append(f"{where}: shows {[k for k, _ in state['shown']]} with the controls at {key_now}")
                    continue
                if key_now == before:
                    problems.append(f"{where}: the key did not move the control (still {key_now})")
                if state["readouts"] != state["names"]:
                    problems.append(f"{where}: readouts {state['readouts']} do not name the values {state['names']}")
                text = state["shown"][0][1]
                if expected_text is not None and not text.startswith(expected_text(state["positions"])):
                    problems.append(f"{where}: shows {text[:120]!r}, expected {expected_text(state['positions'])[:120]!r}")
                if expected_text is None:       # the analogy explorer: its question and its method
                    question, method = state["names"]
                    if not text.startswith(question) or method.lower() not in text:
                        problems.append(f"{where}: shows {text[:120]!r} for {question} with {method}")
                if screenshot and i == 0 and key == "End":
                    explorer.screenshot(path=str(SCREENSHOTS / "explorer-after.png"))
                    screenshot = False
        record.page.close()
        problems += [f"{entry}: {error}" for error in record.errors]
    context.close()
    print(f"\n{moves} keyboard moves over {len(KEYBOARD_EXPLORERS)} explorers")
    assert not blocked, blocked
    assert not problems, problems_report(problems)
    shots = [SCREENSHOTS / "explorer-before.png", SCREENSHOTS / "explorer-after.png"]
    assert shots[0].read_bytes() != shots[1].read_bytes(), "moving the angle did not change the explorer"


# ---------------------------------------------------------------------------
# Self-checks, citations, glossary, page furniture
# ---------------------------------------------------------------------------

def chapter_entries(visits) -> list[str]:
    """The chapter pages visited, without the appendix. Example: → ``["chapters/01_representation_problem", …]``."""
    return [entry for entry in visits if entry.startswith("chapters/") and not entry.startswith("chapters/99_")]


def test_every_chapter_asks_three_questions_with_hidden_answers(visits):
    """Quiz questions (jupyterquiz) and think-first questions (answers in a closed dropdown) on every chapter page."""
    problems, counts = [], {}
    for entry in chapter_entries(visits):
        data = visits[entry].data
        counts[Path(entry).name] = (data["quiz_questions"], data["think_first"])
        if data["quiz_questions"] + data["think_first"] < 3:
            problems.append(f"{entry}: {data['quiz_questions']} quiz and {data['think_first']} think-first questions (< 3)")
        if data["think_first_hidden"] != data["think_first"]:
            problems.append(f"{entry}: {data['think_first'] - data['think_first_hidden']} think-first answers shown before asked")
    print("\nquiz and think-first questions per chapter: "
          + ", ".join(f"{name[:3].rstrip('_')} {q}+{t}" for name, (q, t) in counts.items()))
    assert chapter_entries(visits), "no chapter visited"
    assert not problems, problems_report(problems)


def quiz_pages(visits) -> list[str]:
    """Three chapters with a quiz (first, middle, last): each answer is tried on those, to keep CI time low."""
    from lib.book.quiz import quiz_path
    entries = [e for e in chapter_entries(visits) if quiz_path(Path(e).name).is_file()]
    return sorted({entries[0], entries[len(entries) // 2], entries[-1]}, key=entries.index) if entries else []


def wrong_number(answers: list[dict]) -> float:
    """A number below every range and value of a numeric question. Example: ranges [14, 14.01) and [20, 20.01) → -21.01."""
    bounds = [abs(x) for a in answers for x in a.get("range", [a.get("value", 0)])]
    return -1 - max(bounds, default=0)


def test_quizzes_accept_the_right_answer_and_reject_a_wrong_one(browser, server, visits):
    from lib.book.quiz import load_quiz
    pages = quiz_pages(visits)
    assert pages, "no chapter page has a quiz"
    problems, tried = [], 0
    blocked: list[str] = []
    context = new_context(browser, blocked)
    for entry in pages:
        record = visit(context, server, entry, blocked)
        page = record.page
        quizzes = page.locator(".Quiz")
        questions = load_quiz(Path(entry).name)
        if quizzes.count() != len(questions):
            problems.append(f"{entry}: {quizzes.count()} quiz questions shown, {len(questions)} in its quiz file")
            continue
        for index, question in enumerate(questions):
            quiz = quizzes.nth(index)
            feedback = quiz.locator(".Feedback")
            right = [a for a in question["answers"] if a.get("correct")][0]
            if question["type"] == "multiple_choice":
                wrong = [a for a in question["answers"] if not a.get("correct")][0]
                attempts = [(wrong, False), (right, True)]
                for answer, correct in attempts:
                    quiz.locator(".MCButton", has_text=answer["answer"]).first.click()
                    verdict = feedback.get_attribute("class") or ""
                    if ("correct" in verdict.split()) != correct or answer["feedback"][:30] not in feedback.inner_text():
                        problems.append(f"{entry} question {index + 1}: answer {answer['answer'][:40]!r} gave "
                                        f"{verdict!r}: {feedback.inner_text()[:80]!r}")
            else:
                low, high = right["range"] if "range" in right else (right["value"], right["value"])
                attempts = [(wrong_number(question["answers"]), False, None), ((low + high) / 2, True, right)]
                for number, correct, answer in attempts:
                    field = quiz.locator("input.Input-text")
                    field.fill(f"{number:g}")
                    field.press("Enter")
                    verdict = feedback.get_attribute("class") or ""
                    if ("correct" in verdict.split()) != correct or (
                            answer and answer["feedback"][:30] not in feedback.inner_text()):
                        problems.append(f"{entry} question {index + 1}: {number:g} gave {verdict!r}: "
                                        f"{feedback.inner_text()[:80]!r}")
            tried += 1
        think = page.locator(".admonition.dropdown", has_text="Think first").first
        if think.count():
            answer = think.locator(".admonition-title ~ *").first
            shown_before = answer.is_visible()
            think.locator(".admonition-title").click()
            page.wait_for_timeout(500)
            if shown_before or not answer.is_visible():
                problems.append(f"{entry}: a think-first answer is shown before it is asked for, or not after")
        if entry == pages[0]:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            quizzes.first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / f"quiz-{Path(entry).name}.png"))
        problems += [f"{entry}: {error}" for error in record.errors]
        page.close()
    context.close()
    print(f"\n{tried} quiz questions answered right and wrong on {pages}")
    assert not blocked, f"quizzes needed other hosts: {blocked}"
    assert not problems, problems_report(problems)


def anchor_target(url: str, server: str) -> tuple[str, str]:
    """The page and anchor a link points at. Example: ``…/appendix/glossary.html#term-epoch`` → ``("appendix/glossary", "term-epoch")``."""
    parts = urlsplit(url)
    return unquote(parts.path).lstrip("/").removesuffix(".html"), unquote(parts.fragment)


def test_citations_and_glossary_terms_link_to_their_entries(visits, server):
    problems, citations, terms = [], 0, 0
    glossary = [entry for entry, v in visits.items() if v.data["glossary_ids"]]
    assert glossary, "no page has a glossary"
    for v in visits.values():
        for url in v.data["citations"]:
            page, anchor = anchor_target(url, server)
            citations += 1
            if page not in visits or anchor not in visits[page].data["bibliography_ids"]:
                problems.append(f"{v.entry}: citation {url.removeprefix(server)} is no bibliography entry")
        for url in v.data["terms"]:
            page, anchor = anchor_target(url, server)
            terms += 1
            if page not in visits or anchor not in visits[page].data["glossary_ids"]:
                problems.append(f"{v.entry}: term link {url.removeprefix(server)} is no glossary entry")
    for entry in chapter_entries(visits):
        if not visits[entry].data["terms"]:
            problems.append(f"{entry}: no link to the glossary")
        cites = "{cite:" in source_of(entry).read_text(encoding="utf-8")
        if cites and not visits[entry].data["citations"]:
            problems.append(f"{entry}: cites works in its source, but the page shows no citation link")
    print(f"\n{citations} citation links and {terms} glossary links checked")
    assert citations and terms, (citations, terms)
    assert not problems, problems_report(problems)


def test_one_search_field_and_printed_lines_wrap(visits):
    """The sidebar's search field is the only one; text printed by cells stays inside its box."""
    problems = []
    for v in visits.values():
        if v.data["search_fields"] != 1 or v.data["header_search_fields"]:
            problems.append(f"{v.entry}: {v.data['search_fields']} visible search fields, "
                            f"{v.data['header_search_fields']} in the header bar")
        for line in v.data["wide_outputs"]:
            problems.append(f"{v.entry}: printed output runs past its box: {line!r}")
    assert not problems, problems_report(problems)


# ---------------------------------------------------------------------------
# The vector explorer
# ---------------------------------------------------------------------------

EXPLORER = "appendix/vector_explorer"

SHOWN_LISTS = """
() => Object.fromEntries([...document.querySelectorAll('#vx-output ol[data-engine]')].map(ol =>
    [ol.dataset.engine, [...ol.querySelectorAll('li')].map(li => [li.dataset.word, Number(li.dataset.score)])]))
"""


def explorer_point(page, data: dict, engine: str, word: str) -> tuple[float, float]:
    """Where the map draws ``word`` of ``engine`` on the screen, at the map's first view (its script's formula)."""
    box = page.locator("#vx-map").bounding_box()
    xy = data["engines"][engine]["xy"].astype(float)
    x, y = xy[data["words"].index(word)]
    unit = min(box["width"], box["height"]) / 2.2 / np.abs(xy).max()
    return box["x"] + box["width"] / 2 + x * unit, box["y"] + box["height"] / 2 - y * unit


def test_vector_explorer_answers_as_gensim_does(site, server, browser):
    """Types the checked words and analogies into the explorer, with the keyboard, and compares the three
    lists it shows with Gensim's ``most_similar`` on the same dequantised vectors (read back from the
    site's own data file): the same words in the same order, the same cosines. Then an unknown word,
    a misspelt one, and the map's label under the pointer; ``vector-explorer.png`` is a screenshot."""
    from lib.book.vector_explorer import ENGINES, explorer_keyed_vectors, read_explorer_data
    from tests.test_vector_explorer import CHECKED_ANALOGIES, CHECKED_WORDS
    data = read_explorer_data(str(site.html / "_static" / "vector_explorer_data.js"))
    gensim = {engine: explorer_keyed_vectors(data, engine) for engine in ENGINES}
    blocked: list[str] = []
    context = new_context(browser, blocked)
    record = visit(context, server, EXPLORER, blocked)
    page = record.page
    page.wait_for_selector("#vx-output ol[data-engine] li", timeout=WIDGET_TIMEOUT_MS)
    queries = [((word,), [word], []) for word in CHECKED_WORDS]
    queries += [((a, b, c), [a, c], [b]) for a, b, c in CHECKED_ANALOGIES]
    problems, compared, largest = [], 0, 0.0
    for typed, positive, negative in queries:
        fields = ["#vx-word"] if len(typed) == 1 else ["#vx-a", "#vx-b", "#vx-c"]
        for selector, word in zip(fields, typed):
            page.fill(selector, word.upper() if word == "king" else word)   # the page lowercases what it is given
        page.focus(fields[-1])
        page.keyboard.press("Enter")
        page.wait_for_function("w => document.querySelector('#vx-output .vx-title')?.textContent.includes(w)",
                               arg=typed[-1])
        shown = page.evaluate(SHOWN_LISTS)
        for engine in ENGINES:
            expected = gensim[engine].most_similar(positive=positive, negative=negative, topn=10)
            words_shown = [w for w, _ in shown.get(engine, [])]
            if words_shown != [w for w, _ in expected]:
                problems.append(f"{engine} {typed}: page {words_shown}, gensim {[w for w, _ in expected]}")
            else:
                difference = max(abs(s - e) for (_, s), (_, e) in zip(shown[engine], expected))
                largest = max(largest, difference)
                if difference > 1e-9:
                    problems.append(f"{engine} {typed}: cosines {shown[engine]} differ from gensim's {expected}")
            compared += 1
        print(f"{' − '.join(typed[:2]) + (' + ' + typed[2] if len(typed) == 3 else ''):>28} | "
              + " | ".join(f"{e}: {', '.join(w for w, _ in shown.get(e, [])[:4])}" for e in ENGINES))
    print(f"{compared} lists of 10 compared with gensim's; largest cosine difference {largest:.1e}")
    assert compared == len(queries) * len(ENGINES)
    assert not problems, problems_report(problems)

    page.fill("#vx-word", "zzqqxx")
    page.press("#vx-word", "Enter")
    assert "is not among the explorer's" in page.locator("#vx-output").inner_text()
    page.fill("#vx-word", "kimg")
    page.press("#vx-word", "Enter")
    assert "Did you mean: king" in page.locator("#vx-output").inner_text()
    assert page.locator("#vx-output").get_attribute("aria-live") == "polite"
    for label in ("Word", "a", "minus b", "plus c", "Map of"):
        assert page.get_by_label(label, exact=True).count() == 1, f"no field labelled {label!r}"

    page.fill("#vx-word", "king")
    page.press("#vx-word", "Enter")
    page.locator("#vx-map").scroll_into_view_if_needed()
    x, y = explorer_point(page, data, "NumPy", "city")
    page.mouse.move(x, y)
    hovered = page.locator("#vx-hover").inner_text().removeprefix("Word under the pointer: ")
    assert hovered in data["words"], page.locator("#vx-hover").inner_text()
    hx, hy = explorer_point(page, data, "NumPy", hovered)
    assert (hx - x) ** 2 + (hy - y) ** 2 <= 64, f"the label names {hovered}, drawn farther than 8 px away"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#vx-app").screenshot(path=str(SCREENSHOTS / "vector-explorer.png"))
    context.close()
    assert not record.errors and not blocked and not record.failed, (record.errors, blocked, record.failed)


# ---------------------------------------------------------------------------
# Screenshots
# ---------------------------------------------------------------------------

def test_screenshots(browser, server, visits):
    """Screenshots for people to look at, saved in ``_build/screenshots/``."""
    with_figure = next(e for e, v in visits.items() if e.startswith("chapters/")
                       and any(i["in_article"] for i in v.data["images"]))
    with_explorer = next((e for e, v in visits.items() if v.data["static_explorers"]), with_figure)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, entry, dark in (("intro", "intro", False),
                              (f"figure-{Path(with_figure).name}", with_figure, False),
                              (f"explorer-{Path(with_explorer).name}", with_explorer, False),
                              (f"dark-{Path(with_figure).name}", with_figure, True)):
        blocked: list[str] = []
        context = new_context(browser, blocked, dark=dark)
        record = visit(context, server, entry, blocked)
        page = record.page
        if name.startswith(("figure", "dark")):
            page.locator("article img").first.scroll_into_view_if_needed()
        elif name.startswith("explorer"):
            page.locator("[data-static-explorer]").first.scroll_into_view_if_needed()
        if dark:
            assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        shots.append(path)
        context.close()
        assert not record.errors and not blocked, (record.errors, blocked)
    assert all(path.stat().st_size > 10_000 for path in shots), [p.stat().st_size for p in shots]


# ---------------------------------------------------------------------------
# External links (needs internet)
# ---------------------------------------------------------------------------

def reachable(host: str, port: int = 443, timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def is_binder_launch(url: str) -> bool:
    """A Binder launch link (fetching one starts building an image). Example: ``https://mybinder.org/v2/gh/a/b/main`` → True."""
    parts = urlsplit(url)
    return parts.path.startswith("/v2/") and "binder" in (parts.hostname or "")


def test_external_links_answer(visits):
    """Every external link in the pages' text answers with a status below 400.

    Skipped where the internet cannot be reached (a 3-second connection
    attempt to the first linked host). Binder launch and repository buttons are
    checked for their form by the tests above, not fetched.
    """
    links = sorted({url.split("#", 1)[0] for v in visits.values() for url in v.data["article_links"]
                    if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1"
                    and not is_binder_launch(url)})
    if not links:
        pytest.skip("no external link in the pages")
    host = urlsplit(links[0]).hostname
    if not reachable(host):
        pytest.skip(f"no internet: {host}:443 did not answer within 3 s; run where there is internet "
                    f"to check the {len(links)} external links")
    problems = []
    for url in links:
        request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (link check)"})
        try:
            with urllib.request.urlopen(request, timeout=20):
                pass
        except urllib.error.HTTPError as error:
            if error.code not in (401, 403, 429):  # sites that refuse robots still exist
                problems.append(f"{url}: HTTP {error.code}")
        except (urllib.error.URLError, OSError) as error:
            problems.append(f"{url}: {error}")
    assert not problems, problems_report(problems)
