"""Dash callback requests built by hand, as a script (or an attacker) would send them.

The body names the callback's outputs, inputs and state exactly as Dash's renderer does; it
is built from the app's own callback map, so a test names only the callback's function and
the values it wants to send.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import dash

PATH = "/_dash-update-component"


def _outputs(key: str) -> list[dict] | dict:
    """As the renderer sends them: a list for several outputs (``..a.b...c.d..``), one
    object for one (``a.b``, or ``a.b@hash`` for an output shared with another callback)."""
    def output(part: str) -> dict:
        return dict(zip(("id", "property"), part.rsplit(".", 1), strict=True))
    if key.startswith(".."):
        return [output(part) for part in key[2:-2].split("...")]
    return output(key)


def callback_body(app: dash.Dash, name: str, trigger: str,
                  values: Mapping[str, object] | None = None) -> dict:
    """The request body for the callback whose function is ``name``, fired by ``trigger``
    (a component id); ``values`` maps "id.property" to the value sent (None otherwise)."""
    key, spec = next((k, v) for k, v in app.callback_map.items()
                     if getattr(v.get("callback"), "__name__", "") == name)
    return _body(key, spec, trigger, values)


def served_callback_body(dependencies: list[dict], output: str, trigger: str,
                         values: Mapping[str, object] | None = None) -> dict:
    """The same, for the callback a server lists in its ``/_dash-dependencies`` (as a browser
    reads them) whose outputs name ``output`` ("id.property") and whose inputs ``trigger``."""
    spec = next(d for d in dependencies if output in d["output"]
                and any(item["id"] == trigger for item in d["inputs"]))
    return _body(spec["output"], spec, trigger, values)


def _pattern(component_id: object) -> str | None:
    """The ``type`` of a pattern-matching id (a dict, or its JSON as the map lists it)."""
    if isinstance(component_id, str) and component_id.startswith("{"):
        component_id = json.loads(component_id)
    return component_id.get("type") if isinstance(component_id, dict) else None


def _body(key: str, spec: Mapping, trigger: str, values: Mapping[str, object] | None) -> dict:
    values = dict(values or {})

    def sent(items: list[dict]) -> list:
        """Each item as the renderer sends it; a pattern-matching one (``ALL``) as the list
        of its matches, given in ``values`` under the pattern's type ("type.property"), or
        none."""
        return [values.get(f"{_pattern(item['id'])}.{item['property']}", [])
                if _pattern(item["id"]) else
                {"id": item["id"], "property": item["property"],
                 "value": values.get(f"{item['id']}.{item['property']}",
                                     1 if item["id"] == trigger else None)}
                for item in items]

    inputs = sent(spec["inputs"])
    changed = [f"{i['id']}.{i['property']}" for i in inputs
               if isinstance(i, dict) and i["id"] == trigger]
    return {"output": key, "outputs": _outputs(key), "inputs": inputs,
            "state": sent(spec["state"]), "changedPropIds": changed}
