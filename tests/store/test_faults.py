"""Faults from outside: locks, a full disk, read-only files, missing folders, servers down.

Each is a ``DatabaseError`` of one sentence naming the database, the cause and
what to do, at open time and on a read or write later (there through
``store.errors.database_error`` around the engine call, as the store's edge
does), and none leaves a database that no longer opens. The disk and
read-only cases use real tmpfs mounts when this machine allows them (root, not
in a sandbox that forbids mount); where it does not, each test says what it
does instead.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from roadmapper.core.errors import DatabaseError
from roadmapper.model.tables import ROADMAP
from roadmapper.store import database as database_module
from roadmapper.store.database import HEAD, Database, open_database
from roadmapper.store.errors import DATABASE_ERRORS, Cause, cause_of, database_error
from tests import backends
from tests.store.migration_child import FIRST, content, make_first_revision

ROOT = Path(__file__).parents[2]


def assert_one_sentence(message: str, *parts: str) -> None:
    """``message`` is one sentence (one line, one full stop at its end) holding ``parts``."""
    assert "\n" not in message, message
    assert message.rstrip().endswith((".", "?")), message
    assert not re.search(r"[.?!]\s+[A-Z]", message), f"more than one sentence: {message}"
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


def run_cli(*args: str, file_size_limit: int = 0) -> tuple[int, str]:
    """``roadmapper ARGS`` as its own process, optionally with RLIMIT_FSIZE: (exit code, stderr)."""
    script = (
        "import resource, signal, sys\n"
        "limit = int(sys.argv[1])\n"
        "if limit:\n"
        "    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
        "from roadmapper.cli import main\n"
        "sys.exit(main(sys.argv[2:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(file_size_limit), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stderr


def cli_sentence(code: int, err: str, *parts: str) -> str:
    """The one line a failed command printed: exit 1, ``roadmapper: `` and one sentence."""
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("roadmapper: "), err
    assert_one_sentence(lines[0].removeprefix("roadmapper: "), *parts)
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_roadmap(database: Database, name: str) -> None:
    with database.engine.begin() as conn:
        conn.execute(sa.insert(ROADMAP).values(name=name, description=""))


def roadmap_names(database: Database) -> list[str]:
    with database.read_engine.begin() as conn:
        return list(conn.execute(sa.select(ROADMAP.c.name).order_by(ROADMAP.c.name)).scalars())


# -- mounts -----------------------------------------------------------------------


def _run(*args: str) -> bool:
    try:
        return subprocess.run(args, capture_output=True, timeout=30).returncode == 0
    except OSError:
        return False


NO_MOUNT_VAR = "ROADMAPPER_TEST_NO_MOUNT"
"""Set, the tests take the no-mount ways even where mount works (to test those ways)."""


@functools.cache
def can_mount() -> bool:
    """Whether a tmpfs can be mounted here, checked once by mounting one."""
    if os.environ.get(NO_MOUNT_VAR):
        return False
    with tempfile.TemporaryDirectory() as folder:
        if not _run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder):
            return False
        _run("umount", folder)
    return True


@contextmanager
def tmpfs(folder: Path, size: int) -> Iterator[Path]:
    """``folder`` as a new tmpfs of ``size`` bytes for the ``with`` block."""
    folder.mkdir(parents=True, exist_ok=True)
    assert _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        if not _run("umount", str(folder)):
            _run("umount", "-l", str(folder))


def remount_read_only(folder: Path) -> None:
    """Files and folder read-only for everyone, root included (EROFS)."""
    assert _run("mount", "-o", "remount,ro", str(folder))


# -- locks --------------------------------------------------------------------------

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE alembic_version SET version_num = version_num")
if sys.argv[2] == "exclusive":
    conn.execute("COMMIT")  # in exclusive mode the lock stays until the connection closes
print("held", flush=True)
sys.stdin.read()
"""


