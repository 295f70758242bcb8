// The period's unit list: loaded from a file, edited one unit at a time, a unit no longer expected;
// where each unit stands (received, valid, missing).
import type { Unit } from '../../core/units/unit'
import { importUnitList, listUnits, setUnitActive, setUnitContact } from '../../db'
import type { ApiContext } from './api-context'
import { explained, notFound } from './api-context'
import type { Handlers } from './router'
import { ApiFailure } from './router'
import { parseUnitListBytes } from './unit-list-file'
import { buildStatusRows, toUnitRow } from './views'

export function unitHandlers(
  ctx: ApiContext,
): Pick<
  Handlers,
  'units.list' | 'units.import' | 'units.save' | 'units.setActive' | 'units.setContact' | 'status.list'
> {
  const { db, actor } = ctx
  return {
    'units.list': (req) =>
      explained(() => listUnits(db, ctx.seasonOf(req), { includeInactive: true }).map(toUnitRow)),
    'units.import': (req) =>
      explained(() => {
        const season = ctx.seasonOf(req)
        const { name, bytes } = ctx.readInput(req.file)
        // read once: an upload streamed to disk for this call is gone
        if (req.file.kind === 'held') ctx.held.release(req.file.id)
        const parsed = parseUnitListBytes(bytes, name)
        if (!parsed.ok)
          throw new ApiFailure('bad_request', {
            vi: `Danh sách đơn vị không hợp lệ: ${parsed.errors.slice(0, 5).join('; ')}`,
            en: `Invalid unit list: ${parsed.errors.slice(0, 5).join('; ')}`,
          })
        const r = importUnitList(db, season, parsed.units, actor)
        ctx.emit({ type: 'data.changed', period: req.period })
        return {
          count: parsed.units.length,
          added: r.added.length,
          updated: r.updated.length,
          errors: parsed.notes.map((n) => ({ vi: n, en: n })),
        }
      }),
    'units.save': (req) =>
      explained(() => {
        const season = ctx.seasonOf(req)
        const all = listUnits(db, season, { includeInactive: true })
        const unit: Unit = {
          code: req.unit.code,
          name: req.unit.name,
          kind: req.unit.kind,
          dept: req.unit.dept,
          aliases: req.unit.aliases,
          active: req.unit.active,
        }
        const renamedFrom = req.previousCode && req.previousCode !== unit.code ? req.previousCode : null
        if (!req.previousCode && all.some((u) => u.code === unit.code))
          throw new ApiFailure('conflict', {
            vi: `Mã đơn vị ${unit.code} đã có trong danh sách`,
            en: `Unit code ${unit.code} is already listed`,
          })
        // a changed code keeps the old unit (its files stay attributed) but no longer expects it
        const next = all
          .filter((u) => u.code !== unit.code)
          .map((u) => (renamedFrom && u.code === renamedFrom ? { ...u, active: false } : u))
        importUnitList(db, season, [...next, unit], actor)
        ctx.emit({ type: 'data.changed', period: season.period })
        return toUnitRow(unit)
      }),
    'units.setContact': (req) =>
      explained(() => {
        setUnitContact(db, ctx.seasonOf(req), req.code, { name: req.name, phone: req.phone }, actor)
        ctx.emit({ type: 'data.changed', period: req.period })
        return { code: req.code }
      }),
    'units.setActive': (req) =>
      explained(() => {
        const season = ctx.seasonOf(req)
        setUnitActive(db, season, req.code, req.active, actor)
        ctx.emit({ type: 'data.changed', period: req.period })
        const u = listUnits(db, season, { includeInactive: true }).find((x) => x.code === req.code)
        if (!u) throw notFound(`đơn vị ${req.code}`)
        return toUnitRow(u)
      }),

    'status.list': (req) => explained(() => buildStatusRows(db, ctx.periodOf(req), new Date())),
  }
}
