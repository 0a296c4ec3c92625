"""One thin module per URL, registered with ``dash.register_page``."""
