"""seminar-archive: crawl seminar series into SQLite and publish them with Datasette.

This package is the glue: the command line (`cli`), the crawl job that feeds
scraped talks into the archive (`pipeline`), and the offline demo (`demo`).
"""
