/* Draws the charts of the printable report (/rapport, dashboard/templates/report.html) as
   static plots, then marks the page ready (document.body.dataset.ready = "1", or "error")
   for the PDF printer (dashboard/pdf.py), which waits for it.

   Each chart's plotly figure is a JSON data block (<script type="application/json">) that
   the element div.plot[data-figure] names; no inline script, as the page's policy allows
   none. Dash loads every script of dashboard/assets into its pages too: there, the body is
   no report, and this script does nothing. */
(function () {
    "use strict";
    var DEFAULT_HEIGHT = 360;  /* px, for figures that set no height of their own */
    var PAGE_WIDTH = 680;      /* px: the A4 page's 180 mm between its margins */
    var CONFIG = {staticPlot: true, displayModeBar: false, responsive: false};

    function drawOne(element) {
        var source = document.getElementById(element.getAttribute("data-figure"));
        var figure = JSON.parse(source.textContent);
        var layout = Object.assign({}, figure.layout || {});
        layout.width = Math.min(element.clientWidth || PAGE_WIDTH, PAGE_WIDTH);
        layout.height = layout.height || DEFAULT_HEIGHT;
        return window.Plotly.newPlot(element, figure.data || [], layout, CONFIG);
    }

    function draw() {
        var body = document.body;
        if (!body || !body.classList.contains("report")) {
            return;
        }
        var plots = Array.prototype.slice.call(body.querySelectorAll(".plot[data-figure]"));
        var drawing;
        try {
            drawing = Promise.all(plots.map(drawOne));
        } catch (error) {
            drawing = Promise.reject(error);
        }
        drawing.then(function () {
            body.dataset.ready = "1";
        }, function (error) {
            body.dataset.ready = "error";
            if (window.console) {
                window.console.error("report chart not drawn", error);
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", draw);
    } else {
        draw();
    }
})();
