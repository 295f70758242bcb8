// Reads files in worker threads with a time and a memory limit each: a file that would hang SheetJS
// or exhaust memory costs its thread (ended and replaced), becomes an S01 problem, and the batch goes on.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Localized } from '../../shared/localized'
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import { analyseBytes, rejectedUnreadable } from '../../core/submission/analyse-submission'
import type { BatchContext } from '../analyse-inputs'
import type { FileReply, WorkerReply, WorkerRequest } from './protocol'
import { decodeAnalysis } from './encoded-analysis'
import type { EncodedFigures } from '../../db/figures-json'
import { nativeReadContext } from './native-inflate'
import { sheafEnv } from '../sheaf-env'

export type ReadPoolOptions = Readonly<{
  /**
   * threads reading at once, at most. An import sets it for its batch (`readerCount` in
   * import-files.ts: one per few hundred files, leaving a core to the main thread) unless
   * SHEAF_READ_WORKERS says otherwise; the default here only serves a pool made directly (tests).
   */
  workers: number
  /** time to read and analyse one file, in milliseconds */
  timeoutMs: number
  /** heap of one thread, in MB (resourceLimits.maxOldGenerationSizeMb) */
  maxOldGenerationSizeMb: number
  /** files larger than this are refused before they are read */
  maxFileBytes: number
  /** the worker script; default: found next to this module (bundle, Electron main, or TS sources) */
  workerFile?: string
}>

/** The cores this process may use. */
export function coreCount(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
}

export const DEFAULT_READ_POOL_OPTIONS: ReadPoolOptions = {
  workers: Math.max(2, coreCount()),
  timeoutMs: 20_000,
  maxOldGenerationSizeMb: 512,
  maxFileBytes: 50 * 1024 * 1024,
}

/**
 * The pool's limits set by SHEAF_READ_WORKERS, SHEAF_READ_TIMEOUT_MS, SHEAF_READ_MEMORY_MB and
 * SHEAF_MAX_FILE_MB (sheaf-env.ts); a wrong value throws SheafEnvError, naming it.
 */
export function readPoolOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ReadPoolOptions> {
  const e = sheafEnv(env)
  return {
    ...(e.SHEAF_READ_WORKERS !== undefined ? { workers: e.SHEAF_READ_WORKERS } : {}),
    ...(e.SHEAF_READ_TIMEOUT_MS !== undefined ? { timeoutMs: e.SHEAF_READ_TIMEOUT_MS } : {}),
    ...(e.SHEAF_READ_MEMORY_MB !== undefined ? { maxOldGenerationSizeMb: e.SHEAF_READ_MEMORY_MB } : {}),
    ...(e.SHEAF_MAX_FILE_MB !== undefined
      ? { maxFileBytes: Math.floor(e.SHEAF_MAX_FILE_MB * 1024 * 1024) }
      : {}),
  }
}

/** `eval`: the entry is a bootstrap that registers tsx, then requires the TypeScript worker. */
export type WorkerEntry = Readonly<{ file: string; eval: boolean }>

