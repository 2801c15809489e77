/*
 * Keyboard use of Material's narrow-screen navigation drawer. Below 76.25em
 * the drawer sits off screen yet its links stay in the tab order, so a
 * keyboard user's focus would vanish from view (WCAG 2.4.7). When focus
 * enters the drawer it opens; when focus leaves it, it closes; Escape
 * closes it and returns focus to the page; it is closed whenever the page
 * is shown again from the history. Without JavaScript nothing
 * changes: the drawer is opened by its menu button, as before.
 */
(function () {
  "use strict";

  var toggle = document.getElementById("__drawer");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !drawer) return;
  var narrow = window.matchMedia("(max-width: 76.234375em)");

  drawer.addEventListener("focusin", function () {
    if (narrow.matches) toggle.checked = true;
  });
  drawer.addEventListener("focusout", function (event) {
    if (narrow.matches && !drawer.contains(event.relatedTarget)) toggle.checked = false;
  });
  // Coming back to this page from the history: closed, whatever the
  // browser restored (hooks/valid_html.py explains why).
  window.addEventListener("pageshow", function () { toggle.checked = false; });
  drawer.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      document.activeElement.blur();
    }
  });
})();
