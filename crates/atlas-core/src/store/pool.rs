//! A few connections to one edition, so that several threads read it at once.
//!
//! A SQLite connection may move between threads but serves one at a time. A [`Store`] therefore
//! holds a small fixed pool of connections to the same database: the edition file opened
//! read-only once per connection, or one in-memory copy of it (SQLite's `memdb` VFS under a
//! name unique to this process) that every connection of the pool opens. A query takes a free
//! connection for as long as it runs; only when every connection is busy does it wait.
//!
//! The locks are re-entrant: a store method that calls another while it holds a connection gets
//! the one it holds when no other is free, so nested calls cannot deadlock.

use std::cell::Cell;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result};
use parking_lot::{ReentrantMutex, ReentrantMutexGuard};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

use crate::overlay::OVERLAY_TABLE;

/// A connection taken from a [`Pool`]; it goes back when dropped.
pub type Pooled<'a> = ReentrantMutexGuard<'a, Connection>;

/// Connections to one database, each serving one thread at a time.
pub struct Pool {
    slots: Vec<ReentrantMutex<Connection>>,
}

thread_local! {
    /// The slot this thread took last, tried first: a nested call finds the connection its
    /// caller holds, and a thread tends to find the pages it read before in its connection's cache.
    static LAST_SLOT: Cell<usize> = const { Cell::new(0) };
}

/// How many connections a pool opens: twice the processor count, at least 4 and at most 16, so
/// that a thread the system pauses while it holds one does not stop the others.
pub fn size() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (2 * cores).clamp(4, 16)
}

impl Pool {
    pub fn new(connections: Vec<Connection>) -> Pool {
        Pool { slots: connections.into_iter().map(ReentrantMutex::new).collect() }
    }

    /// A free connection (or the one this thread already holds); waits only when all are busy.
    pub fn get(&self) -> Pooled<'_> {
        let count = self.slots.len();
        let start = LAST_SLOT.with(Cell::get) % count.max(1);
        for offset in 0..count {
            let index = (start + offset) % count;
            if let Some(guard) = self.slots[index].try_lock() {
                LAST_SLOT.with(|last| last.set(index));
                return guard;
            }
        }
        self.slots[start].lock()
    }

    /// Every connection in turn (for setting them up).
    fn each(&self, mut f: impl FnMut(&Connection) -> Result<()>) -> Result<()> {
        self.slots.iter().try_for_each(|slot| f(&slot.lock()))
    }
}

