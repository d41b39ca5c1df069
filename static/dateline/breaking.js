// Breaking news: the edition's alert under the masthead, put up and taken down live. A reader may
// dismiss an alert; it then stays hidden on every page of the edition (remembered per edition in
// localStorage). An alert also goes away when its time is up, even if the page never hears that
// it was cleared. Without JavaScript the banner the server rendered stays until the next page.

import { on, onReset } from "./live.js";
import { readStorage, writeStorage } from "./storage.js";

// Dismissed alerts remembered per edition; older ones have long ended.
const REMEMBERED = 20;
// setTimeout cannot wait longer than this (about 24.8 days).
const LONGEST_WAIT_MS = 2 ** 31 - 1;

export function breaking(root) {
  const edition = root.dataset.edition;
  const stream = `breaking:${edition}`;
  const storageKey = `dateline:breaking-dismissed:${edition}`;
  let endTimer = null;

  const current = () => root.querySelector("[data-breaking-alert]");
  // A story marked again after its alert ended is news again, so the key includes the start.
  const keyOf = (element) => `${element.dataset.id}@${Date.parse(element.dataset.startedAt)}`;
  const isOver = (element) => !(Date.parse(element.dataset.endsAt) > Date.now());
  const signature = (element) => {
    const link = element.querySelector(".breaking__headline");
    return [keyOf(element), element.dataset.endsAt, link?.getAttribute("href"), link?.textContent].join("\n");
  };

  function dismissed() {
    try {
      const keys = JSON.parse(readStorage(storageKey) || "[]");
      return Array.isArray(keys) ? keys : [];
    } catch {
      return [];
    }
  }

  function build(alert) {
    const element = document.createElement("div");
    element.className = "breaking__alert";
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", root.dataset.regionLabel);
    element.dataset.breakingAlert = "";
    element.dataset.id = String(alert.id);
    element.dataset.startedAt = alert.started_at;
    element.dataset.endsAt = alert.ends_at;
    const inner = document.createElement("div");
    inner.className = "breaking__inner wrap";
    const label = document.createElement("strong");
    label.className = "breaking__label";
    label.textContent = root.dataset.label;
    const link = document.createElement("a");
    link.className = "breaking__headline";
    link.href = alert.url;
    link.textContent = alert.headline;
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "breaking__dismiss";
    dismiss.setAttribute("aria-label", root.dataset.dismissLabel);
    dismiss.dataset.breakingDismiss = "";
    const cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    dismiss.append(cross);
    inner.append(label, " ", link, " ", dismiss);
    element.append(inner);
    return element;
  }

  function takeDown(id) {
    const shown = current();
    if (shown && (id === undefined || shown.dataset.id === String(id))) {
      shown.remove();
      clearTimeout(endTimer);
    }
  }

  function show(element) {
    if (isOver(element) || dismissed().includes(keyOf(element))) {
      takeDown();
      return;
    }
    const shown = current();
    // The same alert again (a replayed event) is left alone, so screen readers do not repeat it.
    if (shown !== element && !(shown && signature(shown) === signature(element))) {
      if (shown) shown.replaceWith(element);
      else root.append(element);
    }
    const alert = current();
    alert.querySelector("[data-breaking-dismiss]").hidden = false;
    clearTimeout(endTimer);
    const wait = Math.min(LONGEST_WAIT_MS, Date.parse(alert.dataset.endsAt) - Date.now());
    endTimer = setTimeout(() => takeDown(alert.dataset.id), wait);
  }

  function isSafeLink(url) {
    try {
      return ["http:", "https:"].includes(new URL(url, location.href).protocol);
    } catch {
      return false;
    }
  }

  on("breaking", (alert) => {
    if (alert.stream !== stream || !isSafeLink(alert.url)) return;
    show(build(alert));
  });
  on("breaking-cleared", (alert) => {
    if (alert.stream !== stream) return;
    takeDown(alert.id);
  });
  onReset(async () => {
    // Any page of the edition shows its current alert; this one, revalidated, is the cheapest.
    const response = await fetch(location.href, { credentials: "same-origin", cache: "no-cache" });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector(`[data-breaking][data-edition="${CSS.escape(edition)}"] [data-breaking-alert]`);
    if (fresh) show(document.adoptNode(fresh));
    else takeDown();
  });

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-breaking-dismiss]");
    const alert = current();
    if (!button || !alert) return;
    const keys = [keyOf(alert), ...dismissed().filter((key) => key !== keyOf(alert))];
    writeStorage(storageKey, JSON.stringify(keys.slice(0, REMEMBERED)));
    takeDown();
  });

  const rendered = current();
  if (rendered) show(rendered);
}
