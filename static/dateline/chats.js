// A chat room (<section data-chat>). The page works without JavaScript as the latest messages and
// a plain form; this adds live messages from the page's one live connection (chat:<room id>),
// sending without a reload (each message with a client id, so a retry is stored once), older
// messages as the reader scrolls up, "N new messages" for a reader scrolled up, replies,
// reactions, the slow mode's countdown, and the moderators' menu on each message.

import { on, onReset } from "./live.js";

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

async function post(url, fields) {
  const body = new URLSearchParams(fields);
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-Requested-With": "fetch", "X-CSRFToken": csrfToken() },
    body,
  });
  let data = {};
  try {
    data = await response.json();
  } catch {
    data = { error: `HTTP ${response.status}` };
  }
  return { ok: response.ok, status: response.status, data };
}

export function chat(section) {
  const room = new Room(section);
  room.start();
  return room;
}

class Room {
  constructor(section) {
    this.section = section;
    this.stream = section.dataset.stream;
    this.me = section.dataset.me || "";
    this.list = section.querySelector("[data-chat-messages]");
    this.announcer = section.querySelector("[data-chat-announcer]");
    this.newButton = section.querySelector("[data-chat-new]");
    this.form = section.querySelector("[data-chat-form]");
    this.status = section.querySelector("[data-chat-status]");
    this.unseen = 0;
    this.countdown = null;
  }

  start() {
    for (const message of this.list.querySelectorAll("[data-message]")) this.decorate(message);
    const pinned = this.section.querySelector("[data-chat-pinned] [data-message]");
    if (pinned) this.decorate(pinned);
    this.scrollToEnd();
    on("chat-message", (data) => data.stream === this.stream && this.arrived(data));
    on("chat-remove", (data) => data.stream === this.stream && this.removed(data));
    on("chat-reactions", (data) => data.stream === this.stream && this.reacted(data));
    on("chat-room", (data) => data.stream === this.stream && this.changed(data));
    on("chat-standing", (data) => data.stream === this.stream && this.standing(data));
    onReset(() => this.reload());
    this.list.addEventListener("scroll", () => {
      if (this.atEnd()) this.clearUnseen();
      if (this.list.scrollTop < 40) this.loadOlder();
    });
    this.newButton?.addEventListener("click", () => {
      this.scrollToEnd();
      this.clearUnseen();
    });
    const older = this.section.querySelector("[data-chat-older]");
    older?.addEventListener("click", (event) => {
      event.preventDefault();
      this.loadOlder();
    });
    if (this.form) this.wireForm();
  }

  messagesUrl() {
    return `${this.section.dataset.chat.replace(/\d+\/$/, "")}messages/`;
  }

  atEnd() {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
  }

  scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
  }

  clearUnseen() {
    this.unseen = 0;
    if (this.newButton) this.newButton.hidden = true;
  }

  announce(text) {
    if (this.announcer) this.announcer.textContent = text;
  }

  // A message's markup is only its own (it goes to every reader, live): the tools every message
  // shares come from the page's <template data-chat-tools>, with the counts the message came with.
  addTools(message) {
    const tools = this.section.querySelector("template[data-chat-tools]");
    if (!tools || message.querySelector(".chat-message__tools")) return;
    const footer = tools.content.firstElementChild.cloneNode(true);
    const counts = message.querySelector(".chat-message__reactions");
    for (const shown of counts?.querySelectorAll("[data-reaction-count]") || []) {
      const count = footer.querySelector(`[data-reaction-count="${shown.dataset.reactionCount}"]`);
      if (count) count.textContent = shown.dataset.count;
    }
    counts?.remove();
    const input = footer.querySelector("[data-report-form] input");
    input.id = `${message.id}-report`;
    footer.querySelector("[data-report-form] label").htmlFor = input.id;
    message.append(footer);
  }

  decorate(message) {
    this.addTools(message);
    const own = this.me && message.dataset.author === this.me;
    for (const button of message.querySelectorAll("[data-react]")) {
      button.addEventListener("click", () => this.react(message, button.dataset.react));
    }
    const reply = message.querySelector("[data-reply]");
    if (reply && this.form) {
      reply.hidden = false;
      reply.addEventListener("click", () => this.replyTo(message));
    }
    const report = message.querySelector("[data-report]");
    if (report && this.me && !own) {
      report.hidden = false;
      const form = report.querySelector("form");
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const url = `${this.messagesUrl()}${message.dataset.message}/report/`;
        const result = await post(url, new FormData(form));
        this.announce(result.data.error || result.data.message || "");
        report.removeAttribute("open");
      });
    }
    const menu = this.section.querySelector("template[data-chat-menu]");
    if (menu && !own && !message.querySelector(".chat-menu")) {
      const copy = menu.content.firstElementChild.cloneNode(true);
      const form = copy.querySelector("form");
      form.action = `${this.messagesUrl()}${message.dataset.message}/moderate/`;
      form.addEventListener("submit", (event) => this.moderate(event, form));
      message.querySelector(".chat-message__tools").append(copy);
    }
  }

  arrived(data) {
    if (this.list.querySelector(`[data-message="${data.id}"]`)) return; // replayed after a reconnect
    const message = fragment(data.html);
    const follow = this.atEnd();
    this.list.append(message);
    this.decorate(message);
    const name = message.querySelector(".chat-message__name")?.textContent || "";
    const text = message.querySelector(".chat-message__text")?.textContent || "";
    this.announce(`${name}: ${text}`);
    if (follow || data.author === Number(this.me)) {
      this.scrollToEnd();
    } else {
      this.unseen += 1;
      if (this.newButton) {
        this.newButton.textContent = this.newButton.dataset.template.replace("{count}", String(this.unseen));
        this.newButton.hidden = false;
      }
    }
  }

  removed(data) {
    if (data.hidden && String(data.author) === this.me) return; // a hidden message stays for its author
    for (const message of this.section.querySelectorAll(`[data-message="${data.id}"]`)) message.remove();
  }

  reacted(data) {
    const message = this.list.querySelector(`[data-message="${data.id}"]`);
    if (!message) return;
    for (const count of message.querySelectorAll("[data-reaction-count]")) {
      const value = data.reactions[count.dataset.reactionCount] || 0;
      count.textContent = value ? String(value) : "";
    }
  }

  changed(data) {
    if (this.status) {
      this.status.textContent = data.read_only || "";
      this.slowMode = data.slow_mode;
    }
    if (this.form) this.form.querySelector("button[type=submit]").disabled = Boolean(data.read_only);
    const pinned = this.section.querySelector("[data-chat-pinned]");
    if (pinned) {
      for (const old of pinned.querySelectorAll("[data-message]")) old.remove();
      if (data.pinned) {
        const message = fragment(data.pinned);
        pinned.append(message);
        this.decorate(message);
      }
      pinned.hidden = !data.pinned;
    }
  }

  standing(data) {
    if (String(data.reader) !== this.me || !this.form) return;
    const error = this.form.querySelector("[data-chat-error]");
    const button = this.form.querySelector("button[type=submit]");
    button.disabled = true;
    if (data.banned) {
      error.textContent = this.form.dataset.banned || "⛔";
      this.form.querySelector("textarea").disabled = true;
      return;
    }
    this.wait(data.seconds, error, button);
  }

  wait(seconds, error, button) {
    clearInterval(this.countdown);
    let left = seconds;
    const template = this.form.dataset.wait || "⏳ {seconds}";
    const show = () => {
      error.textContent = template.replace("{seconds}", String(left));
    };
    button.disabled = true;
    show();
    this.countdown = setInterval(() => {
      left -= 1;
      if (left <= 0) {
        clearInterval(this.countdown);
        error.textContent = "";
        button.disabled = false;
      } else {
        show();
      }
    }, 1000);
  }

  wireForm() {
    const clientId = this.form.querySelector("[data-client-id]");
    const textarea = this.form.querySelector("textarea");
    const error = this.form.querySelector("[data-chat-error]");
    const button = this.form.querySelector("button[type=submit]");
    clientId.value = crypto.randomUUID();
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    this.form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (button.disabled) return;
      error.textContent = "";
      button.disabled = true;
      const fields = new FormData(this.form);
      let result;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        try {
          result = await post(this.section.dataset.send, fields);
          break;
        } catch {
          // The network failed: the same client id again, so the message is stored once.
          await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
        }
      }
      button.disabled = false;
      if (!result) {
        error.textContent = this.form.dataset.offline || "…";
        return;
      }
      if (!result.ok) {
        error.textContent = result.data.error || "";
        if (result.status === 429 && result.data.retry_after) this.wait(result.data.retry_after, error, button);
        if (result.status === 403 && result.data.retry_after) this.wait(result.data.retry_after, error, button);
        return;
      }
      clientId.value = crypto.randomUUID();
      textarea.value = "";
      this.cancelReply();
      if (result.data.message) error.textContent = result.data.message;
      if (result.data.html) this.arrived({ id: result.data.id, html: result.data.html, author: Number(this.me) });
    });
  }

  replyTo(message) {
    this.form.querySelector("[data-reply-to]").value = message.dataset.message;
    const note = this.form.querySelector("[data-replying]");
    note.textContent = `↪ ${message.querySelector(".chat-message__name")?.textContent || ""}`;
    note.hidden = false;
    this.form.querySelector("textarea").focus();
  }

  cancelReply() {
    this.form.querySelector("[data-reply-to]").value = "";
    this.form.querySelector("[data-replying]").hidden = true;
  }

  async react(message, kind) {
    const url = `${this.messagesUrl()}${message.dataset.message}/react/`;
    const result = await post(url, { kind });
    if (result.ok) this.reacted(result.data);
  }

  async moderate(event, form) {
    event.preventDefault();
    const fields = new FormData(form);
    fields.set("decision", event.submitter?.value || "");
    const result = await post(form.action, fields);
    this.announce(result.data.error || result.data.message || "");
    form.closest("details")?.removeAttribute("open");
  }

  async loadOlder() {
    const link = this.section.querySelector("[data-chat-older]");
    if (!link || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const response = await fetch(`${this.section.dataset.chat}?before=${link.dataset.chatOlder}`, {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      const data = await response.json();
      const height = this.list.scrollHeight;
      const first = this.list.firstElementChild;
      for (const html of data.html) {
        const message = fragment(html);
        if (this.list.querySelector(`[data-message="${message.dataset.message}"]`)) continue;
        this.list.insertBefore(message, first);
        this.decorate(message);
      }
      this.list.scrollTop += this.list.scrollHeight - height; // the reader's place stays put
      if (data.older) link.dataset.chatOlder = data.older;
      else link.parentElement.remove();
    } finally {
      this.loadingOlder = false;
    }
  }

  async reload() {
    const response = await fetch(this.section.dataset.chat, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    });
    if (!response.ok) return;
    const data = await response.json();
    for (const html of data.html) {
      const message = fragment(html);
      if (!this.list.querySelector(`[data-message="${message.dataset.message}"]`)) {
        this.list.append(message);
        this.decorate(message);
      }
    }
  }
}
