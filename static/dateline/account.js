// The reader's corner of the masthead. Pages are cached and the same for everyone, so the masthead
// holds a "Log in" link (templates/jinja2/layout/account.html); this asks accounts/me.json, which is
// never cached, who is reading. A signed-in reader gets their name (to their settings), their
// notifications with the number of unread ones, and "Log out" in its place. The labels come in
// the JSON, in the page's language and its plural forms; names go in as text, never as markup.

const area = document.querySelector("[data-reader-state]");
if (area) showReader(area);

async function showReader(area) {
  const login = area.querySelector("[data-login]");
  // The story stream changes the address as the reader scrolls: log in brings them back to it.
  login?.addEventListener("click", () => {
    const url = new URL(login.href);
    url.searchParams.set("next", location.pathname + location.search);
    login.href = url.href;
  });
  // Signing in takes a form, and every form leaves the CSRF cookie: without it nobody is signed
  // in, and the page's visit costs the server nothing more.
  if (!/(?:^|;\s*)csrftoken=/.test(document.cookie)) return;
  try {
    const response = await fetch(area.dataset.readerState, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "X-Requested-With": "fetch" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const state = await response.json();
    if (state.signed_in) area.replaceChildren(...signedIn(state));
  } catch (error) {
    console.warn("account:", error);
  }
}

function signedIn(state) {
  const name = link(state.settings_url, "account-nav__name", state.name);
  name.title = state.name; // the whole name, when a long one is cut short
  name.dir = "auto"; // a name in Latin letters reads right in an Arabic masthead, and the reverse

  const notifications = link(state.notifications_url, "account-nav__notifications", state.notifications_label);
  if (state.unread > 0) {
    notifications.classList.add("account-nav__notifications--unread");
    notifications.setAttribute("aria-label", state.unread_label);
    const badge = document.createElement("span");
    badge.className = "account-nav__badge";
    badge.setAttribute("aria-hidden", "true");
    badge.textContent = state.unread > 99 ? "99+" : state.unread.toLocaleString(document.documentElement.lang);
    notifications.append(badge);
  }

  const logout = link(state.logout_url, "account-nav__logout", state.logout_label);
  return [name, notifications, logout];
}

function link(href, className, text) {
  const element = document.createElement("a");
  element.href = href;
  element.className = className;
  element.textContent = text;
  return element;
}
