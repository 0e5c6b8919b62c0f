"""``python -m roadmapper``: the same as the ``roadmapper`` command."""

import sys

from roadmapper.cli import main

sys.exit(main())
