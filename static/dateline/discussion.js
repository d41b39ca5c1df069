// The discussion under a story. The story page is cached and the same for everyone; this fetches
// the personal part (the form or the log-in prompt, the reader's reactions) and the comments, then
// keeps them current from the page's live stream (comments:<story id>). Without JavaScript the
// section is a link to the discussion's own page, which works with plain forms.

import { on, onReset } from "./live.js";

const panels = new Map(); // stream name → the loaded panel's controller

export function discussion(section, { live = true } = {}) {
  const controller = new Discussion(section);
  if (live) panels.set(section.dataset.stream, controller);
  controller.load();
  return controller;
}

export function discussionWhenSeen(section) {
  section.removeAttribute("id"); // only the first story on the page is #discussion
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        discussion(section, { live: false });
      }
    },
    { rootMargin: "600px" },
  );
  observer.observe(section);
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

class Discussion {
  constructor(section) {
    this.section = section;
    this.url = section.dataset.discussion;
    this.panel = null;
    this.early = []; // live events that came before the comments did
    this.sort = "newest";
  }

  async load(query = "") {
    try {
      const response = await fetch(this.url + query, {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const panel = fragment(await response.text());
      if (this.panel) this.panel.replaceWith(panel);
      else this.section.querySelector(".discussion__fallback")?.replaceWith(panel);
      this.panel = panel;
      this.me = panel.dataset.me;
      this.setCount(Number(panel.dataset.count));
      this.wire(panel);
      for (const comment of panel.querySelectorAll("[data-comment]")) this.decorate(comment);
      this.markReactions(panel);
      for (const [kind, data] of this.early.splice(0)) this.apply(kind, data);
    } catch (error) {
      console.warn("discussion:", error);
    }
  }

  setCount(count) {
    const counter = this.section.querySelector("[data-comment-count]");
    if (counter && Number.isFinite(count)) counter.textContent = count ? `(${count.toLocaleString()})` : "";
  }

  // The comments' markup is the same for everyone; the reader's own reactions come beside it.
  markReactions(panel) {
    let mine = {};
    try {
      mine = JSON.parse(panel.dataset.myReactions || "{}");
    } catch {
      return;
    }
    for (const [id, kinds] of Object.entries(mine)) {
      for (const kind of kinds) {
        this.panel
          ?.querySelector(`[data-comment="${id}"] > .comment__actions [data-reaction="${kind}"]`)
          ?.setAttribute("aria-pressed", "true");
      }
    }
  }

  decorate(comment) {
    const own = this.me && comment.dataset.author === this.me;
    comment.classList.toggle("comment--own", Boolean(own));
    const until = Number(comment.dataset.editableUntil) * 1000;
    const edit = comment.querySelector(":scope > .comment__actions [data-edit]");
    if (edit) edit.hidden = !own || Date.now() > until;
  }

  wire(panel) {
    panel.addEventListener("click", (event) => this.click(event));
    panel.addEventListener("submit", (event) => this.submit(event));
  }

  click(event) {
    const target = event.target.closest("button, a");
    if (!target) return;
    if (target.matches("[data-sort]")) {
      event.preventDefault();
      this.sort = target.dataset.sort;
      this.load(`?sort=${this.sort}`);
    } else if (target.matches("[data-load-more]")) {
      event.preventDefault();
      this.loadMore(target);
    } else if (target.matches("[data-reply-to]")) {
      this.startReply(target.closest("[data-comment]"));
    } else if (target.matches("[data-cancel-reply]")) {
      this.cancelReply();
    } else if (target.matches("[data-edit]")) {
      this.startEdit(target.closest("[data-comment]"));
    } else if (target.matches("[data-show-new]")) {
      this.showNew();
    } else if (target.matches("[data-all-replies]")) {
      event.preventDefault();
      this.showAllReplies(target);
    }
  }

  async loadMore(link) {
    const url = new URL(link.href, location.href);
    const response = await fetch(this.url + url.search, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    });
    if (!response.ok) return;
    const next = fragment(await response.text());
    const threads = this.panel.querySelector("[data-threads]");
    for (const comment of next.querySelectorAll("[data-threads] > [data-comment]")) {
      if (!threads.querySelector(`[data-comment="${comment.dataset.comment}"]`)) {
        threads.append(comment);
        this.decorateAll(comment);
      }
    }
    this.markReactions(next);
    const more = next.querySelector("[data-load-more]");
    if (more) link.href = more.href;
    else link.closest("p").remove();
  }

  // A long thread shows its first replies; the rest come on request, the whole thread replaced.
  async showAllReplies(link) {
    const response = await fetch(link.href, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    });
    if (!response.ok) return;
    const whole = fragment(await response.text());
    const thread = this.panel.querySelector(`[data-comment="${link.dataset.allReplies}"]`);
    if (!thread || !whole) return;
    thread.replaceWith(whole);
    this.decorateAll(whole);
  }

