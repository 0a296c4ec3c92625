"""A worker's first read of a new data version (dashboard/data.py ``FrameCache``) comes from
the columnar snapshots the import stored (loaders/store/frames_file.py), not the data tables:
the same frames as the SQL read, on another Store of the same database, and the earlier
data again after a rollback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from dashboard.data import FrameCache
from loaders.specs import DATASETS
from loaders.store.store import Store
from tests.databases import EACH_BACKEND, database_url
from tests.loaders.store.test_store import T1, T2, book, do_import


@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path / "data") as made:
        yield made


def test_a_worker_reads_each_new_version_from_the_snapshots(url: str,
                                                            monkeypatch: pytest.MonkeyPatch):
    importer, worker = Store(url), Store(url)  # the upload's process, another worker
    try:
        do_import(importer, book(T1, 1), "a")
        with importer.engine.connect() as conn:
            by_sql = {ds.name: importer._current_frame(conn, ds) for ds in DATASETS}
        monkeypatch.setattr(Store, "_current_frame",
                            lambda *a: pytest.fail("read from the data tables"))
        cache = FrameCache(worker)
        first = cache.current()
        assert first.version == importer.data_version()
        for name, frame in by_sql.items():
            assert_frame_equal(first.frames[name], frame, check_exact=True, obj=name)

        second = do_import(importer, book(T2, 2), "b")
        assert cache.current().frames["units"]["department"].tolist() == ["Avd 2", "Avd 2"]
        assert sorted(set(cache.current().frames["assignments"]["period"])) == [T1, T2]
        importer.rollback(second, user="ekonom")
        again = cache.current()
        assert again.version == importer.data_version()
        assert again.frames["units"]["department"].tolist() == ["Avd 1", "Avd 2"]
        assert set(again.frames["assignments"]["period"]) == {T1}
    finally:
        importer.close()
        worker.close()
