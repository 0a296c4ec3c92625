/* When the session has ended (a logout in another tab, a new password, the session's hours
   are over), the server answers the page's callbacks with 401 and changes nothing. Rather
   than a page that silently stops answering, the reader is sent to the login page, which
   brings them back to this view (its address) after logging in. */
(function () {
    "use strict";
    var original = window.fetch;
    var leaving = false;
    window.fetch = function () {
        return original.apply(this, arguments).then(function (response) {
            if (response.status === 401 && !leaving
                    && response.url.indexOf("/_dash-") !== -1) {
                leaving = true;
                var here = window.location.pathname + window.location.search;
                var lang = new URLSearchParams(window.location.search).get("lang");
                window.location.assign("/logga-in?lang=" + (lang === "en" ? "en" : "sv")
                                       + "&next=" + encodeURIComponent(here));
            }
            if (leaving) {
                return new Promise(function () {});  // the page is going: no error to show
            }
            return response;
        });
    };
})();
