// What a resubmission changed, in a line a clerk reads: "v2 đổi 14 số liệu; Tổng số TE.0101 +37".
import type { Lang } from '../shared/localized'
import type { FigureChange } from '../db'

function columnName(column: string, names?: (column: string) => string): string {
  return names?.(column) ?? column
}

function signed(x: number): string {
  const v = Number(x.toPrecision(12))
  return v > 0 ? `+${v}` : String(v)
}

export function summariseChanges(
  version: number,
  changes: readonly FigureChange[],
  lang: Lang,
  names?: (column: string) => string,
  most = 3,
): string {
  const vi = lang === 'vi'
  if (changes.length === 0) return vi ? `v${version} không đổi số liệu nào` : `v${version} changed no figure`
  const head = vi
    ? `v${version} đổi ${changes.length} số liệu`
    : `v${version} changed ${changes.length} figures`
  const biggest = [...changes]
    .sort((a, b) => Math.abs(b.delta ?? Infinity) - Math.abs(a.delta ?? Infinity))
    .slice(0, most)
    .map((c) => {
      const what = `${columnName(c.column, names)} ${c.indicator}`
      if (c.delta !== null) return `${what} ${signed(c.delta)}`
      if (c.new === null) return vi ? `${what} bị xóa (${c.old})` : `${what} removed (${c.old})`
      return vi ? `${what} mới (${c.new})` : `${what} added (${c.new})`
    })
  return `${head}; ${biggest.join('; ')}`
}
