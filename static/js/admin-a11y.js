// Accessibility repairs for the Django admin, loaded by templates/admin/base_site.html.
//
// The filter_horizontal widget (SelectFilter2.js) puts an aria-label on a plain <span>
// (the filter icon). ARIA does not allow a name on an element without a role, so screen
// readers may skip it (axe aria-prohibited-attr). Giving the icon role="img" keeps its
// explanation. SelectFilter2 builds the widget on window "load"; this deferred script's
// listener is added later, so it runs after the widget exists.
"use strict";
window.addEventListener("load", function () {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
        icon.setAttribute("role", "img");
    });
});
