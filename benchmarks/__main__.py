"""``python -m benchmarks``: every benchmark in one go (:mod:`benchmarks.all`)."""

import sys

from benchmarks.all import main

sys.exit(main())
