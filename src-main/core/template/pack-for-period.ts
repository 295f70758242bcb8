// A form as it is in one period: a column that exists only in some periods (`periods` on a column,
// e.g. Quý III–IV only in the annual form) is not part of the other periods' table, so the reader
// does not demand it, the checks skip it, and the blank form and the report leave it out. Every
// function that reads, checks, merges or writes for a period takes the pack through here; a pack
// with no such column is its own view for every period (the same object, so caches keyed by the
// pack stay warm).
import type { PeriodId, PeriodKind } from '../../shared/period'
import { periodParts } from '../../shared/period'
import type { ColumnGroup, CrossRule, Indicator, TemplatePack } from './pack'
import { derivedFromPack } from './pack-derived'

const views = derivedFromPack(() => new Map<PeriodKind, TemplatePack>())

/** Whether a column of the pack exists in the given period kind. */
export function columnInPeriod(
  col: Readonly<{ periods?: readonly PeriodKind[] | undefined }>,
  kind: PeriodKind,
) {
  return col.periods === undefined || col.periods.includes(kind)
}

/** The pack with only the columns of `period` (a period id or a kind). */
export function packForPeriod(pack: TemplatePack, period: PeriodId | PeriodKind): TemplatePack {
  const kind = period.includes('-') ? periodParts(period as PeriodId).kind : (period as PeriodKind)
  if (pack.columns.every((c) => columnInPeriod(c, kind))) return pack
  const made = views(pack)
  let view = made.get(kind)
  if (!view) {
    view = restrictColumns(pack, kind)
    made.set(kind, view)
  }
  return view
}

function restrictColumns(pack: TemplatePack, kind: PeriodKind): TemplatePack {
  const here = pack.columns.filter((c) => columnInPeriod(c, kind))
  const present = new Set(here.map((c) => c.key))
  // a computed column whose operands are not in this period is not either
  const columns = here.filter(
    (c) => c.computed === null || (present.has(c.computed.num) && present.has(c.computed.den)),
  )
  const kept = new Set(columns.map((c) => c.key))
  const keep = (keys: readonly string[]) => keys.filter((k) => kept.has(k))
  const indicators: Indicator[] = pack.indicators.map((ind) => ({
    ...ind,
    columns: keep(ind.columns),
    dataColumns: keep(ind.dataColumns),
    relationColumns: keep(ind.relationColumns),
    mergedColumns: keep(ind.mergedColumns),
  }))
  const byCode = new Map(indicators.map((ind) => [ind.code, ind]))
  const children = new Map<string, Indicator[]>()
  for (const ind of indicators)
    if (ind.parent) children.set(ind.parent, [...(children.get(ind.parent) ?? []), ind])
  // the parts of a group that are in this period add up to its total (Quý I + Quý II in the first half)
  const groups: ColumnGroup[] = pack.groups
    .filter((g) => kept.has(g.total))
    .map((g) => ({ ...g, parts: keep(g.parts) }))
    .filter((g) => g.parts.length > 0)
  const ofWhich = pack.ofWhich.filter((o) => kept.has(o.column) && kept.has(o.notAbove))
  // a rule that names a cell of an absent column is not checked in this period
  const inPeriod = (o: CrossRule['right']) => !('code' in o) || o.column === null || kept.has(o.column)
  const rules = pack.rules.filter((r) => inPeriod(r.left) && inPeriod(r.right))
  return {
    ...pack,
    layout: { ...pack.layout, columns: pack.layout.columns.filter((c) => kept.has(c.key)) },
    indicators,
    rules,
    byCode,
    columns,
    columnByKey: new Map(columns.map((c) => [c.key, c])),
    dataColumnKeys: keep(pack.dataColumnKeys),
    prevKey: pack.prevKey !== undefined && kept.has(pack.prevKey) ? pack.prevKey : undefined,
    groups,
    ofWhich,
    children,
  }
}
