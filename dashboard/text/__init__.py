"""Words: the table of every interface text (``texts.toml``, ``i18n``), numbers written the way
each language writes them, and the generated sentences (the tertial narrative, the survey).
Pure: never imports ``dash``, nor any other part of the dashboard."""
