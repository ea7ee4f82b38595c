// Near a text field's limit (within a tenth of it) a line under the field says how many
// characters are left, or how many too many. It is tied to the field with
// aria-describedby and announced politely, after a pause in typing, so a screen reader
// does not read out every keystroke. Without JavaScript nothing is lost: the server
// refuses a longer text with a message next to the field and keeps what was typed.
(function () {
  "use strict";
  var ANNOUNCE_AFTER_MS = 600;
  var texts = document.getElementById("tekens-teksten");
  if (!texts) {
    return;
  }

  // The server receives a line break in a text area as two characters (CR LF) and
  // counts it so; the count here agrees with it.
  function length(field) {
    return field.value.replace(/\r?\n/g, "\r\n").length;
  }

  function message(field) {
    var max = parseInt(field.getAttribute("data-max-chars"), 10);
    var left = max - length(field);
    if (left > max / 10) {
      return "";
    }
    var text;
    if (left >= 0) {
      text = left === 1 ? texts.dataset.leftOne : texts.dataset.leftOther;
    } else {
      text = left === -1 ? texts.dataset.overOne : texts.dataset.overOther;
    }
    return text.replace("__N__", String(Math.abs(left)));
  }

  function attach(field) {
    if (!field.id) {
      return;
    }
    var output = document.createElement("p");
    output.id = field.id + "_tekens";
    output.className = "form-text char-count";
    output.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", output);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + output.id : output.id);

    var timer = null;
    function update() {
      var text = message(field);
      output.textContent = text;
      output.classList.toggle("text-danger", text !== "" && length(field) > field.dataset.maxChars);
    }
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, ANNOUNCE_AFTER_MS);
    });
    update();
  }

  function attachAll(root) {
    root.querySelectorAll("[data-max-chars]").forEach(function (field) {
      if (!document.getElementById(field.id + "_tekens")) {
        attach(field);
      }
    });
  }

  attachAll(document);
  // Rows added or replaced by htmx get their count too.
  document.addEventListener("htmx:afterSettle", function (event) {
    attachAll(event.target);
  });
})();
