// Suggestions as you type, for the search page's combobox (WAI-ARIA combobox pattern).
// Without JavaScript the form simply submits.
(function () {
  "use strict";
  const input = document.getElementById("search-q");
  const list = document.getElementById("search-suggestions");
  const status = document.getElementById("search-suggestions-status");
  if (!input || !list) return;
  const url = input.dataset.suggestUrl;
  let active = -1;
  let timer = null;
  let controller = null;

  function options() {
    return Array.from(list.querySelectorAll("[role=option]"));
  }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const items = options();
    items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(suggestions) {
    list.replaceChildren();
    suggestions.forEach((s, i) => {
      const item = document.createElement("li");
      item.id = "search-suggestion-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = s.url;
      item.textContent = s.title;
      const kind = document.createElement("span");
      kind.className = "meta";
      kind.textContent = s.kind;
      item.appendChild(kind);
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        window.location.assign(s.url);
      });
      list.appendChild(item);
    });
    const open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    status.textContent = open ? suggestions.length + " suggestions. Use the arrow keys to choose." : "";
    active = -1;
  }

  function fetchSuggestions() {
    const q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(url + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: controller.signal,
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : { suggestions: [] }))
      .then((data) => render(data.suggestions || []))
      .catch(() => {});
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", (event) => {
    const items = options();
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.assign(items[active].dataset.url);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
})();
