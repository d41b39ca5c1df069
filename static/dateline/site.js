// Dateline reader site. Everything here enhances pages that already work without JavaScript.

import { start as startLive } from "./live.js";
import { newsfeed } from "./newsfeed.js";
import { coverage } from "./coverage.js";
import { breaking } from "./breaking.js";
import { discussion, discussionWhenSeen } from "./discussion.js";
import { chat } from "./chats.js";
import "./comment-counts.js";
import "./account.js";
import "./push.js";
import "./share.js";

for (const panel of document.querySelectorAll("[data-newsfeed]")) newsfeed(panel);
for (const page of document.querySelectorAll("[data-coverage]")) coverage(page);
for (const banner of document.querySelectorAll("[data-breaking]")) breaking(banner);
for (const section of document.querySelectorAll("[data-discussion]")) discussion(section);
for (const room of document.querySelectorAll("[data-chat]")) chat(room);
startLive();

const streamElement = document.querySelector("[data-story-stream]");
if (streamElement && "IntersectionObserver" in window) {
  storyStream(streamElement);
}

// Next story as you scroll: when a reader nears the end of a story, the story its "Next story"
// link points to is fetched (a cached page) and appended; the address bar and title follow the
// story in view. It stops after data-max-stories stories, leaving the plain link.
function storyStream(stream) {
  const maxStories = Number(stream.dataset.maxStories || 10);
  const seen = new Set([location.pathname]);
  let shown = 1;
  let busy = false;
  let waiting = null;

  const nearEnd = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) loadNext(entry.target);
      }
    },
    { rootMargin: "0px 0px 800px 0px" },
  );

  const inView = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const story = entry.target;
        if (location.pathname !== story.dataset.url) {
          history.replaceState({ story: story.dataset.url }, "", story.dataset.url);
          document.title = story.dataset.title;
          pointEditionLinksAt(story);
        }
      }
    },
    { rootMargin: "-40% 0px -55% 0px" },
  );

  function follow(story) {
    inView.observe(story);
    const link = story.querySelector("[data-next-story]");
    if (link && shown < maxStories) nearEnd.observe(link);
  }

  async function loadNext(link) {
    if (busy) {
      waiting = link; // taken up as soon as the story being fetched is in
      return;
    }
    nearEnd.unobserve(link);
    const url = new URL(link.href, location.href);
    if (seen.has(url.pathname) || shown >= maxStories) return;
    busy = true;
    const loader = document.createElement("div");
    loader.className = "story-stream__loader";
    loader.setAttribute("role", "status");
    loader.textContent = stream.dataset.loadingLabel;
    stream.append(loader);
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const story = page.querySelector("[data-story]");
      if (!story) throw new Error("no story in the page");
      seen.add(url.pathname);
      shown += 1;
      const next = document.adoptNode(story);
      loader.replaceWith(next);
      for (const section of next.querySelectorAll("[data-discussion]")) discussionWhenSeen(section);
      link.closest("nav")?.setAttribute("hidden", "");
      follow(next);
    } catch (error) {
      loader.dataset.failed = "";
      loader.textContent = stream.dataset.failedLabel;
      console.warn("next story:", error);
    } finally {
      busy = false;
      const next = waiting;
      waiting = null;
      if (next?.isConnected && !next.closest("nav")?.hidden) loadNext(next);
    }
  }

  follow(stream.querySelector("[data-story]"));
}

// The edition switcher links to the story in view in the other editions, or to their front pages.
function pointEditionLinksAt(story) {
  const alternates = new Map(
    (story.dataset.alternates || "").split(/\s+/).filter(Boolean).map((pair) => pair.split("=", 2)),
  );
  for (const link of document.querySelectorAll(".edition-switcher a[data-home]")) {
    if (link.hasAttribute("aria-current")) continue;
    link.href = alternates.get(link.hreflang) || link.dataset.home;
  }
}
