// Comment counts on story cards. List pages are cached and the same for every reader, so their
// cards carry no count: their links to the discussion ([data-comment-count-for]) stay hidden until
// one call to the edition's discussion_counts view (/<language>/discussion/counts/) answers with
// the counts and their labels, in the edition's language and plural forms. A story without
// comments keeps its link hidden, as does a page without JavaScript.

const MAX_IDS = 100; // the most the view answers for at once

function commentCounts(root = document) {
  const linksByStory = new Map();
  for (const link of root.querySelectorAll("[data-comment-count-for]")) {
    const id = link.dataset.commentCountFor;
    if (!linksByStory.has(id)) linksByStory.set(id, []);
    linksByStory.get(id).push(link);
  }
  const ids = [...linksByStory.keys()];
  for (let start = 0; start < ids.length; start += MAX_IDS) {
    fill(ids.slice(start, start + MAX_IDS), linksByStory);
  }
}

async function fill(ids, linksByStory) {
  const language = document.documentElement.lang || "en";
  const url = new URL(`/${language}/discussion/counts/`, location.href);
  url.searchParams.set("ids", ids.join(","));
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { counts } = await response.json();
    for (const [id, { count, label }] of Object.entries(counts)) {
      if (!count) continue;
      for (const link of linksByStory.get(id) || []) {
        link.textContent = label;
        link.hidden = false;
      }
    }
  } catch (error) {
    console.warn("comment counts:", error);
  }
}

commentCounts();
