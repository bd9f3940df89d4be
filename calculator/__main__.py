"""``python -m calculator`` is the ``gmi`` command."""

from .cli import main

raise SystemExit(main())
