/* Keeps <html lang> equal to the view's language, so that screen readers speak the shell and
   the page in it (WCAG 3.1.1). The address is the view's one source of state: its ?lang=en
   means English, anything else Swedish. Dash changes the address with history.pushState and
   replaceState (the filters, the language control) and the browser with popstate (back). */
(function () {
    "use strict";
    function sync() {
        var lang = new URLSearchParams(window.location.search).get("lang");
        document.documentElement.lang = lang === "en" ? "en" : "sv";
    }
    ["pushState", "replaceState"].forEach(function (name) {
        var original = window.history[name];
        window.history[name] = function () {
            var result = original.apply(this, arguments);
            sync();
            return result;
        };
    });
    window.addEventListener("popstate", sync);
    sync();
})();
