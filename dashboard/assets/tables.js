/* A table wider than the screen scrolls in its own box (base.css, on a narrow screen). Such a
   table takes the keyboard's focus, so that it can be scrolled with the arrow keys too (WCAG
   2.1.1, axe's scrollable-region-focusable); a table that fits does not, so a wide screen
   gets no extra tab stop. Tables come and go with the pages, and grow when their "Visa som
   tabell" opens: each one is watched for its size. */
(function () {
    "use strict";
    var TABLES = "table.data-table, table.figure-table, .format-document table";
    var OURS = "data-scroll-focus";  // the tabindex is ours to take away again
    var watched = new WeakSet();
    var resized = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
    });
    var pending = false;

    function update(table) {
        var wide = table.scrollWidth > table.clientWidth + 1;
        if (wide && !table.hasAttribute("tabindex")) {
            table.setAttribute("tabindex", "0");
            table.setAttribute(OURS, "");
        } else if (!wide && table.hasAttribute(OURS)) {
            table.removeAttribute("tabindex");
            table.removeAttribute(OURS);
        }
    }

    function scan() {
        pending = false;
        document.querySelectorAll(TABLES).forEach(function (table) {
            if (!watched.has(table)) {
                watched.add(table);
                resized.observe(table);
            }
            update(table);
        });
    }

    new MutationObserver(function () {
        if (!pending) {
            pending = true;
            window.requestAnimationFrame(scan);
        }
    }).observe(document.documentElement, {childList: true, subtree: true});
    scan();
})();
