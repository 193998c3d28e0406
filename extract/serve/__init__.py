"""Serving: Datasette metadata for a Warta database, and the plugin with Warta's own pages."""
