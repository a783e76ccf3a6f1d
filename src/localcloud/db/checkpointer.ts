/**
 * Background checkpoints and the data file's owner lock.
 *
 * A checkpoint copies the write-ahead log into the database file and waits for the disk twice (fsync).
 * Run by SQLite inside a commit, it stopped the local cloud's one thread for 20–27 ms every ~9 group
 * commits (a few hundred writes), and every request in flight waited. Here a worker thread with its own connection runs them
 * (PASSIVE: they never block the writer or readers) while the main connection keeps serving; SQLite's
 * WAL protocol keeps that safe, with the same fsyncs as before.
 */
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'

/** At most one checkpoint in flight, and one started at most this often while writes go on. */
const INTERVAL_MS = 20

/** How long the log may grow (4 KB frames) before the writer has it start over: 16 MB. */
const RESTART_FRAMES = 4096

/** Past this (64 MB), SQLite checkpoints inside a commit again, as without the worker. */
export const INLINE_CHECKPOINT_FRAMES = 4 * RESTART_FRAMES

// The connection opens at the first checkpoint: a database closed soon after opening (a test's
// temporary folder, already removed) never has the worker touch its file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db = null
parentPort.on('message', (m) => {
  if (m === 'close') { if (db) db.close(); parentPort.close(); return }
  try {
    if (!db) { db = new Database(workerData.file, { fileMustExist: true }); db.pragma('synchronous = NORMAL') }
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ error: null, log: r.log })
  } catch (e) { parentPort.postMessage({ error: String((e && e.message) || e), log: 0 }) }
})
`

export class Checkpointer {
  private readonly worker: Worker
  private inFlight = false
  private last = 0
  private closed = false
  /** Frames in the log at the worker's last checkpoint, until the next commit. */
  private logFrames = 0

  constructor(file: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file } })
    this.worker.on('message', (m: { error: string | null; log: number }) => {
      this.inFlight = false
      this.logFrames = m.log
      if (m.error !== null && !this.closed) console.warn(`[local cloud] background checkpoint failed (retried later): ${m.error}`)
    })
    this.worker.on('error', (e) => this.closed || console.warn(`[local cloud] checkpoint worker stopped: ${e.message}`))
    this.worker.unref() // never what keeps a process alive; after on('message'), which would ref it again
  }

  /** Called after each commit: asks for a checkpoint unless one runs or one started just now. */
  afterCommit(): void {
    this.logFrames = 0
    const now = Date.now()
    if (this.closed || this.inFlight || now - this.last < INTERVAL_MS) return
    this.inFlight = true
    this.last = now
    this.worker.postMessage('checkpoint')
  }

  /**
   * Called by the writer before it begins a transaction. SQLite starts the log over only when a writer
   * begins while every frame is already copied; with commits arriving faster than the worker's passes
   * that never happens, and the log grows without end. So once it is long, and the worker has finished
   * a pass with no commit since, the writer copies what the pass left (the commits made while it ran, a
   * few ms of copying) itself, and its next commit starts the log from the beginning.
   */
  beforeWrite(db: Database.Database): void {
    if (this.closed || this.inFlight || this.logFrames < RESTART_FRAMES) return
    this.logFrames = 0
    db.pragma('wal_checkpoint(PASSIVE)')
  }

  close(): void {
    this.closed = true
    this.worker.postMessage('close')
  }
}

/**
 * One local cloud owns a data file while it runs: document versions are counted in memory, so a second
 * writer could reuse one and hide a conflict. The lock is a small SQLite file held exclusively by an
 * open connection; the operating system drops it when the process ends, even by kill -9.
 */
export function takeOwnerLock(file: string): Database.Database {
  const lock = new Database(`${file}-owner`, { timeout: 200 })
  try {
    lock.pragma('journal_mode = MEMORY') // it never holds data: no -journal file beside it
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE; COMMIT') // in exclusive mode the lock is kept after the transaction
    return lock
  } catch (e) {
    lock.close()
    if ((e as { code?: string }).code === 'SQLITE_BUSY')
      throw new Error(`${file} is in use by another connection or process: one local cloud owns a data folder while it runs`)
    throw e
  }
}
