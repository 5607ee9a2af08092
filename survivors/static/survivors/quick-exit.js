// Survivor Voices quick exit: the "Exit this page" button and Shift pressed three times hide
// the page at once and leave through /voices/exit/ (which signs out and clears site data).
// location.replace() keeps this page out of the Back button's history.
(function () {
  "use strict";
  var button = document.getElementById("quick-exit");
  if (!button) return;
  var exitUrl = button.getAttribute("href");
  var SEEN = "voices-safety-seen";

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("voices-leaving");
    document.title = "";
    window.location.replace(exitUrl);
  }

  button.addEventListener("click", leave);

  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1500; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });

  // The explanation page comes before a first visit. Its acknowledgement is kept in
  // sessionStorage: never sent to the server, gone when the tab is closed, and wiped by the
  // exit's Clear-Site-Data. localStorage would outlive the visit on a shared device, and a
  // cookie (or a server session) would give anonymous readers a cookie they never had.
  var store;
  try { store = window.sessionStorage; } catch (e) { store = null; }
  if (!store) return;
  var body = document.body;
  if (body.classList.contains("voices-safety")) {
    var go = document.getElementById("safety-continue");
    if (go) go.addEventListener("click", function () { store.setItem(SEEN, "1"); });
    return;
  }
  if (!store.getItem(SEEN)) {
    var safety = button.getAttribute("data-safety-url");
    window.location.replace(safety + "?next=" + encodeURIComponent(window.location.pathname));
  }
})();