  decorateAll(root) {
    for (const comment of [root, ...root.querySelectorAll("[data-comment]")]) this.decorate(comment);
  }

  form() {
    return this.panel?.querySelector("[data-comment-form]");
  }

  startReply(comment) {
    const form = this.form();
    if (!form || !comment) return;
    form.elements.reply_to.value = comment.dataset.comment;
    form.querySelector("[data-replying]").hidden = false;
    comment.querySelector(":scope > .comment__actions").after(form);
    form.elements.body.focus();
  }

  cancelReply() {
    const form = this.form();
    form.elements.reply_to.value = "";
    form.querySelector("[data-replying]").hidden = true;
    this.panel.querySelector("[data-threads]").before(form);
  }

  startEdit(comment) {
    const body = comment.querySelector(":scope > [data-comment-body]");
    if (!body || comment.querySelector(":scope > form[data-edit-form]")) return;
    const form = document.createElement("form");
    form.dataset.editForm = "";
    form.method = "post";
    form.action = `${comment.querySelector(".comment__time").getAttribute("href")}edit/`;
    const label = document.createElement("label");
    label.className = "visually-hidden";
    label.textContent = this.panel.querySelector("[data-comment-form] label")?.textContent || "";
    const area = document.createElement("textarea");
    area.name = "body";
    area.rows = 4;
    area.maxLength = 2000;
    area.value = body.innerText.trim();
    label.append(area);
    const save = document.createElement("button");
    save.type = "submit";
    save.className = "button button--small";
    save.textContent = comment.querySelector("[data-edit]").textContent;
    const error = document.createElement("p");
    error.className = "form-error";
    error.setAttribute("role", "alert");
    error.hidden = true;
    error.dataset.formError = "";
    form.append(label, error, save);
    body.hidden = true;
    body.after(form);
    area.focus();
  }

