"""Keyboard only, at both viewports: a skip link first, a visible focus on
every stop of the tab order, the language switcher and the search usable
with Tab, the arrow keys and Enter."""

from __future__ import annotations

import pytest

from .conftest import VIEWPORTS

OTHER = {"lv": "en", "en": "lv"}
HOME = {"lv": "", "en": "en/"}
# A home page, an overview page and a detail page of each language.
PAGES = [(lang, HOME[lang] + path) for lang in ("lv", "en") for path in ("", "activities/", "partners/ks/")]
CASES = [pytest.param(viewport, lang, path, id=f"{viewport}-{lang}:/{path}") for viewport in VIEWPORTS for lang, path in PAGES]
# Walking every tab stop takes seconds a page: the home page and a detail page.
TAB_WALK_CASES = [case for case in CASES if "activities/" not in case.values[2]]
MAX_TAB_STOPS = 200

# What a sighted keyboard user sees of the focused element, once it has
# settled (Material's drawer and skip link slide in).
FOCUS_STATE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  let opacity = 1;
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
  return {
    tag: e.tagName, cls: String(e.className), text: (e.innerText || e.getAttribute("aria-label") || "").trim().slice(0, 40),
    x: r.x, y: r.y, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight,
    visibility: s.visibility, opacity: opacity,
    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1, shadow: s.boxShadow !== "none",
  };
}"""


@pytest.fixture
def page(contexts, request):
    viewport = request.node.callspec.params["viewport"]
    page = contexts[viewport].new_page()
    yield page
    page.close()


def settled_focus(page) -> dict | None:
    """The focus state once every transition has ended (Material's drawer,
    search and skip link slide and fade in)."""
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    return page.evaluate(FOCUS_STATE)


def tab_until(page, condition: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!({condition}); }})()"):
            return
    raise AssertionError(f"never reached by Tab: {condition}")


@pytest.mark.parametrize("viewport,lang,path", CASES)
def test_skip_link_comes_first_and_leads_to_the_content(page, server: str, viewport: str, lang: str, path: str) -> None:
    page.goto(server + path)
    page.keyboard.press("Tab")
    state = settled_focus(page)
    assert state["cls"].startswith("md-skip"), state
    assert state["text"] == {"lv": "Pāriet uz saturu", "en": "Skip to content"}[lang]
    assert state["opacity"] > 0.99 and state["outline"], state
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=target)
    assert page.evaluate("t => !!document.querySelector('article.md-content__inner ' + t)", target), target
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article, .md-content, .md-footer, .eea-block')")


@pytest.mark.parametrize("viewport,lang,path", TAB_WALK_CASES)
def test_every_tab_stop_is_visible_and_outlined(page, server: str, viewport: str, lang: str, path: str) -> None:
    page.goto(server + path)
    seen, hidden = [], []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        state = settled_focus(page)
        if state is None or (seen and state == seen[0]):
            break  # past the last stop, back to the browser or the start
        seen.append(state)
        inside = state["w"] > 0 and state["h"] > 0 and state["x"] >= -1 and state["x"] + state["w"] <= state["vw"] + 1
        if not (inside and state["visibility"] == "visible" and state["opacity"] > 0.99 and (state["outline"] or state["shadow"])):
            hidden.append(state)
    else:
        raise AssertionError(f"more than {MAX_TAB_STOPS} tab stops: a keyboard trap?")
    assert len(seen) > 10, seen
    assert not hidden, f"{server + path} ({viewport}): focus not visible on {hidden}"


@pytest.mark.parametrize("viewport,lang,path", CASES)
def test_language_switcher_by_keyboard(page, server: str, viewport: str, lang: str, path: str) -> None:
    page.goto(server + path)
    tab_until(page, f"e.getAttribute('hreflang') === '{OTHER[lang]}' && e.closest('.md-select')")
    state = settled_focus(page)
    assert state["visibility"] == "visible" and state["opacity"] > 0.99, state
    page.keyboard.press("Enter")
    expected = server + HOME[OTHER[lang]] + path.removeprefix(HOME[lang])
    page.wait_for_url(expected)
    assert page.evaluate("document.documentElement.lang") == OTHER[lang]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_search_by_keyboard(contexts, server: str, viewport: str, lang: str) -> None:
    page = contexts[viewport].new_page()
    try:
        page.goto(server + HOME[lang])
        tab_until(page, "e.classList.contains('md-search__input')")
        state = settled_focus(page)
        assert state["visibility"] == "visible" and state["opacity"] > 0.99 and state["x"] >= -1, state
        page.keyboard.type({"lv": "pasvaldibu", "en": "governance"}[lang])
        page.wait_for_selector(".md-search-result__list a")
        page.keyboard.press("ArrowDown")
        first = page.evaluate("document.activeElement.href")
        assert first.startswith(server + HOME[lang]) and (lang == "en") == first.startswith(server + "en/"), first
        assert settled_focus(page)["outline"]
        page.keyboard.press("Enter")
        page.wait_for_url(first)
        page.keyboard.press("Tab")  # a fresh page, the search closed
        assert page.evaluate("!document.getElementById('__search').checked")
    finally:
        page.close()
