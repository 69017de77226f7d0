"""Datasette plugins of the published archive, loaded with `--plugins-dir` (see `archive.publish`).

Each module stands alone (standard library, datasette, markupsafe, icalendar),
so `datasette publish` can copy this folder into an image without the project.
"""
