// Curator admin: behaviour that django-import-export wires with inline handlers,
// which the portal's Content Security Policy blocks.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("#select-all-toggle");
  if (toggle && typeof onSelectToggleChange === "function") {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
