"""Serving: Datasette metadata for a Warta database, and the plugin with Warta's own pages."""

# Datasette settings `warta serve` starts with. Datasette stops a query after one second by default; the
# first search for a common word in a large database whose pages are not yet in memory reads the full-text
# index from disk and can take longer than that, and would fail with "query took too long". Three seconds
# lets that first search through, while a runaway query typed into the SQL box is still cut off.
SETTINGS = {"sql_time_limit_ms": 3000}