@contextmanager
def held_lock(path: Path, kind: str) -> Iterator[None]:
    """Another program holding ``path``: a write lock ("write") or an exclusive one."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_a_write_while_another_program_writes_waits_two_seconds_then_says_so(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.db"
    database = open_database(path)
    add_roadmap(database, "Before")
    with held_lock(path, "write"):
        # Reading goes on beside the other writer (WAL).
        assert roadmap_names(database) == ["Before"]
        started = time.monotonic()
        with pytest.raises(DATABASE_ERRORS) as caught:
            add_roadmap(database, "Blocked")
        waited = time.monotonic() - started
    error = database_error(caught.value, database.label, "save the change to")
    assert_one_sentence(
        str(error),
        f"cannot save the change to {path}:",
        "another program is using it (database is locked)",
        "then try again",
    )
    assert cause_of(caught.value) is Cause.LOCKED
    # The busy timeout: long enough for another writer's commit, short for a window.
    assert 1.5 < waited < 4.5
    add_roadmap(database, "After")
    assert roadmap_names(database) == ["After", "Before"]
    database.engine.dispose()


@pytest.mark.parametrize("state", ["head", "behind"])
def test_an_exclusive_lock_at_open_is_a_lock_not_damage(tmp_path: Path, state: str) -> None:
    path = tmp_path / "plan.db"
    if state == "head":
        open_database(path).engine.dispose()
    else:
        make_first_revision(str(path), 20)
    with held_lock(path, "exclusive"):
        with pytest.raises(DatabaseError) as caught:
            open_database(path)
        code, err = run_cli("list", "--db", str(path))
    message = str(caught.value)
    assert_one_sentence(message, str(path), "another program is using it", "database is locked")
    assert "damaged" not in message
    cli_sentence(code, err, "another program is using it")
    # Once the other program let go, it opens (and migrates) as ever.
    database = open_database(path)
    assert database.migrated_from == (FIRST if state == "behind" else None)
    database.engine.dispose()


# -- a full disk -----------------------------------------------------------------


@dataclass
class Disk:
    """A folder on a small disk: a tmpfs, or with no mount, a file size limit for children."""

    folder: Path
    limit: int = 0
    """RLIMIT_FSIZE for child processes when no tmpfs could be mounted (0: a real tmpfs)."""

    def fill(self, leave: int = 0) -> None:
        """Take all the free space but ``leave`` bytes (on a tmpfs; a limit needs nothing)."""
        if self.limit:
            return
        free = shutil.disk_usage(self.folder).free - leave
        with (self.folder / "filler").open("ab") as fh:
            fh.write(b"\0" * max(free, 0))

    def free_up(self) -> None:
        (self.folder / "filler").unlink(missing_ok=True)
        self.limit = 0


@contextmanager
def small_disk(tmp_path: Path, limit: int) -> Iterator[Disk]:
    """A tmpfs (``Disk.fill`` takes its space) where mount works; else a folder and ``limit``."""
    if can_mount():
        with tmpfs(tmp_path / "disk", 16 * 1024 * 1024) as folder:
            yield Disk(folder)
    else:
        folder = tmp_path / "disk"
        folder.mkdir()
        yield Disk(folder, limit)


def full_disk_words(line: str) -> None:
    """A full tmpfs says so; under a file size limit SQLite or the system put it otherwise."""
    if can_mount():
        assert "the disk is full" in line, line
    else:
        words = ("the disk is full", "the disk reported an error", "(file too large)")
        assert any(w in line for w in words), line


def test_a_new_database_on_a_full_disk_is_one_sentence_and_no_file(tmp_path: Path) -> None:
    with small_disk(tmp_path, limit=8192) as disk:
        disk.fill(leave=8192)
        target = disk.folder / "new.db"
        line = cli_sentence(
            *run_cli("demo", "--db", str(target), file_size_limit=disk.limit),
            f"Cannot create {target}:",
        )
        full_disk_words(line)
        # Nothing half made is left to be mistaken for a roadmap.
        assert sorted(p.name for p in disk.folder.iterdir()) == ([] if disk.limit else ["filler"])
        disk.free_up()
        code, err = run_cli("demo", "--db", str(target))
        assert code == 0, err


@pytest.mark.parametrize("fails", ["backup", "migration"])
def test_a_migration_on_a_full_disk_leaves_the_file_as_it_was(tmp_path: Path, fails: str) -> None:
    old = tmp_path / "old.db"
    make_first_revision(str(old), 2000)
    size = old.stat().st_size
    before = content(str(old))
    # Room for half a backup, or for the backup and an eighth more: the migration's
    # WAL grows to about 1.2 times the file (every table of 0004 is copied).
    room = size // 2 if fails == "backup" else size + size // 8
    with small_disk(tmp_path, limit=room) as disk:
        path = disk.folder / "old.db"
        shutil.copy(old, path)
        disk.fill(leave=room)
        original = digest(path)
        for _attempt in range(2):
            line = cli_sentence(
                *run_cli("list", "--db", str(path), file_size_limit=disk.limit),
                f"Cannot {'back up' if fails == 'backup' else 'update'} {path}:",
            )
            full_disk_words(line)
            assert digest(path) == original
            assert content(str(path)) == before
            backups = [p for p in disk.folder.iterdir() if ".before-" in p.name]
            # A failed backup leaves no half copy; a failed migration keeps its one backup,
            # and the second attempt does not add another.
            assert len(backups) == (0 if fails == "backup" else 1)
            assert not [p for p in disk.folder.iterdir() if p.name.endswith(".partial")]
        disk.free_up()
        database = open_database(path)
        assert database.migrated_from == FIRST
        database.engine.dispose()
        assert content(str(path)) == before


WRITER = """
import resource, signal, sys
import sqlalchemy as sa
from roadmapper.store.database import open_database
from roadmapper.store.errors import DATABASE_ERRORS, database_error
database = open_database(sys.argv[1])
limit = int(sys.argv[2])
if limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
rows = [{"n": f"Roadmap {i}", "d": "x" * 4000} for i in range(1000)]
try:
    with database.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO roadmap (name, description) VALUES (:n, :d)"), rows)