/// Opens `count` read-only connections to the edition file at `path`, each with its (empty)
/// overlay table.
pub fn open_file(path: &Path, count: usize) -> Result<Pool> {
    let connections = (0..count.max(1))
        .map(|_| {
            let connection =
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                    .with_context(|| format!("opening {}", path.display()))?;
            connection.execute_batch(OVERLAY_TABLE)?;
            Ok(connection)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Pool::new(connections))
}

/// Numbers the in-memory copies of this process, so each has a name of its own.
static COPIES: AtomicU64 = AtomicU64::new(0);

/// Copies the edition at `edition` into memory, lets `change` write into the copy (through a
/// connection that has the overlay table), then opens `count` connections to the copy, each
/// with the same overlay rows, and makes them all read-only. Returns the pool and what `change`
/// returned. The copy lives as long as one of its connections.
pub fn copy_into_memory<T>(
    edition: &Path,
    count: usize,
    change: impl FnOnce(&Connection) -> Result<T>,
) -> Result<(Pool, T)> {
    let name = format!("file:/nev-atlas-{}-{}?vfs=memdb", std::process::id(), COPIES.fetch_add(1, Ordering::Relaxed));
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut first = Connection::open_with_flags(&name, flags)?;
    {
        let source = Connection::open_with_flags(edition, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .with_context(|| format!("opening {}", edition.display()))?;
        rusqlite::backup::Backup::new(&source, &mut first)?
            .run_to_completion(4096, std::time::Duration::ZERO, None)
            .with_context(|| format!("reading the edition {}", edition.display()))?;
    }
    first.execute_batch(OVERLAY_TABLE)?;
    // One transaction for the whole change: thousands of overlay rows commit once, not each.
    let changed = {
        let transaction = first.transaction()?;
        let changed = change(&transaction)?;
        transaction.commit()?;
        changed
    };
    // The overlay table is temporary, so each connection has its own: copy its rows into each.
    let marks: Vec<Vec<Value>> = {
        let mut statement =
            first.prepare("SELECT fact, id, origin, retracted, retraction_sources FROM temp.overlay")?;
        statement
            .query_map([], |row| (0..5).map(|i| row.get::<_, Value>(i)).collect())?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut connections = vec![first];
    for _ in 1..count.max(1) {
        let mut connection = Connection::open_with_flags(&name, flags)?;
        connection.execute_batch(OVERLAY_TABLE)?;
        let transaction = connection.transaction()?;
        {
            let mut insert = transaction.prepare(
                "INSERT INTO temp.overlay (fact, id, origin, retracted, retraction_sources) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for mark in &marks {
                insert.execute(rusqlite::params_from_iter(mark))?;
            }
        }
        transaction.commit()?;
        connections.push(connection);
    }
    let pool = Pool::new(connections);
    // From here on the copy is read like the edition file: nothing may write into it.
    pool.each(|c| Ok(c.pragma_update(None, "query_only", true)?))?;
    Ok((pool, changed))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use super::*;

    /// An edition file with two entities and one link.
    fn edition(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("edition.sqlite");
        let connection = Connection::open(&path).unwrap();
        for (_, sql) in super::super::MIGRATIONS {
            connection.execute_batch(sql).unwrap();
        }
        connection
            .execute_batch(
                "INSERT INTO entities (id, kind, name_zh, name_en, district, products, confidence) VALUES
                   ('maker', 'firm', '车', 'Maker', NULL, '', 'confirmed'),
                   ('cells', 'firm', '电', 'Cells', NULL, '', 'confirmed');
                 INSERT INTO links (id, from_id, relation, to_id, confidence) VALUES
                   (1, 'cells', 'supplies', 'maker', 'confirmed');",
            )
            .unwrap();
        path
    }

    fn count(connection: &Connection, sql: &str) -> i64 {
        connection.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn every_connection_of_a_copy_sees_the_change_and_its_overlay_marks() {
        let dir = tempfile::tempdir().unwrap();
        let path = edition(dir.path());
        let (pool, answer) = copy_into_memory(&path, 4, |c| {
            c.execute(
                "INSERT INTO entities (id, kind, products, confidence) VALUES ('mine', 'firm', '', 'confirmed')",
                [],
            )?;
            c.execute("INSERT INTO temp.overlay (fact, id, origin) VALUES ('entity', 'mine', 'yours')", [])?;
            Ok(42)
        })
        .unwrap();
        assert_eq!(answer, 42);
        // Hold every connection at once, so that each is a different one.
        let held: Vec<_> = pool.slots.iter().map(|s| s.try_lock().unwrap()).collect();
        assert_eq!(held.len(), 4);
        for connection in &held {
            assert_eq!(count(connection, "SELECT count(*) FROM entities"), 3);
            assert_eq!(count(connection, "SELECT count(*) FROM temp.overlay WHERE id = 'mine'"), 1);
            let refused = connection.execute("DELETE FROM entities", []);
            assert!(refused.is_err(), "the copy is read-only");
        }
        drop(held);
        let file = Connection::open(&path).unwrap();
        assert_eq!(count(&file, "SELECT count(*) FROM entities"), 2, "the edition file is untouched");
    }

    #[test]
    fn two_copies_are_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = edition(dir.path());
        let (one, ()) = copy_into_memory(&path, 2, |c| Ok(c.execute_batch("DELETE FROM links")?)).unwrap();
        let (two, ()) = copy_into_memory(&path, 2, |_| Ok(())).unwrap();
        assert_eq!(count(&one.get(), "SELECT count(*) FROM links"), 0);
        assert_eq!(count(&two.get(), "SELECT count(*) FROM links"), 1);
    }

    #[test]
    fn a_thread_that_holds_a_connection_gets_it_again_when_all_are_busy() {
        let dir = tempfile::tempdir().unwrap();
        let pool = open_file(&edition(dir.path()), 2).unwrap();
        let outer = pool.get();
        std::thread::scope(|scope| {
            let (taken, release) = std::sync::mpsc::channel::<()>();
            let (go, gate) = std::sync::mpsc::channel::<()>();
            let pool = &pool;
            scope.spawn(move || {
                let _other = pool.get();
                taken.send(()).unwrap();
                gate.recv().unwrap();
            });
            release.recv().unwrap();
            // Both connections are held now (one here, one by the other thread): a nested take
            // gets this thread's own instead of waiting for the other's.
            let inner = pool.get();
            assert_eq!(count(&inner, "SELECT count(*) FROM entities"), 2);
            assert!(std::ptr::eq(&*inner, &*outer));
            go.send(()).unwrap();
        });
    }

    #[test]
    fn threads_read_at_once_on_different_connections() {
        let dir = tempfile::tempdir().unwrap();
        let pool = open_file(&edition(dir.path()), 2).unwrap();
        let barrier = std::sync::Barrier::new(2);
        // Each thread holds its connection until both have one: with one connection for all,
        // this would never get past the barrier.
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| {
                    let connection = pool.get();
                    barrier.wait();
                    assert_eq!(count(&connection, "SELECT count(*) FROM links"), 1);
                });
            }
        });
    }
}
