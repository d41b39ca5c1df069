// Live coverage: entries arrive at the top of the page while the coverage runs.
//
// The server sends each entry rendered (and sanitized) as the page shows it, so nothing is built
// from text here. A new entry goes in at its place (pinned ones first, then the newest); an edited
// one is replaced where it stands; a deleted one disappears. A reader who has scrolled past the
// top of the entries is not moved: new entries wait behind an "N new updates" button that puts
// them in and takes the reader to the top of the list. Without JavaScript the page is complete as
// served; it just does not change.

import { on, onReset } from "./live.js";

export function coverage(root) {
  const stream = root.dataset.coverageStream;
  if (!stream) return;
  const list = root.querySelector("[data-coverage-entries]");
  const keyList = root.querySelector("[data-coverage-key-list]");
  const keySection = root.querySelector("[data-coverage-key-events]");
  const empty = root.querySelector("[data-coverage-empty]");
  const newButton = root.querySelector("[data-coverage-new]");
  const labels = JSON.parse(root.dataset.newUpdatesLabels || "{}");
  const plurals = new Intl.PluralRules(document.documentElement.lang || undefined);
  const pending = new Map();
  let ended = false;

  const byId = (container, id) => container.querySelector(`:scope > [data-entry-id="${CSS.escape(String(id))}"]`);

  function fromHtml(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  // Pinned first, then the newest; the id breaks ties as the server's order does.
  function comesBefore(a, b) {
    const pinnedA = a.hasAttribute("data-pinned");
    const pinnedB = b.hasAttribute("data-pinned");
    if (pinnedA !== pinnedB) return pinnedA;
    const createdA = Number(a.dataset.created);
    const createdB = Number(b.dataset.created);
    if (createdA !== createdB) return createdA > createdB;
    return Number(a.dataset.entryId) > Number(b.dataset.entryId);
  }

  // Put an entry where it belongs, in place of its older version if the page shows one.
  function place(container, element) {
    byId(container, element.dataset.entryId)?.remove();
    const later = [...container.children].find((other) => comesBefore(element, other));
    container.insertBefore(element, later || null);
  }

  function showKeyEvent(entry) {
    const existing = byId(keyList, entry.id);
    if (!entry.key_event_html) {
      existing?.remove();
    } else {
      const item = fromHtml(entry.key_event_html);
      if (existing) existing.replaceWith(item);
      else {
        const later = [...keyList.children].find((other) => Number(other.dataset.created) < entry.created_ms);
        keyList.insertBefore(item, later || null);
      }
    }
    keySection.hidden = keyList.children.length === 0;
  }

  function refreshEmpty() {
    empty.hidden = list.children.length > 0;
  }

  // The reader is reading further down when the top of the list has scrolled out of sight.
  function readingBelow() {
    return list.getBoundingClientRect().top < 0;
  }

  function label(count) {
    const category = plurals.select(count);
    const sample = Object.keys(labels).find((key) => plurals.select(Number(key)) === category);
    return sample === undefined ? String(count) : labels[sample].replace(sample, String(count));
  }

  function refreshButton() {
    newButton.hidden = pending.size === 0;
    newButton.textContent = pending.size ? label(pending.size) : "";
  }

  function show(entry, element) {
    place(list, element);
    showKeyEvent(entry);
  }

  function insertPending() {
    for (const entry of pending.values()) show(entry, markNew(fromHtml(entry.html)));
    pending.clear();
    refreshButton();
    refreshEmpty();
  }

  function markNew(element) {
    element.classList.add("entry--new");
    element.addEventListener("animationend", () => element.classList.remove("entry--new"), { once: true });
    return element;
  }

  on("entry", (entry) => {
    if (entry.stream !== stream) return;
    if (byId(list, entry.id)) {
      show(entry, fromHtml(entry.html));
    } else if (pending.has(entry.id) || readingBelow()) {
      // Its key event line waits with it, so that no link points to an entry not yet shown.
      pending.set(entry.id, entry);
      refreshButton();
    } else {
      show(entry, markNew(fromHtml(entry.html)));
      refreshEmpty();
    }
  });

  on("entry-removed", (entry) => {
    if (entry.stream !== stream) return;
    byId(list, entry.id)?.remove();
    byId(keyList, entry.id)?.remove();
    keySection.hidden = keyList.children.length === 0;
    pending.delete(entry.id);
    refreshButton();
    refreshEmpty();
  });

  // The coverage is over: the page stays as it is, without the live mark.
  function end() {
    ended = true;
    root.querySelector("[data-coverage-badge]")?.remove();
    root.querySelector("[data-coverage-ended-note]").hidden = false;
  }

  on("coverage-ended", (message) => {
    if (message.stream !== stream || ended) return;
    end();
  });

  newButton.addEventListener("click", () => {
    insertPending();
    list.scrollIntoView({ block: "start" });
    // The button is gone: reading goes on from the top of the list, for keyboards too.
    list.focus({ preventScroll: true });
  });

  // Scrolling back up to the list shows what arrived meanwhile.
  if ("IntersectionObserver" in window) {
    const top = document.createElement("div");
    top.setAttribute("aria-hidden", "true");
    list.before(top);
    new IntersectionObserver((seen) => {
      if (seen.some((item) => item.isIntersecting) && pending.size) insertPending();
    }).observe(top);
  }

  // Too far behind for the stream to catch up: take the entries from the page as it is now.
  onReset(async () => {
    const response = await fetch(root.dataset.url, { credentials: "same-origin", cache: "no-cache" });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const freshList = fresh.querySelector("[data-coverage-entries]");
    const freshKeyList = fresh.querySelector("[data-coverage-key-list]");
    if (!freshList || !freshKeyList) return;
    list.replaceChildren(...[...freshList.children].map((child) => document.adoptNode(child)));
    keyList.replaceChildren(...[...freshKeyList.children].map((child) => document.adoptNode(child)));
    keySection.hidden = keyList.children.length === 0;
    pending.clear();
    refreshButton();
    refreshEmpty();
    if (!fresh.querySelector("[data-coverage-badge]")) end();
  });
}
