// The wire desk on every newsroom page: one connection to the newsroom's own stream (`wire:desk`).
// An urgent item (urgency 1–2) is announced in a banner. On the wire queue's first page the rows
// of new items are fetched from the server, which escapes the agency's text, and put on top; a row
// whose item has a newer version gives way to it. Events may come twice (after a reconnect): a row
// already shown is not added again.

const script = document.querySelector("script[data-wire-stream]");
const queue = document.querySelector("[data-wire-queue]");
const alertsTable = document.querySelector("[data-wire-alerts]");
// A story's editor shows where the story came from and what the agency sent since.
const editing = window.location.pathname.match(/\/pages\/(\d+)\/edit\/$/);
let pending = Promise.resolve();

async function fragment(address) {
  const response = await fetch(new URL(address, window.location.href), { credentials: "same-origin" });
  if (!response.ok) return null;
  const template = document.createElement("template");
  template.innerHTML = await response.text();
  return template.content;
}

async function showStoryAlerts() {
  const content = await fragment(`${script.dataset.wireItems}stories/${editing[1]}/alerts/`);
  if (!content) return;
  let region = document.getElementById("wire-story-alerts");
  if (!region) {
    region = document.createElement("div");
    region.id = "wire-story-alerts";
    region.className = "wire-story-alerts";
    const form = document.querySelector("form#page-edit-form") || document.querySelector("main");
    if (!form) return;
    form.before(region);
  }
  region.replaceChildren(content);
}

async function refreshAlerts() {
  const content = await fragment(alertsTable.dataset.wireAlerts);
  if (content) alertsTable.querySelector("tbody").replaceChildren(content);
}

function announce(item) {
  let region = document.getElementById("wire-announcements");
  if (!region) {
    region = document.createElement("div");
    region.id = "wire-announcements";
    region.className = "wire-announcements";
    region.setAttribute("role", "status");
    document.body.append(region);
  }
  if (region.querySelector(`[data-wire-item="${item.id}"]`)) return;
  const note = document.createElement("p");
  note.className = "wire-announcement";
  note.dataset.wireItem = item.id;
  const label = document.createElement("strong");
  label.textContent = `${script.dataset.wireUrgentLabel} `;
  const link = document.createElement("a");
  link.href = `${script.dataset.wireItems}${item.id}/`;
  link.textContent = item.headline || item.uri;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "button button-small button-secondary";
  close.textContent = "×";
  close.setAttribute("aria-label", script.dataset.wireCloseLabel);
  close.addEventListener("click", () => note.remove());
  note.append(label, link, " ", close);
  region.append(note);
}

async function addNewRows(item) {
  const body = queue.querySelector("tbody");
  if (item.supersedes) body.querySelector(`tr[data-wire-item="${item.supersedes}"]`)?.remove();
  const top = body.querySelector("tr[data-wire-item]");
  const address = new URL(queue.dataset.wireQueue, window.location.href);
  if (top) address.searchParams.set("after", top.dataset.wireItem);
  const response = await fetch(address, { credentials: "same-origin" });
  if (!response.ok) return;
  const template = document.createElement("template");
  template.innerHTML = await response.text();
  const rows = [...template.content.querySelectorAll("tr[data-wire-item]")].reverse();
  for (const row of rows) {
    if (!body.querySelector(`tr[data-wire-item="${row.dataset.wireItem}"]`)) body.prepend(row);
  }
  if (rows.length) document.querySelector(".wire-empty")?.remove();
}

function received(message) {
  let item;
  try {
    item = JSON.parse(message.data);
  } catch {
    return;
  }
  if (!item.current) return;
  if (item.urgency && item.urgency <= 2 && item.status === "usable") announce(item);
  if (queue) pending = pending.then(() => addNewRows(item)).catch((error) => console.error(error));
  if (item.supersedes || item.status === "canceled") {
    if (editing) pending = pending.then(showStoryAlerts).catch((error) => console.error(error));
    if (alertsTable) pending = pending.then(refreshAlerts).catch((error) => console.error(error));
  }
}

function connect() {
  if (!script || !("EventSource" in window)) return;
  const source = new EventSource(`/live/?stream=${encodeURIComponent(script.dataset.wireStream)}`);
  source.addEventListener("item", received);
  source.addEventListener("ready", () => document.body.setAttribute("data-wire-connected", ""));
  source.addEventListener("reset", () => {
    source.close();
    if (script && editing) pending = pending.then(showStoryAlerts).catch((error) => console.error(error));
connect();
    if (queue) pending = pending.then(() => addNewRows({})).catch((error) => console.error(error));
  });
}

if (script && editing) pending = pending.then(showStoryAlerts).catch((error) => console.error(error));
connect();
