"""Many documents per transaction, for loading records that were extracted elsewhere.

``save_record`` opens its own transaction; inside an open one sqlite-utils turns it into a savepoint,
so a document that fails still rolls back alone, while the commit (and its sync to disk) is paid
once per group instead of once per document.
"""
from __future__ import annotations

import sqlite_utils


class Commits:
    """Hold a transaction open across documents and commit after every ``every`` of them::

        with Commits(db, 500) as commits:
            for record in records:
                save_record(db, record)
                commits.tick()
    """

    def __init__(self, db: sqlite_utils.Database, every: int):
        if every < 1:
            raise ValueError(f"commit every {every} documents: give 1 or more")
        self.db, self.every, self.pending = db, every, 0

    def __enter__(self) -> "Commits":
        if self.every > 1:
            self._begin()
        return self

    def tick(self) -> None:
        """One document written; commit when the group is full."""
        if self.every == 1:
            return
        self.pending += 1
        if self.pending >= self.every:
            self._commit()
            self._begin()

    def __exit__(self, *exc) -> bool:
        # Every document written so far is whole (a failed one rolled back to its savepoint), so
        # what is pending is committed even when the run stops early.
        if self.every > 1:
            self._commit()
        return False

    def _begin(self) -> None:
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN IMMEDIATE")
        self.pending = 0

    def _commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")
        self.pending = 0
