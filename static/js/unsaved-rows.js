// The autosave stores a step's answers, not its list rows (a half-typed new row has no
// id yet): the step's buttons save those. So the browser asks before the page is left
// while a row differs from what the page was loaded with. Comparing with the loaded
// values (not "was typed in") keeps quiet when the user typed and then undid it.
(function () {
  "use strict";

  function differs(field) {
    if (field.type === "hidden" || field.type === "submit") {
      return false;
    }
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      var loaded = 0;
      for (var i = 0; i < field.options.length; i++) {
        if (field.options[i].defaultSelected) {
          loaded = i;
        }
      }
      return field.selectedIndex !== loaded;
    }
    return field.value !== field.defaultValue;
  }

  function unsavedRows() {
    var fields = document.querySelectorAll(
      ".wizard-list .list-row input, .wizard-list .list-row select, .wizard-list .list-row textarea"
    );
    return Array.prototype.some.call(fields, differs);
  }

  var saving = false;
  document.addEventListener("submit", function () {
    saving = true; // the step's buttons save the rows
  });

  window.addEventListener("beforeunload", function (event) {
    if (saving || !unsavedRows()) {
      return;
    }
    event.preventDefault();
    event.returnValue = ""; // older browsers need it to show their question
  });
})();
