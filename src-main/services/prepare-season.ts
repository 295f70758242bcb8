// Sets up a period in the database: its template pack, its unit list and deadline when given.
import crypto from 'node:crypto'
import type { PeriodId } from '../shared/period'
import type { TemplatePack } from '../core/template/pack'
import type { Unit } from '../core/units/unit'
import { parseUnitList } from '../core/units/parse-unit-list'
import type { SheafDb } from '../db'
import { importUnitList, recordTemplatePack, savePeriod } from '../db'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'

export type UnitListLoad = { ok: true; units: Unit[]; notes: string[] } | { ok: false; errors: string[] }

export function loadUnitListFile(p: string, fsys: FileSystem = realFs): UnitListLoad {
  let bytes: Uint8Array
  try {
    bytes = fsys.readFile(p)
  } catch (e) {
    return {
      ok: false,
      errors: [`Không đọc được danh sách đơn vị ${p} (${(e as NodeJS.ErrnoException).code ?? e})`],
    }
  }
  return parseUnitList(bytes, p)
}

export function packHash(pack: TemplatePack): string {
  const h = crypto.createHash('sha256')
  h.update(JSON.stringify({ m: pack.manifest, l: pack.layout, i: pack.indicators, r: pack.rules }))
  return h.digest('hex')
}

export function prepareSeason(
  db: SheafDb,
  pack: TemplatePack,
  period: PeriodId,
  units: readonly Unit[] | null,
  actor?: string,
  deadline?: string | null,
): void {
  savePeriod(
    db,
    { id: period, templateId: pack.manifest.id, templateVersion: pack.manifest.version, deadline },
    actor,
  )
  recordTemplatePack(
    db,
    { id: pack.manifest.id, version: pack.manifest.version, hash: packHash(pack) },
    actor,
  )
  if (units) importUnitList(db, { form: pack.manifest.id, period }, units, actor)
}
