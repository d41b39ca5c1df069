// Dateline's service worker: it shows breaking-news alerts and opens the story when one is clicked.
// It does nothing else (no caching of pages), so it can never serve a reader a stale page.

self.addEventListener("push", (event) => {
  let alert = {};
  try {
    alert = event.data ? event.data.json() : {};
  } catch (error) {
    alert = { title: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(alert.title || "", {
      body: alert.body || "",
      tag: alert.tag,
      data: { url: alert.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url));
});
