"""A TinyDB Table whose inserts add to the stored table in place instead of rebuilding it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tinydb.table import Table


class AppendTable(Table):
    """TinyDB's Table, but `insert`/`insert_multiple` of new documents cost O(documents added).

    TinyDB's own insert converts the whole table to int ids and back before every write (two
    passes over 100k documents for one rating). Here new documents go straight into the stored
    table, then the whole database is written as usual. Documents carrying their own doc_id,
    and every other operation, take TinyDB's path. With AtomicJSONStorage a failed write drops
    the storage's cache, so the in-place change never outlives the failure.
    """

    def insert(self, document: Mapping) -> int:
        if isinstance(document, self.document_class):
            return super().insert(document)
        return self.insert_multiple([document])[0]

    def insert_multiple(self, documents: Iterable[Mapping]) -> list[int]:
        documents = list(documents)
        for document in documents:
            if not isinstance(document, Mapping):
                raise ValueError("Document is not a Mapping")
            if isinstance(document, self.document_class):
                return super().insert_multiple(documents)
        if not documents:
            return []
        tables = self._storage.read()
        if tables is None:
            tables = {}
        doc_ids = [self._get_next_id() for _ in documents]     # reads the table before it changes
        stored = tables.setdefault(self.name, {})
        for doc_id, document in zip(doc_ids, documents):
            stored[str(doc_id)] = dict(document)
        self._storage.write(tables)
        self.clear_cache()
        return doc_ids
