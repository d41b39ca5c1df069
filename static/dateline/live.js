// One live connection per page: an EventSource on /live/ for every stream the page declares
// (<body data-live-streams="newsfeed:en breaking:en" data-live-since="123">).
//
// Features register handlers by event kind with on(kind, handler) and, with onReset(handler), how
// to refetch what they show when the server says the page is too far behind to be caught up.
// Handlers must be idempotent: an event can arrive again after a reconnect.

const handlers = new Map();
const resetHandlers = [];
let source = null;

export function on(kind, handler) {
  if (!handlers.has(kind)) handlers.set(kind, []);
  handlers.get(kind).push(handler);
  if (source) source.addEventListener(kind, dispatch);
}

export function onReset(handler) {
  resetHandlers.push(handler);
}

export function streams() {
  return (document.body.dataset.liveStreams || "").split(/\s+/).filter(Boolean);
}

function dispatch(message) {
  let data;
  try {
    data = JSON.parse(message.data);
  } catch {
    return;
  }
  for (const handler of handlers.get(message.type) || []) {
    try {
      handler(data, message);
    } catch (error) {
      console.error("live handler failed:", message.type, error);
    }
  }
}

function connect(since) {
  const names = streams();
  if (!names.length || !("EventSource" in window)) return;
  const query = new URLSearchParams();
  for (const name of names) query.append("stream", name);
  if (since) query.set("since", since);
  source = new EventSource(`/live/?${query}`);
  for (const kind of handlers.keys()) source.addEventListener(kind, dispatch);
  source.addEventListener("ready", () => document.body.setAttribute("data-live-connected", ""));
  source.addEventListener("reset", () => {
    source.close();
    // Reconnect at the head first, then refetch: nothing published in between is lost, and
    // handlers ignore what they already show.
    connect(null);
    for (const handler of resetHandlers) handler();
  });
}

export function start() {
  if (source) return;
  connect(document.body.dataset.liveSince || null);
}
