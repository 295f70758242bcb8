// Runs the reads of a unit's workbook other than its analysis (the sheet view, the feedback copy) in
// a read worker with the pool's limits: time, heap and file size. One task at a time; a task that
// breaks a limit ends the worker (the next task starts another) and fails with the words of the pool.
import type { Worker } from 'node:worker_threads'
import type { Localized } from '../../shared/localized'
import type { ReadPoolOptions, WorkerEntry } from './read-pool'
import {
  createWorker,
  CRASHED,
  DEFAULT_READ_POOL_OPTIONS,
  findWorkerEntry,
  MEMORY,
  TIMEOUT,
} from './read-pool'
import type { FeedbackTask, SheetTask, SheetTaskResult, WorkerTask } from './worker-tasks'

/** A task that could not be done: the file is too large, took too long, needed too much memory. */
export class TaskFailure extends Error {
  constructor(readonly text: Localized) {
    super(text.en)
    this.name = 'TaskFailure'
  }
}

const TOO_LARGE = (mb: number): Localized => ({
  vi: `tệp quá lớn (hơn ${mb} MB)`,
  en: `the file is too large (more than ${mb} MB)`,
})

type Reply = { type?: 'ready'; id?: number; ok?: boolean; value?: unknown; message?: string }

type Pending = {
  id: number
  task: WorkerTask
  resolve: (v: unknown) => void
  reject: (e: TaskFailure) => void
}

export class TaskWorker {
  private readonly opts: ReadPoolOptions
  private entry: WorkerEntry | null = null
  private worker: Worker | null = null
  private readonly queue: Pending[] = []
  private current: Pending | null = null
  private timer: NodeJS.Timeout | null = null
  private failure: Localized | null = null
  private nextId = 1
  private closed = false

  constructor(options: Partial<ReadPoolOptions> = {}) {
    this.opts = { ...DEFAULT_READ_POOL_OPTIONS, ...options }
  }

  /** The sheet as received; null when the workbook has no sheet. */
  sheet(task: SheetTask): Promise<SheetTaskResult | null> {
    return this.run({ type: 'sheet', task }, task.bytes) as Promise<SheetTaskResult | null>
  }

  /** The feedback copy of a unit's workbook, as .xlsx bytes. */
  feedback(task: FeedbackTask): Promise<Uint8Array> {
    return this.run({ type: 'feedback', task }, task.bytes) as Promise<Uint8Array>
  }

  async close(): Promise<void> {
    this.closed = true
    const gone = TOO_LATE
    for (const p of this.queue.splice(0)) p.reject(new TaskFailure(gone))
    this.current?.reject(new TaskFailure(gone))
    this.current = null
    if (this.timer) clearTimeout(this.timer)
    const w = this.worker
    this.worker = null
    if (w) await w.terminate()
  }

  private run(task: WorkerTask, bytes: Uint8Array): Promise<unknown> {
    if (bytes.length > this.opts.maxFileBytes)
      return Promise.reject(new TaskFailure(TOO_LARGE(Math.round(this.opts.maxFileBytes / 1024 / 1024))))
    if (this.closed) return Promise.reject(new TaskFailure(TOO_LATE))
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject })
      this.pump()
    })
  }

  private pump(): void {
    if (this.current || this.closed) return
    const next = this.queue.shift()
    if (!next) {
      // idle: the worker does not keep a command alive
      this.worker?.unref()
      return
    }
    this.current = next
    let worker: Worker
    try {
      worker = this.worker ?? this.spawn()
    } catch (e) {
      this.current = null
      next.reject(new TaskFailure(CRASHED(e instanceof Error ? e.message : String(e))))
      this.pump()
      return
    }
    worker.ref()
    this.failure = null
    this.timer = setTimeout(() => {
      this.failure = TIMEOUT(this.opts.timeoutMs / 1000)
      void worker.terminate()
    }, this.opts.timeoutMs)
    worker.postMessage({ id: next.id, task: next.task })
  }

  private settle(reply: Reply | null, why: Localized | null): void {
    const p = this.current
    if (!p) return
    if (reply && reply.id !== p.id) return
    this.current = null
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (reply?.ok) p.resolve(reply.value)
    else p.reject(new TaskFailure(why ?? CRASHED(reply?.message ?? 'unknown')))
    this.pump()
  }

  private spawn(): Worker {
    this.entry ??= findWorkerEntry(this.opts.workerFile)
    const worker = createWorker(this.entry, this.opts, { role: 'tasks' })
    // SheetJS and ExcelJS write warnings to the console; they must not reach the CLI's stdout
    worker.stdout.resume()
    worker.stderr.resume()
    worker.on('message', (msg: Reply) => {
      if (msg.type !== 'ready') this.settle(msg, null)
    })
    worker.on('error', (err: Error & { code?: string }) => {
      this.failure ??=
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? MEMORY(this.opts.maxOldGenerationSizeMb)
          : CRASHED(err.message)
    })
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null
      this.settle(null, this.failure ?? CRASHED(`exit ${code}`))
    })
    this.worker = worker
    return worker
  }
}

const TOO_LATE: Localized = { vi: 'đã dừng trước khi đọc xong', en: 'stopped before it was read' }
