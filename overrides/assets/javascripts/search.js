/*
 * Site search in the reader's language (see hooks/search.py for why this
 * replaces Material's). Loads search/<lang>.json of the page's language on
 * the first keystroke, never before; folds diacritics and case of both the
 * index and the query, so "pasvaldibu" finds "pašvaldību". Every word of
 * the query must start a word of the page (title or text). No library, no
 * other host, nothing stored in the browser.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-site-search]");
  if (!form) return;
  // Material's bundle is not loaded (overrides/main.html): the page keeps
  // Material's no-JavaScript layout, and this class shows the search box.
  document.documentElement.classList.add("site-js");
  var input = form.elements.query;
  var toggle = document.getElementById("__search");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var base = new URL(form.getAttribute("data-base"), document.baseURI);
  var index = null; // a Promise of the language's entries, once requested
  var MAX_RESULTS = 20;
  var EXCERPT = 160;

  /* One character at a time, so positions in the folded text are those of
     the original text (for the excerpt and its highlight). */
  function foldChar(c) {
    return c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function fold(text) {
    return Array.from(text, foldChar).join("");
  }
  function foldWithMap(text) {
    var folded = "", map = [], chars = Array.from(text), offset = 0;
    for (var i = 0; i < chars.length; i++) {
      var f = foldChar(chars[i]);
      for (var j = 0; j < f.length; j++) map.push(offset);
      folded += f;
      offset += chars[i].length;
    }
    map.push(offset);
    return { text: folded, map: map };
  }
  window.siteSearchFold = fold; // for the browser tests

  function load() {
    if (!index) {
      index = fetch(new URL(form.getAttribute("data-index"), document.baseURI))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.url);
          return response.json();
        })
        .then(function (data) {
          return data.docs.map(function (doc) {
            var text = foldWithMap(doc.text);
            return { doc: doc, title: fold(doc.title), text: text.text, map: text.map };
          });
        });
    }
    return index;
  }

  function terms(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function wordStart(term) {
    return new RegExp("(^|[^\\p{L}\\p{N}])" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gu");
  }

  function search(entries, query) {
    var words = terms(query);
    if (!words.length) return [];
    var patterns = words.map(wordStart);
    var results = [];
    entries.forEach(function (entry) {
      var score = 0, first = -1;
      for (var i = 0; i < patterns.length; i++) {
        var inTitle = entry.title.match(patterns[i]);
        var inText = entry.text.match(patterns[i]);
        if (!inTitle && !inText) return;
        score += (inTitle ? 10 * inTitle.length : 0) + (inText ? inText.length : 0);
        if (i === 0 && inText) {
          patterns[i].lastIndex = 0;
          var found = patterns[i].exec(entry.text);
          first = found.index + found[1].length;
        }
        patterns[i].lastIndex = 0;
      }
      results.push({ entry: entry, score: score, first: first, length: words[0].length });
    });
    return results.sort(function (a, b) { return b.score - a.score; }).slice(0, MAX_RESULTS);
  }

  function excerpt(result) {
    var doc = result.entry.doc, map = result.entry.map;
    var p = document.createElement("p");
    if (result.first < 0) {
      p.textContent = doc.text.slice(0, EXCERPT) + (doc.text.length > EXCERPT ? "…" : "");
      return p;
    }
    var start = map[result.first], end = map[result.first + result.length];
    var from = Math.max(0, start - EXCERPT / 2);
    var to = Math.min(doc.text.length, end + EXCERPT / 2);
    var mark = document.createElement("mark");
    mark.textContent = doc.text.slice(start, end);
    p.append((from > 0 ? "…" : "") + doc.text.slice(from, start), mark, doc.text.slice(end, to) + (to < doc.text.length ? "…" : ""));
    return p;
  }

  function show(results, query) {
    list.replaceChildren();
    if (!query.trim()) {
      meta.textContent = meta.getAttribute("data-placeholder");
      return;
    }
    var count = results.length;
    meta.textContent = count === 0 ? meta.getAttribute("data-none")
      : count === 1 ? meta.getAttribute("data-one")
      : meta.getAttribute("data-other").replace("#", count).trim();
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(result.entry.doc.location, base).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("div");
      title.className = "md-search-result__title";
      title.textContent = result.entry.doc.title;
      article.append(title, excerpt(result));
      link.append(article);
      item.append(link);
      list.append(item);
    });
  }

  var pending = 0;
  function update() {
    var query = input.value, ticket = ++pending;
    if (!query.trim()) return show([], query);
    load().then(function (entries) {
      if (ticket === pending) show(search(entries, query), query);
    }, function (error) {
      meta.textContent = String(error.message);
    });
  }

  function open() { if (toggle && !toggle.checked) toggle.checked = true; }
  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  input.addEventListener("focus", open);
  // Leaving the search (Tab past it, a click elsewhere) closes it, so the
  // dialog never covers the element that has focus.
  var dialog = form.closest(".md-search");
  dialog.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !dialog.contains(event.relatedTarget) && toggle) toggle.checked = false;
  });
  input.addEventListener("input", update);
  form.addEventListener("reset", function () {
    setTimeout(function () { show([], ""); input.focus(); });
  });
  form.addEventListener("submit", function (event) {
    // Enter opens the best result.
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  // Closed whenever the page is shown again from the history (see
  // hooks/valid_html.py).
  window.addEventListener("pageshow", function () { if (toggle) toggle.checked = false; });
  if (toggle) toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
  });
  // A search asked for in the address (?q=..., the 404 page's form) runs
  // at once, as Material's own search did.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    input.focus();
    open();
    update();
  }

  document.addEventListener("keydown", function (event) {
    var inSearch = form.parentElement.parentElement.contains(document.activeElement);
    if (event.key === "Escape" && toggle && toggle.checked) {
      close();
    } else if (inSearch && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) return;
      event.preventDefault();
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    }
  });
})();
