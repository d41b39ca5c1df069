// The Newsfeed panel: the edition's latest headlines, kept current by the live stream. Its button
// counts the stories published since the reader last opened it (remembered per edition in
// localStorage); opening the panel resets the count. Without JavaScript it is a plain <details>.

import { on, onReset } from "./live.js";
import { readStorage, writeStorage } from "./storage.js";

const MAX_ITEMS = 30;

export function newsfeed(root) {
  const edition = root.dataset.edition;
  const stream = `newsfeed:${edition}`;
  const storageKey = `dateline:newsfeed-opened:${edition}`;
  const list = root.querySelector("[data-newsfeed-list]");
  const counter = root.querySelector("[data-newsfeed-count]");
  const label = root.querySelector("[data-newsfeed-label]");
  const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    hour: "2-digit",
    minute: "2-digit",
  });
  const dayFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    day: "numeric",
    month: "short",
  });

  const newest = () => Math.max(0, ...[...list.children].map((item) => Number(item.dataset.published)));
  let lastOpened = Number(readStorage(storageKey));
  if (!lastOpened) {
    lastOpened = newest();
    writeStorage(storageKey, lastOpened);
  }

  function showTime(item) {
    const time = item.querySelector("time");
    const when = new Date(Number(item.dataset.published));
    const today = new Date().toDateString() === when.toDateString();
    time.textContent = today ? timeFormat.format(when) : dayFormat.format(when);
  }

  function refreshCount() {
    const unseen = [...list.children].filter((item) => Number(item.dataset.published) > lastOpened).length;
    counter.textContent = unseen ? String(unseen) : "";
    counter.hidden = unseen === 0;
    root.toggleAttribute("data-unseen", unseen > 0);
    label.setAttribute("aria-label", unseen ? `${label.dataset.name} (${unseen})` : label.dataset.name);
  }

  function markSeen() {
    lastOpened = Math.max(lastOpened, newest());
    writeStorage(storageKey, lastOpened);
    refreshCount();
  }

  function render(story) {
    const item = document.createElement("li");
    item.dataset.storyId = story.id;
    item.dataset.published = story.published_ms;
    const time = document.createElement("time");
    time.dateTime = story.published;
    const link = document.createElement("a");
    link.href = story.url;
    link.textContent = story.title;
    item.append(time, " ", link);
    showTime(item);
    return item;
  }

  function upsert(story) {
    const existing = list.querySelector(`[data-story-id="${CSS.escape(String(story.id))}"]`);
    if (existing) {
      existing.replaceWith(render(story));
      return;
    }
    const item = render(story);
    const later = [...list.children].find((other) => Number(other.dataset.published) < story.published_ms);
    list.insertBefore(item, later || null);
    while (list.children.length > MAX_ITEMS) list.lastElementChild.remove();
  }

  on("story", (story) => {
    if (story.stream !== stream) return;
    upsert(story);
    if (root.open) markSeen();
    else refreshCount();
  });
  on("story-withdrawn", (story) => {
    if (story.stream !== stream) return;
    list.querySelector(`[data-story-id="${CSS.escape(String(story.id))}"]`)?.remove();
    refreshCount();
  });
  onReset(async () => {
    const response = await fetch(root.dataset.feedUrl, { credentials: "same-origin" });
    if (!response.ok) return;
    const feed = await response.json();
    list.replaceChildren(...feed.stories.map(render));
    refreshCount();
  });

  root.addEventListener("toggle", () => {
    if (root.open) markSeen();
  });
  for (const item of list.children) showTime(item);
  refreshCount();
}