except DATABASE_ERRORS as exc:
    print(database_error(exc, database.label, "save the change to"))
else:
    print("saved")
"""


def test_a_write_on_a_full_disk_is_one_sentence_and_saves_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path, limit=512 * 1024) as disk:
        path = disk.folder / "plan.db"
        database = open_database(path)
        add_roadmap(database, "Kept")
        database.engine.dispose()
        disk.fill(leave=64 * 1024)
        done = subprocess.run(
            [sys.executable, "-c", WRITER, str(path), str(disk.limit)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        (line,) = done.stdout.splitlines()
        assert_one_sentence(line, f"cannot save the change to {path}:")
        full_disk_words(line)
        disk.free_up()
        reopened = open_database(path)
        assert roadmap_names(reopened) == ["Kept"]
        reopened.engine.dispose()


# -- read-only files and folders ----------------------------------------------------


@contextmanager
def read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder whose files become read-only when ``make_read_only`` is called.

    A tmpfs remounted read-only where mount works: then even root gets EROFS.
    Elsewhere root may write anything, so only the detection is told the
    folder is read-only (``database._writable`` patched); the read-only
    engine that detection picks is real either way.
    """
    if can_mount():
        with tmpfs(tmp_path / "ro", 8 * 1024 * 1024) as folder:
            yield folder
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        yield folder


def make_read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if can_mount():
        remount_read_only(folder)
    else:
        writable = database_module._writable
        monkeypatch.setattr(
            database_module, "_writable", lambda p: p.parent != folder and writable(p)
        )


def test_a_read_only_file_opens_read_only_and_refuses_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with read_only_folder(tmp_path, monkeypatch) as folder:
        path = folder / "plan.db"
        database = open_database(path)
        add_roadmap(database, "Shared")
        database.engine.dispose()
        make_read_only(folder, monkeypatch)
        before = digest(path)
        database = open_database(path)
        assert database.read_only
        assert roadmap_names(database) == ["Shared"]
        with pytest.raises(DATABASE_ERRORS) as caught:
            add_roadmap(database, "Lost")
        database.engine.dispose()
        assert_one_sentence(
            str(database_error(caught.value, database.label, "save the change to")),
            f"cannot save the change to {path}: it is read-only",
            "work on a copy",
        )
        assert cause_of(caught.value) is Cause.READ_ONLY
        assert digest(path) == before
        # The command line reads it as ever.
        code, err = run_cli("list", "--db", str(path))
        assert code == 0, err


def test_a_read_only_file_behind_is_refused_not_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with read_only_folder(tmp_path, monkeypatch) as folder:
        path = folder / "old.db"
        make_first_revision(str(path), 20)
        make_read_only(folder, monkeypatch)
        before = digest(path)
        with pytest.raises(DatabaseError) as caught:
            open_database(path)
        assert_one_sentence(
            str(caught.value), str(path), "needs an update", f"{FIRST} to {HEAD}", "read-only"
        )
        assert digest(path) == before
        assert not [p for p in folder.iterdir() if ".before-" in p.name]


