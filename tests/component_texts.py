"""Every string in a Dash component tree, as built or as serialised in a callback's answer."""

from __future__ import annotations


def texts(component: object) -> list[str]:
    """Children and props such as ``title``, in order; components are serialised first."""
    if hasattr(component, "to_plotly_json"):
        return texts(component.to_plotly_json())
    if isinstance(component, str):
        return [component]
    if isinstance(component, dict):
        return [s for value in component.values() for s in texts(value)]
    if isinstance(component, list | tuple):
        return [s for value in component for s in texts(value)]
    return []
