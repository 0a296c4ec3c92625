"""``python -m cli``: the ``tertial`` command without its installed script."""

import sys

from cli import main

sys.exit(main())