def test_read_only_on_request_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    database = open_database(path)
    add_roadmap(database, "Mine")
    database.engine.dispose()
    before = (digest(path), path.stat().st_mtime_ns)
    database = open_database(path, read_only=True)
    assert database.read_only
    assert roadmap_names(database) == ["Mine"]
    with pytest.raises(DATABASE_ERRORS) as caught:
        add_roadmap(database, "Not mine")
    database.engine.dispose()
    assert cause_of(caught.value) is Cause.READ_ONLY
    assert (digest(path), path.stat().st_mtime_ns) == before
    with pytest.raises(DatabaseError, match="no such file"):
        open_database(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()


# -- missing folders -------------------------------------------------------------


def test_a_missing_folder_is_refused_unless_a_new_file_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> None:
    typo = tmp_path / "Documnets" / "plan.db"
    with pytest.raises(DatabaseError) as caught:
        open_database(typo)
    assert_one_sentence(
        str(caught.value), f"cannot create {typo}:", f"the folder {typo.parent} does not exist"
    )
    cli_sentence(*run_cli("list", "--db", str(typo)), f"the folder {typo.parent} does not exist")
    assert not typo.parent.exists()
    # A missing file in a folder that exists is created, as ever.
    open_database(tmp_path / "plan.db").engine.dispose()
    # Asked for a new file (demo, import, File > New): folders and all.
    database = open_database(typo, create=True)
    assert database.created
    database.engine.dispose()
    code, err = run_cli("demo", "--db", str(tmp_path / "new" / "deeper" / "demo.db"))
    assert code == 0, err
    # The per-user default makes its own folder on the first start.
    monkeypatch.delenv("ROADMAPPER_DB")
    default = open_database()
    assert default.path == isolated_environment / "data" / "Roadmapper" / "roadmap.db"
    default.engine.dispose()


# -- PostgreSQL servers ------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_or_skip() -> str:
    """The test server's URL, or skip (fail in CI) like every PostgreSQL test."""
    server = backends.postgres_server()
    if server is None:
        if os.environ.get(backends.REQUIRED_VAR):
            pytest.fail(f"{backends.REQUIRED_VAR} is set but {backends.POSTGRES_VAR} is not.")
        pytest.skip(backends.skip_reason())
    return server


def test_no_server_at_the_address_is_one_sentence() -> None:
    port = closed_port()
    url = f"postgresql://roadmapper@127.0.0.1:{port}/roadmaps"
    with pytest.raises(DatabaseError) as caught:
        open_database(url)
    assert_one_sentence(
        str(caught.value),
        f"cannot open postgresql+psycopg://roadmapper@127.0.0.1:{port}/roadmaps:",
        f"cannot reach the PostgreSQL server at 127.0.0.1:{port} (connection refused): "
        "is it running?",
    )
    cli_sentence(*run_cli("list", "--db", url), f"127.0.0.1:{port} (connection refused)")


def test_no_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(DatabaseError) as caught:
        open_database("postgresql://roadmapper@127.0.0.1/roadmaps")
    assert_one_sentence(str(caught.value), "psycopg", "install roadmapper[postgres]")


def test_a_refused_login_and_a_missing_database_are_one_sentence_each() -> None:
    server = sa.engine.make_url(postgres_or_skip())
    where = f"{server.host}:{server.port}"
    with pytest.raises(DatabaseError) as caught:
        open_database(server.set(username="nobody_here").render_as_string(False))
    assert_one_sentence(
        str(caught.value),
        f"the PostgreSQL server at {where} refused the login",
        'role "nobody_here" does not exist',
        "check the user name and password",
    )
    with pytest.raises(DatabaseError) as caught:
        open_database(server.set(database="no_such_roadmaps").render_as_string(False))
    assert_one_sentence(
        str(caught.value),
        f'the PostgreSQL server at {where} has no database "no_such_roadmaps"',
        "createdb no_such_roadmaps",
    )


@pytest.fixture
def postgres_url(tmp_path: Path, postgres_databases: backends.PostgresDatabases) -> Iterator[str]:
    yield from backends.new_database_url("postgresql", tmp_path, postgres_databases)


def test_a_connection_the_server_ends_is_one_sentence_then_reconnects(postgres_url: str) -> None:
    database = open_database(postgres_url)
    server = sa.engine.make_url(postgres_url)
    admin = sa.create_engine(postgres_url, poolclass=sa.pool.NullPool)
    with database.engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with admin.connect() as other:
            other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        with pytest.raises(DATABASE_ERRORS) as caught:
            conn.execute(sa.insert(ROADMAP).values(name="Lost", description=""))
    admin.dispose()
    assert_one_sentence(
        str(database_error(caught.value, database.label, "save the change to")),
        f"the connection to the PostgreSQL server at {server.host}:{server.port}",
        "then try again",
    )
    assert cause_of(caught.value, database.label) is Cause.LOST
    # The next action gets a new connection (the pool checks each one first).
    add_roadmap(database, "Saved")
    assert roadmap_names(database) == ["Saved"]
    database.engine.dispose()


def test_read_only_on_request_on_postgresql(postgres_url: str) -> None:
    open_database(postgres_url).engine.dispose()
    database = open_database(postgres_url, read_only=True)
    assert database.read_only
    with pytest.raises(DATABASE_ERRORS) as caught:
        add_roadmap(database, "Not saved")
    assert_one_sentence(
        str(database_error(caught.value, database.label, "save the change to")),
        "the database is read-only here",
    )
    assert roadmap_names(database) == []
    database.engine.dispose()


@dataclass
class OwnServer:
    folder: Path
    url: str

    def stop(self) -> None:
        subprocess.run([ROOT / ".ci" / "postgres.sh", "stop", str(self.folder)], check=True)


@pytest.fixture
def own_server() -> Iterator[OwnServer]:
    """A PostgreSQL server of this test's own, on another port, to stop midway."""
    postgres_or_skip()
    port = closed_port()
    top = Path(tempfile.mkdtemp(prefix="roadmapper-pg-", dir="/tmp"))
    top.chmod(0o755)  # the server runs as the postgres user when we are root
    folder = top / "cluster"
    started = subprocess.run(
        [ROOT / ".ci" / "postgres.sh", "start", str(folder)],
        env={**os.environ, "PGPORT_TEST": str(port)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    server = OwnServer(folder, f"postgresql://roadmapper@127.0.0.1:{port}/postgres")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(top, ignore_errors=True)


def test_a_server_stopped_midway_is_one_sentence_on_the_next_write(own_server: OwnServer) -> None:
    database = open_database(own_server.url)
    add_roadmap(database, "Before")
    port = sa.engine.make_url(own_server.url).port
    own_server.stop()
    with pytest.raises(DATABASE_ERRORS) as caught:
        add_roadmap(database, "After")
    message = str(database_error(caught.value, database.label, "save the change to"))
    assert_one_sentence(message, "cannot save the change to", f"127.0.0.1:{port}")
    assert cause_of(caught.value, database.label) in (Cause.UNREACHABLE, Cause.LOST), message
    assert "is it running?" in message or "check that the server is running" in message
    database.engine.dispose()


# -- the sentences of causes hard to bring about here ------------------------------


class ServerError(Exception):
    """Stands for a psycopg error: its message and its SQLSTATE."""

    def __init__(self, message: str, sqlstate: str | None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def sqlite_error(message: str, name: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


SERVER = "postgresql+psycopg://ada:***@db.example:6543/roadmaps"


@pytest.mark.parametrize(
    ("error", "label", "cause", "words"),
    [
        (ServerError('could not extend file "base/1/2": No space left on device\nHINT: x', "53100"),
         SERVER, Cause.FULL, "db.example:6543 is out of disk space"),
        (ServerError("could not serialize access due to concurrent update", "40001"),
         SERVER, Cause.CONFLICT, "another writer changed the same rows"),
        (ServerError("permission denied for table initiative", "42501"),
         SERVER, Cause.READ_ONLY, "(permission denied for table initiative)"),
        (ServerError("cannot execute UPDATE in a read-only transaction", "25006"),
         SERVER, Cause.READ_ONLY, "the database is read-only here"),
        (ServerError("sorry, too many clients already", "53300"),
         SERVER, Cause.UNREACHABLE, "takes no more connections"),
        (ServerError("connection failed: connection to server at \"10.0.0.5\", port 6543 failed:"
                     " timeout expired", None), SERVER, Cause.UNREACHABLE, "(timeout expired)"),
        (ServerError("FATAL:  the database system is starting up", "57P03"),
         SERVER, Cause.UNREACHABLE, "is starting or stopping"),
        (sqlite_error("database disk image is malformed", "SQLITE_CORRUPT"),
         "/home/ada/plan.db", Cause.DAMAGED, "restore it from a backup"),
        (sqlite_error("disk I/O error", "SQLITE_IOERR_WRITE"),
         "/home/ada/plan.db", Cause.OTHER, "the disk reported an error"),
        (PermissionError(13, "Permission denied", "/home/ada/plan.db"),
         "/home/ada/plan.db", Cause.READ_ONLY, "lacks the permission (permission denied)"),
        (OSError(30, "Read-only file system"), "/home/ada/plan.db", Cause.READ_ONLY,
         "the disk is read-only (read-only file system)"),
        (OSError(27, "File too large"), "/home/ada/plan.db", Cause.FULL,
         "cannot grow any larger there (file too large)"),
    ],
)  # fmt: skip
def test_each_cause_reads_as_one_sentence(
    error: BaseException, label: str, cause: Cause, words: str
) -> None:
    wrapped: BaseException = error
    if not isinstance(error, OSError):
        wrapped = sa.exc.OperationalError("INSERT ...", {}, error)
    message = str(database_error(wrapped, label, "save the change to"))
    assert_one_sentence(message, f"cannot save the change to {label}: ", words)
    assert "ada:" not in message.replace("ada:***", "")  # never a password
    assert cause_of(wrapped, label) is cause
