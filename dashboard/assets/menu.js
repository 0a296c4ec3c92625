/* On a narrow screen the menu button opens the filters and the navigation (the shell's
   clientside callback keeps its aria-expanded); Escape closes them again and gives the focus
   back to the button. An open list (a filter's options) or dialog takes its Escape first:
   this listener runs in the capture phase, before theirs, and leaves that press to them. */
(function () {
    "use strict";
    // a Mantine select says it is open with data-expanded, others with aria-expanded
    var OPEN_POPUP = '[aria-haspopup][data-expanded="true"], [aria-haspopup][aria-expanded="true"],'
        + ' [role="combobox"][aria-expanded="true"], [aria-modal="true"]';
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || event.defaultPrevented) {
            return;
        }
        var toggle = document.getElementById("nav-toggle");
        if (!toggle || toggle.getAttribute("aria-expanded") !== "true"
                || toggle.offsetParent === null) {  // closed, or a wide screen: no button
            return;
        }
        if (document.querySelector(OPEN_POPUP)) {
            return;
        }
        toggle.click();
        toggle.focus();
    }, true);
})();
