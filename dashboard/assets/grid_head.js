/* The assignments grid's Status filter: a set of check boxes (Grön, Gul, Röd, Avslutad,
   Avbruten), not free text. AG Grid Community has no set filter, so this is a custom filter
   component (dash-ag-grid calls it from the column's `filter.component`). Its model is AG
   Grid's set-filter shape, {filterType: "set", values: ["red", ...]}, or null when every
   status is ticked; the grid sends it to the server with each block it asks for, and the
   server filters (dashboard/kpis/assignments.py). The choices and their words come from the
   column's filterParams (`choices`, `legend`, `allLabel`), in the page's language. */
(function () {
    "use strict";
    var components = (window.dashAgGridComponentFunctions =
        window.dashAgGridComponentFunctions || {});
    var functions = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
    var h = window.React.createElement;

    // Only the client-side row model asks this; the infinite one leaves filtering to the server
    functions.statusFilterPasses = function () { return true; };

    function ticked(model, choices) {
        if (!model || !Array.isArray(model.values)) {
            return choices.map(function (c) { return c.value; });
        }
        return choices.map(function (c) { return c.value; })
            .filter(function (v) { return model.values.indexOf(v) >= 0; });
    }

    components.StatusSetFilter = function (props) {
        var choices = props.choices || [];
        var values = ticked(props.model, choices);

        function apply(model) {
            props.onModelChange(model);
            // the infinite row model asks for its first block before the new model is the
            // grid's own; asking once more, after it is, keeps the rows in step with the boxes
            window.setTimeout(function () { props.api.onFilterChanged(); }, 0);
        }

        function change(value, on) {
            var next = choices.map(function (c) { return c.value; }).filter(function (v) {
                return v === value ? on : values.indexOf(v) >= 0;
            });
            apply(next.length === choices.length ? null : {filterType: "set", values: next});
        }

        var boxes = choices.map(function (choice) {
            return h("label", {key: choice.value, className: "status-choice " + choice.value},
                h("input", {
                    type: "checkbox", value: choice.value,
                    checked: values.indexOf(choice.value) >= 0,
                    onChange: function (event) { change(choice.value, event.target.checked); }
                }),
                " ", choice.label);
        });
        var all = h("button", {
            type: "button", className: "status-all",
            disabled: values.length === choices.length,
            onClick: function () { apply(null); }
        }, props.allLabel || "");
        return h("fieldset", {className: "status-filter"},
            h("legend", null, props.legend || ""), boxes, all);
    };
})();
