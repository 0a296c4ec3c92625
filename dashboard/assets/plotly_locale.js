/* Plotly's own words in Swedish, for the one tool the charts show (download as PNG) and the
   notices it gives. A graph whose config says locale "sv" uses them (dashboard/components/
   graph.py); English is plotly's own. Numbers are formatted by each figure's separators. */
(function () {
    "use strict";
    var swedish = {
        moduleType: "locale",
        name: "sv",
        dictionary: {
            "Download plot as a PNG": "Ladda ned diagrammet som PNG-bild",
            "Download plot": "Ladda ned diagrammet",
            "Sorry, there was a problem downloading your image!":
                "Bilden kunde inte laddas ned."
        },
        format: {decimal: ",", thousands: "\u00a0"}
    };
    function register() {
        if (window.Plotly && window.Plotly.register) {
            window.Plotly.register(swedish);
            return true;
        }
        return false;
    }
    // the vendored bundle (assets/vendor) may load after this file
    if (!register()) {
        document.addEventListener("DOMContentLoaded", register);
    }
})();