  async submit(event) {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    // Taken before the button is disabled: it carries the value. Sent form-encoded, not as
    // multipart: the discussion's forms carry no files, and the server parses it in a fraction.
    const body = new URLSearchParams(new FormData(form, event.submitter));
    const button = event.submitter || form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    form.querySelector("[data-form-notice]")?.setAttribute("hidden", "");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "X-CSRFToken": csrfToken() },
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        this.showError(form, data.error || response.statusText);
        return;
      }
      this.showError(form, "");
      this.done(form, data, event.submitter);
    } catch (error) {
      this.showError(form, String(error));
    } finally {
      if (button) button.disabled = false;
    }
  }

  showError(form, message) {
    let box = form.querySelector("[data-form-error]");
    if (!box) {
      box = document.createElement("p");
      box.className = "form-error";
      box.setAttribute("role", "alert");
      box.dataset.formError = "";
      form.append(box);
    }
    box.textContent = message;
    box.hidden = !message;
  }

  // A word that is not an error (a comment held for a moderator), shown as such, not in red.
  showNotice(form, message) {
    let box = form.querySelector("[data-form-notice]");
    if (!box) {
      box = document.createElement("p");
      box.className = "form-notice";
      box.setAttribute("role", "status");
      box.dataset.formNotice = "";
      const error = form.querySelector("[data-form-error]");
      if (error) error.before(box);
      else form.append(box);
    }
    box.textContent = message;
    box.hidden = !message;
  }

  // The answer's word: an error if the rules rejected the comment, else a notice (held).
  showOutcome(form, data) {
    const rejected = data.status === "rejected";
    this.showError(form, rejected ? data.message || "" : "");
    this.showNotice(form, rejected ? "" : data.message || "");
  }

  done(form, data, submitter) {
    if (form.matches("[data-comment-form]")) {
      form.elements.body.value = "";
      if (data.html) this.place(data, { mine: true });
      if (form.elements.reply_to.value) this.cancelReply();
      this.showOutcome(form, data);
    } else if (form.matches("[data-edit-form]")) {
      if (data.html) this.place(data, { mine: true });
      else this.apply("comment-removed", data);
      if (data.message && this.form()) this.showOutcome(this.form(), data);
    } else if (form.dataset.commentAction === "react") {
      const button = submitter?.matches("[data-reaction]") ? submitter : form.querySelector("[data-reaction]");
      button.setAttribute("aria-pressed", button.getAttribute("aria-pressed") === "true" ? "false" : "true");
      this.apply("comment-reactions", data);
    } else if (form.dataset.commentAction === "delete") {
      this.apply("comment-removed", data);
    } else if (form.dataset.commentAction === "report") {
      // The thanks in place of the whole "Report" disclosure: emptied of its <summary>, a
      // <details> would show the browser's own "Details" instead.
      const notice = Object.assign(document.createElement("p"), { className: "form-notice", textContent: data.message });
      notice.setAttribute("role", "status");
      form.closest("details").replaceWith(notice);
    }
  }

  // A comment, new or edited, put where it belongs; a reader further down is not jumped about.
  place(data, { mine = false } = {}) {
    if (!this.panel || !data.html) return;
    const comment = fragment(data.html);
    const existing = this.panel.querySelector(`[data-comment="${data.id}"]`);
    if (existing) {
      const replies = existing.querySelector(":scope > [data-replies]");
      const fresh = comment.querySelector(":scope > [data-replies]");
      if (replies && fresh) fresh.replaceWith(replies);
      const pressed = existing.querySelectorAll(":scope > .comment__actions [aria-pressed=true]");
      existing.replaceWith(comment);
      for (const button of pressed) {
        comment.querySelector(`:scope > .comment__actions [data-reaction="${button.dataset.reaction}"]`)?.setAttribute("aria-pressed", "true");
      }
    } else if (data.thread) {
      const replies = this.panel.querySelector(`[data-replies="${data.thread}"]`);
      if (!replies) return; // its thread is not on this page
      replies.append(comment);
    } else {
      const threads = this.panel.querySelector("[data-threads]");
      this.panel.querySelector("[data-empty]")?.remove();
      if (this.sort !== "newest" && !mine) return this.countNew();
      threads.prepend(comment);
    }
    this.decorateAll(comment);
  }

  countNew() {
    this.pending = (this.pending || 0) + 1;
    const box = this.panel.querySelector("[data-new-comments]");
    box.hidden = false;
    box.querySelector("button").textContent = `${this.section.dataset.newLabel || "+"} ${this.pending}`;
  }

  showNew() {
    this.pending = 0;
    this.panel.querySelector("[data-new-comments]").hidden = true;
    this.sort = "newest";
    this.load("?sort=newest");
  }

  apply(kind, data) {
    if (!this.panel) {
      this.early.push([kind, data]);
      return;
    }
    if (typeof data.count === "number") this.setCount(data.count);
    if (kind === "comment") {
      this.place(data);
    } else if (kind === "comment-removed") {
      const comment = this.panel.querySelector(`[data-comment="${data.id}"]`);
      if (!comment) return;
      const replies = comment.querySelector(":scope > [data-replies]");
      if (replies && replies.children.length) {
        comment.classList.add("comment--removed");
        for (const part of comment.querySelectorAll(":scope > :not([data-replies])")) part.remove();
        const note = document.createElement("p");
        note.className = "comment__removed";
        note.textContent = data.label || this.section.dataset.removedLabel || "";
        comment.prepend(note);
      } else {
        comment.remove();
      }
    } else if (kind === "comment-reactions") {
      const comment = this.panel.querySelector(`[data-comment="${data.id}"]`);
      if (!comment) return;
      for (const button of comment.querySelectorAll(":scope > .comment__actions [data-reaction]")) {
        button.querySelector("[data-reaction-count]").textContent = data.reactions?.[button.dataset.reaction] || 0;
      }
    }
  }
}

for (const kind of ["comment", "comment-removed", "comment-reactions"]) {
  on(kind, (data) => panels.get(data.stream)?.apply(kind, data));
}
onReset(() => {
  for (const controller of panels.values()) controller.load(`?sort=${controller.sort}`);
});
