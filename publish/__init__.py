"""Publishing: the YAML framework turned into pages (site and booklet) — plain Python, callable without MkDocs."""
