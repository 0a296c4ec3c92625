/* A long table alternative comes as data (components/operations.py, built_table): a
   div.built-table whose data-table holds {headers, rows}. It is drawn here as the table the
   server would have sent (table.figure-table: column headers, the first cell of a row its
   header; a caption and another class when the data names them: the overview's tables are
   table.data-table with the chart's title as caption), text only (textContent, never markup),
   as soon as it is in the page, so it is there for a screen reader, a search in the page and
   a disclosure opened by any means. */
(function () {
    "use strict";
    var DONE = "data-built";

    function cell(tag, text, scope) {
        var element = document.createElement(tag);
        element.textContent = text;
        if (scope) { element.setAttribute("scope", scope); }
        return element;
    }

    function build(host) {
        host.setAttribute(DONE, "");
        var data;
        try { data = JSON.parse(host.getAttribute("data-table") || "{}"); } catch (e) { return; }
        var table = document.createElement("table");
        table.className = typeof data.className === "string" ? data.className : "figure-table";
        if (typeof data.caption === "string") { table.appendChild(cell("caption", data.caption)); }
        var head = document.createElement("thead");
        var headRow = document.createElement("tr");
        (data.headers || []).forEach(function (h) { headRow.appendChild(cell("th", h, "col")); });
        head.appendChild(headRow);
        var body = document.createElement("tbody");
        (data.rows || []).forEach(function (row) {
            var tr = document.createElement("tr");
            row.forEach(function (text, i) {
                tr.appendChild(i === 0 ? cell("th", text, "row") : cell("td", text));
            });
            body.appendChild(tr);
        });
        table.appendChild(head);
        table.appendChild(body);
        host.appendChild(table);
    }

    var pending = false;

    function scan() {
        pending = false;
        document.querySelectorAll("div.built-table:not([" + DONE + "])").forEach(build);
    }

    // once per frame at most, however many changes a page's drawing makes (plotly's many)
    new MutationObserver(function () {
        if (!pending) {
            pending = true;
            window.requestAnimationFrame(scan);
        }
    }).observe(document.documentElement, {childList: true, subtree: true});
    scan();
})();
