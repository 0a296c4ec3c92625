"""Everything that shows data, from the pure numbers up to the pages.

From the ground floor up: ``text`` (words and formats), ``kpis`` (the numbers), ``figures``
(plotly dicts), ``state`` (the address) and ``views`` (what a page shows, as data),
``reports`` (the meeting pack), ``web`` (the Flask edge), ``components`` (layout builders),
``callbacks`` and ``pages``. ``ids`` holds every component id, ``data`` the frames of the
current data version, and ``factory`` builds the app from its settings (``create_app``).
Each folder imports only those below it (``tests/test_architecture.py``).
"""
