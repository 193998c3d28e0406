"""Datasette as the tests start it: Warta's plugin registered, the metadata built, pages fetched."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from datasette.app import Datasette
from datasette.plugins import pm

from extract.serve import plugin as datasette_plugin
from extract.serve.metadata import build_metadata
from extract.store import open_db


@pytest.fixture(scope="module", autouse=True)
def warta_plugin():
    """Our plugin registered as an installed one would be (unless its entry point already is).

    A test module takes it with ``from tests.pages import warta_plugin``; it is used automatically.
    """
    registered = pm.is_registered(datasette_plugin)
    if not registered:
        pm.register(datasette_plugin, name="warta-test")
    yield datasette_plugin
    if not registered:
        pm.unregister(datasette_plugin)


def metadata_for(db_path: Path, plugin_config: dict | None = None) -> dict:
    """Warta's Datasette metadata for the database at ``db_path``."""
    db = open_db(db_path)
    metadata = build_metadata(db)
    db.close()
    if plugin_config:
        metadata["plugins"] = {"warta": plugin_config}
    return metadata


def fetch(db_path: Path, *paths: str, plugin_config: dict | None = None) -> list:
    """Start Datasette on ``db_path`` with its metadata and GET each path."""
    metadata = metadata_for(db_path, plugin_config)

    async def run():
        ds = Datasette([str(db_path)], metadata=metadata)
        await ds.invoke_startup()
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(run())


def send(db_path: Path, method: str, path: str, metadata: dict | None = None, **options):
    """Start Datasette on ``db_path`` with Warta's metadata (``metadata`` merged over it) and send
    one request of ``method``."""
    served = metadata_for(db_path)
    for name, settings in (metadata or {}).get("databases", {}).items():
        database = served.setdefault("databases", {}).setdefault(name, {})
        database["queries"] = {**database.get("queries", {}), **settings.get("queries", {})}

    async def run():
        ds = Datasette([str(db_path)], metadata=served)
        await ds.invoke_startup()
        return await getattr(ds.client, method.lower())(path, **options)

    return asyncio.run(run())
