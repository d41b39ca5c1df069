// "Copy link" among a story's share links: offered only where the browser can copy (the others
// are plain links), for the first story and for those the story stream appends later.

if (navigator.clipboard) {
  document.documentElement.dataset.canCopy = "";
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy-link]");
    if (!button) return;
    try {
      await navigator.clipboard.writeText(button.dataset.copyLink);
      button.textContent = button.dataset.copiedLabel;
    } catch (error) {
      console.warn("share:", error);
    }
  });
}
