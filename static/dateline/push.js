// Breaking-news alerts in this browser, on the Subscribe page. Nothing is asked of the reader
// until they press the button: then the browser's permission prompt, the service worker
// (/service-worker.js), the push subscription for the site's key, and the server is told.

export function pushAlerts(box) {
  const button = box.querySelector("[data-push-toggle]");
  const status = box.querySelector("[data-push-status]");
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  box.hidden = false;
  if (!supported) {
    button.hidden = true;
    status.textContent = box.dataset.unsupported;
    return;
  }
  let subscription = null;

  const show = (on, message) => {
    button.textContent = on ? box.dataset.turnOff : box.dataset.turnOn;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    status.textContent = message ?? (on ? box.dataset.on : "");
  };

  const tellServer = async (body) => {
    const response = await fetch(box.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || box.dataset.failed);
    return answer;
  };

  const ready = navigator.serviceWorker.register(box.dataset.worker).then(() => navigator.serviceWorker.ready);
  ready
    .then((registration) => registration.pushManager.getSubscription())
    .then((found) => {
      subscription = found;
      show(Boolean(found));
    })
    .catch(() => show(false));

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (subscription) {
        await tellServer({ endpoint: subscription.endpoint, remove: true });
        await subscription.unsubscribe();
        subscription = null;
        show(false, box.dataset.off);
      } else {
        const permission = await Notification.requestPermission();
        if (permission !== "granted") {
          show(false, box.dataset.denied);
          return;
        }
        const registration = await ready;
        subscription = await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: box.dataset.key,
        });
        await tellServer(subscription.toJSON());
        show(true);
      }
    } catch (error) {
      show(Boolean(subscription), error.message || box.dataset.failed);
    } finally {
      button.disabled = false;
    }
  });
}

for (const box of document.querySelectorAll("[data-push]")) pushAlerts(box);
