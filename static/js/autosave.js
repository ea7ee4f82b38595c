// Forms with data-waits-for-autosave save themselves with htmx (autosave, hx-sync
// "queue last": one request at a time, in order). If the user submits while an autosave
// is on its way or queued, the submit waits until the last one has answered. Otherwise
// the older autosaved text could reach the server after the submit and overwrite the
// newer text. htmx marks the element that sends with the class htmx-request while its
// request runs, and its events bubble up to the form.
(function () {
  "use strict";
  var LONGEST_WAIT_MS = 5000;

  function autosaving(form) {
    return form.classList.contains("htmx-request") || form.querySelector(".htmx-request");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (
      !form.hasAttribute("data-waits-for-autosave") ||
      form.dataset.submitting === "1" ||
      !autosaving(form)
    ) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;

    function submitNow() {
      if (form.dataset.submitting === "1") {
        return;
      }
      form.dataset.submitting = "1";
      form.requestSubmit(submitter);
    }

    function afterTheLastAutosave() {
      form.addEventListener(
        "htmx:afterRequest",
        function () {
          // A queued autosave starts right after the previous one has answered.
          window.setTimeout(function () {
            if (autosaving(form)) {
              afterTheLastAutosave();
            } else {
              submitNow();
            }
          }, 0);
        },
        { once: true }
      );
    }

    afterTheLastAutosave();
    // Never leave the user waiting on an autosave that does not answer.
    window.setTimeout(submitNow, LONGEST_WAIT_MS);
  });
})();
