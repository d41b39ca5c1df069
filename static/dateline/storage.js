// localStorage that never throws: private browsing may refuse it, and then what a reader did
// (opened the Newsfeed, dismissed an alert) is remembered for the page only.

export function readStorage(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key, value) {
  try {
    localStorage.setItem(key, String(value));
  } catch {
    // Nothing to do: see above.
  }
}
