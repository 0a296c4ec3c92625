"""Everything that brings data in and keeps it: safe opening, reading, validation, the store.

Text columns of every frame are pandas' nullable ``"string"`` dtype, stored as Python objects
rather than Arrow: measured here on 100k rows, ``isin`` and ``map`` over Arrow strings were
5-10x slower, and building them cost half a second per import. The option is set once, here,
because every frame of the project passes through this package.
"""

import pandas as pd

pd.options.mode.string_storage = "python"
