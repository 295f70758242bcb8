// The API behind every channel of the contract, for both transports (the Electron window and
// `sheaf serve`): one context (the season's database, received files, template packs) and the
// handlers of each domain, from periods to exports. Long work (an import batch) returns at once
// and reports progress as events, one file at a time.
import type { ApiEvent } from '../../shared/api-types'
import type { SheafDb } from '../../db'
import type { CreateApiOptions } from './api-context'
import { createApiContext } from './api-context'
import { consolidationHandlers } from './consolidation-handlers'
import { exportHandlers } from './export-handlers'
import { importHandlers } from './import-handlers'
import { periodHandlers } from './period-handlers'
import type { HeldFiles } from './held-files'
import type { Handlers, Router } from './router'
import { createRouter } from './router'
import { submissionHandlers } from './submission-handlers'
import { templateHandlers } from './template-handlers'
import { unitHandlers } from './unit-handlers'

export type { CreateApiOptions } from './api-context'

export type SheafApi = Readonly<{
  router: Router
  db: SheafDb
  /** the files the page may name by id (picked, uploaded, exported) */
  held: HeldFiles
  close: () => void
}>

export function createApi(options: CreateApiOptions): SheafApi {
  let emit: (e: ApiEvent) => void = () => undefined
  const ctx = createApiContext(options, (e) => emit(e))
  const handlers: Handlers = {
    ...periodHandlers(ctx),
    ...unitHandlers(ctx),
    ...importHandlers(ctx),
    ...submissionHandlers(ctx),
    ...consolidationHandlers(ctx),
    ...exportHandlers(ctx),
    ...templateHandlers(ctx),
    ...options.extraHandlers,
  }
  const router = createRouter(handlers, options.onError ? { onError: options.onError } : {})
  emit = router.emit
  router.subscribe((e) => {
    if (e.type === 'data.changed') ctx.merges.invalidate()
  })
  return {
    router,
    db: ctx.db,
    held: ctx.held,
    close: () => {
      // a batch still running stops at its next file instead of writing to a closed database
      for (const batch of ctx.batches.values()) batch.cancelled = true
      ctx.db.close()
      void ctx.tasks.close()
    },
  }
}
