/* The story editor opens on the first field with an error, whatever tab it is on.
   Wagtail only counts errors on each tab's label, which a new editor does not see: the error of a
   field on the Promote tab looked like a publication that failed for no reason. Asking the tab
   holding the field to show itself goes through Wagtail's own tabs ("w-focus:focus"). */
(function () {
  "use strict";

  function showFirstError() {
    var form = document.querySelector("form[data-edit-form], #page-edit-form");
    if (!form) return;
    var error = Array.prototype.find.call(form.querySelectorAll(".error-message"), function (element) {
      return element.closest("[data-w-tabs-target='panel']") && !element.closest("[id*='__prefix__']");
    });
    if (!error) return;
    error.dispatchEvent(new CustomEvent("w-focus:focus", { bubbles: true }));
    var wrapper = error.closest("[data-field-wrapper], [data-field]") || error;
    var field = wrapper.querySelector("input:not([type=hidden]), textarea, select, [contenteditable=true]");
    // Once the tab has been shown: a hidden field takes no focus.
    window.requestAnimationFrame(function () {
      wrapper.scrollIntoView({ block: "center" });
      if (field) field.focus({ preventScroll: true });
    });
  }

  // After Wagtail's own controllers have set the tabs up.
  window.addEventListener("load", function () { window.setTimeout(showFirstError, 0); });
})();