function tsEntry(tsFile: string): WorkerEntry {
  // `--import tsx` in a worker's execArgv is not honoured by Node 20: register tsx's require hook instead
  const tsx = createRequire(__filename).resolve('tsx/cjs')
  return { file: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(tsFile)})`, eval: true }
}

/**
 * Where the worker script is: `read-worker.cjs` beside the esbuild bundle (out/cli), `read-worker.js`
 * beside Electron main (out/main, an electron-vite input), else the TypeScript source run through tsx.
 */
export function findWorkerEntry(explicit?: string): WorkerEntry {
  if (explicit) return /\.ts$/.test(explicit) ? tsEntry(explicit) : { file: explicit, eval: false }
  const here = __dirname
  for (const name of ['read-worker.cjs', 'read-worker.js']) {
    const file = path.join(here, name)
    if (fs.existsSync(file)) return { file, eval: false }
  }
  return tsEntry(path.join(here, 'read-worker.ts'))
}

export const TIMEOUT = (s: number): Localized => ({
  vi: `quá thời gian đọc (hơn ${s} giây): tệp quá lớn hoặc có cấu trúc bất thường`,
  en: `reading took too long (more than ${s} s): the file is too large or oddly built`,
})
export const MEMORY = (mb: number): Localized => ({
  vi: `quá bộ nhớ (cần hơn ${mb} MB để đọc): tệp quá lớn hoặc có cấu trúc bất thường`,
  en: `reading needed too much memory (more than ${mb} MB): the file is too large or oddly built`,
})
export const CRASHED = (why: string): Localized => ({
  vi: `trình đọc tệp bị dừng đột ngột (${why})`,
  en: `the reader stopped unexpectedly (${why})`,
})
const CANCELLED: Localized = { vi: 'đã hủy trước khi đọc xong', en: 'cancelled before it was read' }

/** A file's analysis, with its figures in their stored form when the worker could encode them. */
export type ReadResult = Readonly<{ analysis: SubmissionAnalysis; encodedFigures: EncodedFigures | null }>

type Job = {
  id: number
  bytes: Uint8Array
  fileName: string
  resolve: (r: ReadResult) => void
}

const plain = (analysis: SubmissionAnalysis): ReadResult => ({ analysis, encodedFigures: null })

/**
 * A worker and the files sent to it, in order: the first is being read, the next ones wait in the
 * worker's own message queue so that the worker never idles while this thread stores a result.
 */
type Slot = {
  worker: Worker
  ready: boolean
  jobs: Job[]
  /** the id of the file the worker is reading, -1 between files (shared with it) */
  progress: Int32Array
  /** the time limit, and the file the worker was reading when it was set */
  timer: NodeJS.Timeout | null
  timed: number
  failure: Localized | null
}

function newSlot(worker: Worker, ready: boolean): Slot {
  const progress = new Int32Array(new SharedArrayBuffer(4))
  progress[0] = -1
  return { worker, ready, jobs: [], progress, timer: null, timed: -1, failure: null }
}

/**
 * Files sent ahead to each worker: enough to keep it reading through the pauses of this thread
 * (a garbage collection, loading the report's libraries, storing a file and preparing its report
 * rows), more of them saving time on a country's batch (docs/bench/code-choices.md). A file that hangs costs its
 * worker, and the files behind it go back to the queue.
 */
const SLOT_DEPTH = 16

export class ReadPool {
  private readonly opts: ReadPoolOptions
  private readonly entry: WorkerEntry | null
  private readonly slots = new Set<Slot>()
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false
  /** set when a worker cannot even start: the pool then reads in this thread */
  private brokenReason: string | null = null

  constructor(
    private readonly ctx: BatchContext,
    options: Partial<ReadPoolOptions> = {},
  ) {
    this.opts = { ...DEFAULT_READ_POOL_OPTIONS, ...options }
    let entry: WorkerEntry | null = null
    try {
      entry = findWorkerEntry(this.opts.workerFile)
    } catch (e) {
      this.brokenReason = `no read worker: ${e instanceof Error ? e.message : String(e)}`
    }
    this.entry = entry
  }

  get options(): ReadPoolOptions {
    return this.opts
  }

  /** Why the pool fell back to reading in the calling thread, if it did. */
  get fallbackReason(): string | null {
    return this.brokenReason
  }

  /** Always resolves: a file the pool cannot read becomes a rejected analysis with an S01 problem. */
  analyse(bytes: Uint8Array, fileName: string): Promise<SubmissionAnalysis> {
    return this.read(bytes, fileName).then((r) => r.analysis)
  }

  /** `analyse`, with the figures also in their stored form when the worker encoded them. */
  read(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
    if (this.closed) return Promise.resolve(plain(rejectedUnreadable(fileName, CANCELLED)))
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, fileName, resolve })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.resolve(plain(rejectedUnreadable(job.fileName, CANCELLED)))
    const ending: Promise<number>[] = []
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer)
      for (const job of slot.jobs.splice(0)) job.resolve(plain(rejectedUnreadable(job.fileName, CANCELLED)))
      ending.push(slot.worker.terminate())
    }
    this.slots.clear()
    await Promise.allSettled(ending)
  }

  private pump(): void {
    if (this.closed) return
    if (this.brokenReason !== null) {
      for (const job of this.queue.splice(0)) job.resolve(plain(this.inProcess(job)))
      return
    }
    const starting = [...this.slots].filter((s) => !s.ready).length
    let wanted = Math.min(this.queue.length - starting, this.opts.workers - this.slots.size)
    while (wanted-- > 0) this.spawn()
    // a starting worker gets its files too: its port keeps them until it reads, so it never waits
    // for this thread to hear that it is ready
    for (let depth = 1; depth <= SLOT_DEPTH; depth++)
      for (const slot of this.slots) {
        if (this.queue.length === 0) return
        if (slot.jobs.length < depth) this.dispatch(slot, this.queue.shift() as Job)
      }
  }

  private inProcess(job: Job): SubmissionAnalysis {
    try {
      return analyseBytes(job.bytes, { ...this.ctx, fileName: job.fileName, read: nativeReadContext() })
    } catch (e) {
      return rejectedUnreadable(job.fileName, CRASHED(e instanceof Error ? e.message : String(e)))
    }
  }

  private spawn(): void {
    if (!this.entry) return
    const early = takeEarlyWorker(this.entry, this.opts)
    if (early) {
      this.watch(newSlot(early.worker, early.ready))
      // a worker that said it is ready before it was taken gets its files now
      if (early.ready) queueMicrotask(() => this.pump())
      return
    }
    let worker: Worker
    try {
      worker = createWorker(this.entry, this.opts)
    } catch (e) {
      this.brokenReason = `the read worker could not start: ${e instanceof Error ? e.message : String(e)}`
      queueMicrotask(() => this.pump())
      return
    }
    this.watch(newSlot(worker, false))
  }

  private watch(slot: Slot): void {
    const worker = slot.worker
    this.slots.add(slot)
    // SheetJS writes warnings to the console; they must not reach the CLI's stdout (--json)
    worker.stdout.resume()
    worker.stderr.resume()
    worker.postMessage({ type: 'context', ctx: this.ctx, progress: slot.progress } satisfies WorkerRequest)
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'ready') {
        slot.ready = true
        // the time limit runs from now for a file sent while the worker started
        this.startTimer(slot)
        this.pump()
        return
      }
      const done: [Job, FileReply][] = []
      for (const reply of msg.type === 'batch' ? msg.replies : [msg]) {
        const job = slot.jobs[0]
        if (!job || job.id !== reply.id) break
        slot.jobs.shift()
        done.push([job, reply])
      }
      if (done.length === 0) return
      this.startTimer(slot)
      // the next files first: this thread unpacks while the worker reads
      this.pump()
      for (const [job, reply] of done) {
        if (reply.type === 'encoded') {
          const { analysis, figures } = decodeAnalysis(reply.encoded, this.ctx)
          job.resolve({ analysis, encodedFigures: figures })
        } else job.resolve(plain(reply.analysis))
      }
    })
    worker.on('error', (err: Error & { code?: string }) => {
      slot.failure =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? MEMORY(this.opts.maxOldGenerationSizeMb)
          : CRASHED(err.message)
      if (!slot.ready) this.brokenReason ??= err.message
    })
    worker.on('exit', (code) => {
      if (!this.slots.has(slot)) return
      this.slots.delete(slot)
      if (slot.timer) clearTimeout(slot.timer)
      const jobs = slot.jobs.splice(0)
      if (!slot.ready) {
        // it never started: none of its files is to blame, and none was read
        this.queue.unshift(...jobs)
        this.brokenReason ??= `the read worker exited (${code}) before it started`
      } else {
        // the file it was reading is to blame (the first one sent, for a worker that does not say);
        // the others go to another worker: those after it were never started, and those before it
        // were read but their results had not been sent yet
        const reading = jobs.findIndex((j) => j.id === Atomics.load(slot.progress, 0))
        const [job] = jobs.splice(Math.max(0, reading), 1)
        this.queue.unshift(...jobs)
        if (job) job.resolve(plain(rejectedUnreadable(job.fileName, slot.failure ?? CRASHED(`exit ${code}`))))
      }
      this.pump()
    })
  }

  /**
   * The time limit runs while the worker has files: when it ends, the worker is ended unless it has
   * moved on to another file meanwhile (its results may wait for the next ones'), which then gets a
   * time limit of its own. A file thus has at least the time limit, and less than twice it.
   */
  private startTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    if (slot.jobs.length === 0) return
    slot.timed = Atomics.load(slot.progress, 0)
    slot.timer = setTimeout(() => {
      if (Atomics.load(slot.progress, 0) !== slot.timed) return this.startTimer(slot)
      slot.failure = TIMEOUT(this.opts.timeoutMs / 1000)
      void slot.worker.terminate()
    }, this.opts.timeoutMs)
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.jobs.push(job)
    if (slot.jobs.length === 1 && slot.ready) this.startTimer(slot)
    // the worker gets a copy made here and handed over: copied as the message arrives, it would cost
    // the reading thread, which bounds a batch, far more (docs/bench/findings.md); the job keeps its
    // bytes for another worker should this one fail
    const bytes = new Uint8Array(job.bytes)
    slot.worker.postMessage(
      { type: 'analyse', id: job.id, bytes, fileName: job.fileName } satisfies WorkerRequest,
      [bytes.buffer],
    )
  }
}

/** A read worker with the pool's limits; `workerData` says which work it does (task-worker.ts). */
export function createWorker(entry: WorkerEntry, opts: ReadPoolOptions, workerData?: unknown): Worker {
  return new Worker(entry.file, {
    eval: entry.eval,
    workerData,
    resourceLimits: {
      maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.floor(opts.maxOldGenerationSizeMb / 8))),
      stackSizeMb: 8,
    },
    stdout: true,
    stderr: true,
  })
}

/** A worker started before its batch, for the next pool made with the same script and limits. */
type EarlyWorker = {
  worker: Worker
  key: string
  ready: boolean
  listening: Readonly<{ message: (m: WorkerReply) => void; error: () => void; exit: () => void }>
}

let early: EarlyWorker | null = null

function earlyKey(entry: WorkerEntry, opts: ReadPoolOptions): string {
  return JSON.stringify([entry.file, entry.eval, opts.maxOldGenerationSizeMb])
}

/**
 * Starts one read worker now, for the next pool made with the same options to take: it loads and
 * compiles its script while the caller reads its unit list, its template and opens its database
 * (docs/bench/code-choices.md). Not taken, it does not keep the process alive.
 */
export function startReadWorkerEarly(options: Partial<ReadPoolOptions> = {}): void {
  if (early) return
  const opts = { ...DEFAULT_READ_POOL_OPTIONS, ...options }
  let worker: Worker
  let entry: WorkerEntry
  try {
    entry = findWorkerEntry(opts.workerFile)
    worker = createWorker(entry, opts)
  } catch {
    // the pool will say why when it needs a worker
    return
  }
  const started: EarlyWorker = {
    worker,
    key: earlyKey(entry, opts),
    ready: false,
    listening: {
      message: (m) => {
        if (m.type === 'ready') started.ready = true
      },
      // a worker that fails before it is taken is dropped: the pool starts its own
      error: () => undefined,
      exit: () => {
        if (early === started) early = null
      },
    },
  }
  worker.on('message', started.listening.message)
  worker.on('error', started.listening.error)
  worker.on('exit', started.listening.exit)
  // unreferenced once listened to (a listener references the worker's port again), so that a command
  // that ends without reading a file (an error, every file stored already) does not wait for it; its
  // output is read only once a pool takes it, since reading it would keep the process alive too
  worker.unref()
  early = started
}

/** Whether a worker started early waits for its pool (diagnostics and tests). */
export function earlyReadWorkerWaiting(): boolean {
  return early !== null
}

function takeEarlyWorker(entry: WorkerEntry, opts: ReadPoolOptions): EarlyWorker | null {
  const taken = early
  if (!taken || taken.key !== earlyKey(entry, opts)) return null
  early = null
  const { worker, listening } = taken
  worker.off('message', listening.message)
  worker.off('error', listening.error)
  worker.off('exit', listening.exit)
  worker.ref()
  return taken
}
