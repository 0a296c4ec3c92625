/* A chart's downloaded image keeps its title when the page heads the chart itself.

   The survey page draws no title in its charts (the area's heading above is the one title),
   so the PNG from the chart's download button would have none. Such a figure carries the
   image's title, height and top margin in layout.meta.image (dashboard/figures/survey.py),
   and the download button's options the image's height (dashboard/components/graph.py).
   Plotly's download copies the figure at the moment of the click, so for that moment only
   the chart's layout is given the title and its room (on the way down the click, before plotly's own
   handler), and given back when the click has passed: the chart on the page is not drawn
   again and never shows the title. */
(function () {
    "use strict";
    var lent = null;  // the chart whose layout holds the image's parts, and its own parts

    document.addEventListener("click", function (event) {
        var target = event.target;
        var button = target && target.closest ? target.closest(".modebar-btn") : null;
        var chart = button ? button.closest(".js-plotly-plot") : null;
        var layout = chart ? chart.layout : null;
        var image = layout && layout.meta ? layout.meta.image : null;
        if (!image || !image.title) { return; }
        lent = {chart: chart, title: layout.title, margin: layout.margin};
        layout.title = image.title;
        layout.margin = Object.assign({}, layout.margin, {t: image.top});
    }, true);

    window.addEventListener("click", function () {
        if (!lent) { return; }
        var layout = lent.chart.layout;
        layout.title = lent.title;
        layout.margin = lent.margin;
        lent = null;
    });
})();
