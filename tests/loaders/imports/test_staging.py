"""The upload staging area against real workbooks, a real SQLite file and real threads."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import loaders.imports.staging as staging_module
from dashboard.views.preview import describe
from loaders.errors import FileRefused, StoreError
from loaders.imports.importer import import_file
from loaders.imports.staging import MAX_CONCURRENT_CHECKS, Staging
from loaders.settings import Settings
from loaders.store.store import Store
from tests.builders import full_workbook, xlsx_bytes
from tests.databases import dump
from tests.demo_store import STORY, copy_store, correction, demo_workbooks, first_with_status
from tests.demo_store import seed_database as seed_db

FORGED = ["../x", "", "../../../../etc/passwd", "a" * 15, "abcdefghijklmnop/../x", None,
          "a" * 65, "abcdefghijklmnopq\x00"]


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    return demo_workbooks(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def seed(tmp_path_factory, workbooks) -> Path:
    """Every demo tertial before the story tertial (2018-T2) imported."""
    before = [path for period, path in sorted(workbooks.items()) if period < STORY]
    return seed_db(tmp_path_factory.mktemp("seed"), before)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path)


@pytest.fixture
def db(tmp_path: Path, seed: Path):
    store, path = copy_store(seed, tmp_path)
    yield store, path
    store.close()


@pytest.fixture
def store(db) -> Store:
    return db[0]


@pytest.fixture
def area(tmp_path: Path, store: Store, settings: Settings):
    yield Staging(tmp_path / "staging", store, settings, describe=describe)
    wait_for_checks()  # no background check outlives its test (or its store)


def story_bytes(workbooks) -> bytes:
    return workbooks[STORY].read_bytes()


def checked(area: Staging, data: bytes, name: str = "uppfoljning_2018-T2.xlsx") -> str:
    token = area.stage(data, name, user="ekonom")
    area.check(token)
    return token


def wait_for_checks() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("tertial-check-"):
            thread.join(timeout=120)


# --- checking ---------------------------------------------------------------------------------

def test_the_story_workbook_is_ready_with_plan_and_preview_and_nothing_stored(
        area, workbooks, db):
    before = dump(db[1])
    token = checked(area, story_bytes(workbooks))
    status = area.status(token)
    assert status["state"] == "ready"
    assert [s["step"] for s in status["steps"]] == ["received", "checking", "done"]
    assert status["file_name"] == "uppfoljning_2018-T2.xlsx" and status["user"] == "ekonom"
    assert status["data_version"] == db[0].data_version()
    result = status["result"]
    assert result["plan"]["periods"] == [STORY]
    assignments = next(s for s in result["plan"]["slices"] if s["dataset"] == "assignments")
    assert (assignments["rows_now"], assignments["added"]) == (0, assignments["rows_after"])
    preview = result["preview"]
    assert preview["headlines"][0]["compared_with"] == "2018-T1"  # a new tertial: its step
    assert preview["headlines"][0]["after"]["red"] == 2
    assert preview["new_government"][0]["count"] == 9
    assert preview["status_changes"][0]["compared_with"] == "2018-T1"
    assert result["report"]["counts"] == {"error": 0, "warning": 1, "notice": 1}
    json.dumps(status)  # JSON-ready as it is
    assert dump(db[1]) == before


def test_a_broken_workbook_is_refused_with_every_issue_located(area):
    book = full_workbook()
    book["Uppdrag"][1][10] = "Lila"  # Status, row 2
    book["Uppdrag"][2][7] = "31/13/2018"  # Beslutsdatum, row 3
    book["Ekonomi"] = [[c for i, c in enumerate(r) if i != 3] for r in book["Ekonomi"]]  # Budget
    status = area.status(checked(area, xlsx_bytes(book), "trasig.xlsx"))
    assert status["state"] == "refused"
    report = status["result"]["report"]
    located = {(i["sheet"], i["row"], i["column"], i["header"], i["value"], i["code"])
               for i in report["issues"]}
    assert ("Uppdrag", 2, "K", "Status", "Lila", "bad_value") in located
    assert ("Uppdrag", 3, "H", "Beslutsdatum", "31/13/2018", "bad_value") in located
    missing = next(i for i in report["issues"] if i["sheet"] == "Ekonomi")
    assert "Budget" in missing["message_sv"] and "Budget" in missing["message_en"]
    assert report["counts"]["error"] == 3 and not report["capped"]
    assert all(i["severity"] and i["expected"] is not None for i in report["issues"]
               if i["code"] == "bad_value")
    assert status["result"]["preview"] is None and status["result"]["plan"] is None


def test_a_report_past_its_cap_says_so(area):
    book = full_workbook()
    rows = book["Uppdrag"]
    rows += [[f"X-{n}", *rows[1][1:10], "Lila", None] for n in range(250)]
    report = area.status(checked(area, xlsx_bytes(book), "manga.xlsx"))["result"]["report"]
    assert report["counts"]["error"] == 250
    assert (len(report["issues"]), report["cap"], report["capped"]) == (200, 200, True)
    assert report["left_out"] == 50


def test_a_file_not_a_workbook_is_refused_with_the_reason(area):
    status = area.status(checked(area, b"just some text", "text.xlsx"))
    assert status["state"] == "refused"
    refusal = status["result"]["refusal"]
    assert refusal["code"] and refusal["message_sv"] and refusal["message_en"]


def test_the_same_file_again_is_identical(area, workbooks, store, settings):
    data = story_bytes(workbooks)
    record = import_file(store, data, "a.xlsx", settings).record
    status = area.status(checked(area, data))
    assert status["state"] == "identical"
    assert status["result"]["identical_to"] == record.id
    assert str(record.id) in status["result"]["message"]["message_en"]


def test_an_unexpected_error_fails_with_a_generic_message(area, workbooks, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /srv/tertial/loaders/x.py line 12")

    monkeypatch.setattr(staging_module, "import_file", broken)
    status = area.status(checked(area, story_bytes(workbooks)))
    assert status["state"] == "failed"
    assert status["result"]["message"]["code"] == "failed"
    assert "secret" not in json.dumps(status) and "Traceback" not in json.dumps(status)


# --- staging: sizes, names, tokens ------------------------------------------------------------

def test_an_oversized_file_is_refused_at_once(tmp_path, store):
    small = Staging(tmp_path / "s", store, Settings(data_dir=tmp_path, max_upload_mb=0.01))
    with pytest.raises(FileRefused) as refused:
        small.stage(b"x" * 20_000, "stor.xlsx", user="ekonom")
    assert refused.value.code == "too_large"
    assert "stor.xlsx" in refused.value.message_sv and refused.value.message_en
    assert list((tmp_path / "s").iterdir()) == []


@pytest.mark.parametrize("name", ["", "   ", "../", "..", "C:\\", "\x00\x01"])
def test_a_name_without_a_file_name_is_refused(area, name):
    with pytest.raises(FileRefused) as refused:
        area.stage(b"data", name, user="ekonom")
    assert refused.value.code == "bad_file_name"


@pytest.mark.parametrize("name", ["../../etc/uppfoljning.xlsx", "C:\\Users\\anna\\uppfoljning.xlsx",
                                  "/tmp/uppfoljning.xlsx", "upp\x00foljning.xlsx"])
def test_only_the_base_name_is_kept(area, name):
    token = area.stage(b"data", name, user="ekonom")
    assert area.status(token)["file_name"] == "uppfoljning.xlsx"


@pytest.mark.parametrize("token", FORGED)
def test_a_forged_token_is_refused_everywhere(area, token, tmp_path):
    (tmp_path / "x").mkdir()
    calls = [area.status, area.check, area.start, area.cancel, area.load_bytes,
             lambda t: area.confirm(t, user="ekonom")]
    for call in calls:
        with pytest.raises(StoreError) as refused:
            call(token)
        assert refused.value.code == "bad_token"
    assert (tmp_path / "x").is_dir()


def test_an_unknown_token_has_no_upload(area):
    token = "A" * 22
    assert area.status(token)["state"] == "unknown"
    for call in (area.check, area.load_bytes, lambda t: area.confirm(t, user="ekonom")):
        with pytest.raises(StoreError) as refused:
            call(token)
        assert refused.value.code == "unknown_upload"


def test_the_staged_bytes_come_back_unchanged(area, workbooks):
    data = story_bytes(workbooks)
    token = area.stage(data, "a.xlsx", user="ekonom")
    assert area.load_bytes(token) == data
    assert area.status(token)["size"] == len(data)


# --- cancel, purge, workers -------------------------------------------------------------------

def test_cancel_stores_nothing_and_forgets_the_upload(area, workbooks, db):
    before = dump(db[1])
    token = checked(area, story_bytes(workbooks))
    area.cancel(token)
    assert dump(db[1]) == before
    assert area.status(token)["state"] == "unknown"
    assert list(area.folder.iterdir()) == []
    with pytest.raises(StoreError):
        area.confirm(token, user="ekonom")
    area.cancel(token)  # a second cancel changes nothing


def test_status_can_be_read_by_another_worker(area, workbooks, tmp_path, settings, seed):
    other_store = Store(area.store.engine.url.render_as_string(hide_password=False))
    other = Staging(area.folder, other_store, settings, describe=describe)
    token = area.stage(story_bytes(workbooks), "a.xlsx", user="ekonom")
    other.check(token)
    assert area.status(token) == other.status(token)
    assert area.status(token)["state"] == "ready"
    assert area.confirm(token, user="chef") == {**other.confirm(token, user="chef"),
                                                "fresh": True}  # the first one imported
    other_store.close()


def test_purge_removes_only_uploads_older_than_the_limit(tmp_path, store, settings):
    now = [1_500_000_000.0]
    area = Staging(tmp_path / "s", store, settings, max_age_s=3600, clock=lambda: now[0])
    old = area.stage(b"old", "old.xlsx", user="ekonom")
    now[0] += 1800
    middle = area.stage(b"middle", "middle.xlsx", user="ekonom")
    now[0] += 2000  # old is 3800 s old, middle 2000 s
    young = area.stage(b"young", "young.xlsx", user="ekonom")
    states = {t: area.status(t)["state"] for t in (old, middle, young)}
    assert states == {old: "unknown", middle: "checking", young: "checking"}


def test_a_check_that_shows_no_sign_of_life_is_reported_stalled(tmp_path, store, settings):
    now = [1_500_000_000.0]
    area = Staging(tmp_path / "s", store, settings, clock=lambda: now[0])
    token = area.stage(b"data", "a.xlsx", user="ekonom")  # staged, its check never run
    now[0] += settings.parse_timeout_s
    assert not area.status(token)["stalled"]
    now[0] += settings.parse_timeout_s + 3600
    assert area.status(token)["stalled"] and area.status(token)["state"] == "checking"


def test_background_check_ends_ready(area, workbooks):
    token = area.stage(story_bytes(workbooks), "a.xlsx", user="ekonom")
    area.start(token)
    assert area.status(token)["state"] in ("checking", "ready")
    wait_for_checks()
    assert area.status(token)["state"] == "ready"


def test_at_most_two_checks_run_at_once_the_third_is_queued(area, monkeypatch):
    entered = threading.Semaphore(0)
    release = threading.Event()
    real = staging_module.import_file

    def slow(*args, **kwargs):
        entered.release()
        release.wait(timeout=60)
        return real(*args, **kwargs)

    monkeypatch.setattr(staging_module, "import_file", slow)
    tokens = [area.stage(xlsx_bytes(full_workbook()), f"{n}.xlsx", user="ekonom")
              for n in range(MAX_CONCURRENT_CHECKS + 1)]
    for token in tokens:
        area.start(token)
    for _ in range(MAX_CONCURRENT_CHECKS):
        assert entered.acquire(timeout=60)
    queued = [t for t in tokens if "queued" in steps_when(area, t, "queued")]
    assert len(queued) == 1
    assert area.status(queued[0])["state"] == "checking"
    release.set()
    wait_for_checks()
    assert [area.status(t)["state"] for t in tokens] == ["ready"] * len(tokens)


def steps_when(area: Staging, token: str, wanted: str, tries: int = 2000) -> list[str]:
    """The upload's steps once ``wanted`` is among them or its check has begun (threads
    write their steps when they get there: this waits for them, it times nothing)."""
    done = threading.Event()
    for _ in range(tries):
        steps = [s["step"] for s in area.status(token)["steps"]]
        if wanted in steps or "checking" in steps:
            return steps
        done.wait(0.01)
    return steps


# --- confirm ----------------------------------------------------------------------------------

def test_confirm_imports_once_and_answers_the_same_again(area, workbooks, store):
    token = checked(area, story_bytes(workbooks))
    count = len(store.history())
    first = area.confirm(token, user="chef")
    assert first["state"] == "imported" and first["record"]["user"] == "chef"
    assert first["fresh"] is True  # this confirm imported; a later one did not
    assert area.confirm(token, user="chef") == {**first, "fresh": False}
    assert len(store.history()) == count + 1
    assert store.history()[0].id == first["import_id"]
    assert STORY in set(store.frames()["assignments"]["period"])
    status = area.status(token)
    assert (status["state"], status["import_id"]) == ("imported", first["import_id"])
    assert [s["step"] for s in status["steps"]][-2:] == ["importing", "imported"]


def test_two_confirms_at_once_from_two_workers_import_once(area, workbooks, settings):
    token = checked(area, story_bytes(workbooks))
    url = area.store.engine.url.render_as_string(hide_password=False)
    stores = [Store(url), Store(url)]
    workers = [Staging(area.folder, s, settings) for s in stores]
    count = len(area.store.history())
    barrier = threading.Barrier(2)
    answers: list[dict] = []

    def confirm(worker: Staging) -> None:
        barrier.wait(timeout=60)
        answers.append(worker.confirm(token, user="chef"))

    threads = [threading.Thread(target=confirm, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 2
    assert sorted(a.pop("fresh") for a in answers) == [False, True]  # one of them imported
    assert answers[0] == answers[1]
    assert len(area.store.history()) == count + 1
    for s in stores:
        s.close()


def test_confirm_is_refused_unless_ready(area):
    book = full_workbook()
    book["Uppdrag"][1][10] = "Lila"
    token = checked(area, xlsx_bytes(book), "trasig.xlsx")
    with pytest.raises(StoreError) as refused:
        area.confirm(token, user="chef")
    assert refused.value.code == "not_ready" and "refused" in refused.value.message_en


def test_an_import_between_check_and_confirm_makes_it_stale(area, workbooks, db, settings):
    store, path = db
    token = checked(area, story_bytes(workbooks))
    red = first_with_status(workbooks["2018-T1"], "Grön")
    import_file(store, correction(workbooks["2018-T1"], red=red), "rättelse.xlsx", settings)
    after_other = dump(path)
    with pytest.raises(StoreError) as refused:
        area.confirm(token, user="chef")
    assert refused.value.code == "stale"
    assert "preview" in refused.value.message_en and "förhandsvisning" in refused.value.message_sv
    assert dump(path) == after_other
    wait_for_checks()
    status = area.status(token)
    assert status["state"] == "ready" and status["data_version"] == store.data_version()
    assert "stale" in [s["step"] for s in status["steps"]]
    assert area.confirm(token, user="chef")["state"] == "imported"


def test_the_version_is_checked_inside_the_write_transaction(area, workbooks, db, settings,
                                                             monkeypatch):
    """Another import lands after confirm read the version: the store itself refuses."""
    store, path = db
    token = checked(area, story_bytes(workbooks))
    seen = area.status(token)["data_version"]
    store.rollback(store.history()[0].id, user="chef")
    after_rollback = dump(path)
    monkeypatch.setattr(store, "data_version", lambda: seen)  # the race: read just before
    with pytest.raises(StoreError) as refused:
        area.confirm(token, user="chef")
    assert refused.value.code == "stale"
    assert dump(path) == after_rollback


def test_an_error_in_the_middle_of_confirm_leaves_the_database_as_it_was(
        area, workbooks, db, monkeypatch):
    store, path = db
    token = checked(area, story_bytes(workbooks))
    before = dump(path)
    real = Store._insert_dataset
    inserted: list[str] = []

    def fail_on_third(self, conn, ds, import_id, frame):
        if len(inserted) == 2:
            raise OSError("disk trouble")
        inserted.append(ds.name)
        return real(self, conn, ds, import_id, frame)

    monkeypatch.setattr(Store, "_insert_dataset", fail_on_third)
    with pytest.raises(StoreError) as refused:
        area.confirm(token, user="chef")
    assert inserted and refused.value.code == "import_failed"
    assert "disk" not in refused.value.message_en
    assert dump(path) == before
    assert area.status(token)["state"] == "ready"
    monkeypatch.setattr(Store, "_insert_dataset", real)
    assert area.confirm(token, user="chef")["state"] == "imported"


def test_the_store_refuses_frames_meant_for_an_older_version(store, db, workbooks, settings):
    data = story_bytes(workbooks)
    frames = import_file(store, data, "a.xlsx", settings, dry_run=True).result.frames
    version, before = store.data_version(), dump(db[1])
    with pytest.raises(StoreError) as refused:
        store.import_frames(frames, user="chef", file_name="a.xlsx", file_bytes=data,
                            expected_version=version - 1)
    assert refused.value.code == "stale" and refused.value.details["data_version"] == version
    assert dump(db[1]) == before
    record = store.import_frames(frames, user="chef", file_name="a.xlsx", file_bytes=data,
                                 expected_version=version)
    assert store.data_version() == version + 1 and store.history()[0].id == record.id
