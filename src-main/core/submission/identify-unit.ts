// Matches a file to a unit of the province's list: the code in `Thong tin`, the name there, the unit
// named in the header block, then the file name. Sources that disagree, or none, are S03.
import type { Unit } from '../units/unit'
import { foldText, foldUnitCode, foldUnitName } from '../text/normalize'
import type { Located, Source } from './analysis'

export type UnitIndex = Readonly<{
  byCode: ReadonlyMap<string, Unit>
  byName: ReadonlyMap<string, Unit[]>
  byBareName: ReadonlyMap<string, Unit[]>
  units: readonly Unit[]
}>

const KIND_WORDS = /^(xa|phuong|dac khu|thi tran|thi xa|huyen|quan|thanh pho|tp)\s+/

export function bareName(folded: string): string {
  return folded.replace(KIND_WORDS, '').trim()
}

export function indexUnits(units: readonly Unit[]): UnitIndex {
  const byCode = new Map<string, Unit>()
  const byName = new Map<string, Unit[]>()
  const byBareName = new Map<string, Unit[]>()
  const add = (m: Map<string, Unit[]>, k: string, u: Unit): void => {
    if (k === '') return
    const list = m.get(k) ?? []
    if (!list.includes(u)) list.push(u)
    m.set(k, list)
  }
  for (const u of units) {
    byCode.set(foldUnitCode(u.code), u)
    for (const n of [u.name, ...u.aliases]) {
      const f = foldUnitName(n)
      add(byName, f, u)
      add(byBareName, bareName(f), u)
    }
  }
  return { byCode, byName, byBareName, units }
}

export function unitByCode(index: UnitIndex, code: string): Unit | null {
  return index.byCode.get(foldUnitCode(code)) ?? null
}

/** A unique unit for a folded name: exact name or alias, else the name without its kind word. */
function unitByFoldedName(index: UnitIndex, f: string): Unit[] {
  if (f === '') return []
  const exact = index.byName.get(f)
  if (exact) return exact
  return index.byBareName.get(bareName(f)) ?? []
}

/**
 * `công an tỉnh lai châu` (folded) names the unit `Công an tỉnh`: the longest name the text starts with.
 * Such a name is the text or a start of it that a space follows: each is looked up, longest first,
 * instead of trying every name of the list (only one name has that length).
 */
function unitsNamedAtFoldedStart(index: UnitIndex, f: string): Unit[] {
  for (let end = f.length; end >= 4; end = f.lastIndexOf(' ', end - 1)) {
    const us = index.byName.get(end === f.length ? f : f.slice(0, end))
    if (us) return [...us]
  }
  return []
}

/**
 * The units a text names: as written (exactly, else by the longest name it starts with), else after
 * one of the pack's prefixes, folded and longest first: `TRẠM Y TẾ XÃ MINH SƠN` names `Xã Minh Sơn`
 * when the pack declares `Trạm Y tế`. A prefix is only tried when the text names no unit as written,
 * so `SỞ Y TẾ` still names the unit `Sở Y tế`.
 */
export function unitsNamedBy(
  index: UnitIndex,
  text: string,
  prefixes: readonly string[],
  opts: Readonly<{ atStart: boolean }>,
): Unit[] {
  // `f`: a folded text
  const named = (f: string): Unit[] => {
    const exact = unitByFoldedName(index, f)
    return exact.length > 0 || !opts.atStart ? exact : unitsNamedAtFoldedStart(index, f)
  }
  const f = foldUnitName(text)
  const asWritten = named(f)
  if (asWritten.length > 0) return asWritten
  for (const p of prefixes) {
    if (p === '' || !f.startsWith(`${p} `)) continue
    const rest = named(foldUnitName(f.slice(p.length + 1)))
    if (rest.length > 0) return rest
  }
  return []
}

/** The pack's unit prefixes as `unitsNamedBy` compares them: folded, longest first. */
export function foldedUnitPrefixes(prefixes: readonly string[]): string[] {
  return [...new Set(prefixes.map(foldUnitName).filter((p) => p !== ''))].sort((a, b) => b.length - a.length)
}

export type UnitClue = Readonly<{ source: Source; text: string; where: Located | null }>

export type UnitMatch =
  | Readonly<{ ok: true; unit: Unit; source: Source; where: Located | null }>
  | Readonly<{
      ok: false
      reason: 'none' | 'ambiguous' | 'conflict' | 'unknown'
      clues: readonly UnitClue[]
      where: Located | null
      candidates: readonly Unit[]
    }>

/** Finds the unit whose code or name appears in a file name (`08001-xa-tam-duong.xlsx`). */
export function unitsInFileName(index: UnitIndex, fileName: string): Unit[] {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
  const folded = foldText(base)
    .replace(/[_\-.()[\],]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const codeMatch = /^(\d{3,})\b/.exec(folded)
  if (codeMatch) {
    const u = unitByCode(index, codeMatch[1] as string)
    if (u) return [u]
  }
  const padded = ` ${folded} `
  let best: Unit[] = []
  let bestLen = 0
  for (const u of index.units) {
    for (const n of [u.name, ...u.aliases]) {
      for (const k of [foldUnitName(n), bareName(foldUnitName(n))]) {
        if (k.length < 3 || !padded.includes(` ${k} `)) continue
        if (k.length > bestLen) {
          best = [u]
          bestLen = k.length
        } else if (k.length === bestLen && !best.includes(u)) best.push(u)
      }
    }
  }
  return best
}

export function identifyUnit(
  index: UnitIndex,
  clues: Readonly<{
    code: UnitClue | null
    name: UnitClue | null
    header: readonly UnitClue[]
    fileName: string
    /** the pack's unit prefixes, folded (foldedUnitPrefixes) */
    prefixes?: readonly string[]
  }>,
): UnitMatch {
  const prefixes = clues.prefixes ?? []
  const found: Array<{ unit: Unit; source: Source; where: Located | null }> = []
  const tried: UnitClue[] = []
  let ambiguous: Unit[] = []
  let firstWhere: Located | null = null
  let unknownCode = false
  if (clues.code && clues.code.text !== '') {
    tried.push(clues.code)
    firstWhere ??= clues.code.where
    const u = unitByCode(index, clues.code.text)
    if (u) found.push({ unit: u, source: 'info-code', where: clues.code.where })
    else unknownCode = true
  }
  if (clues.name && clues.name.text !== '') {
    const us = unitsNamedBy(index, clues.name.text, prefixes, { atStart: false })
    if (found.length === 0) {
      tried.push(clues.name)
      firstWhere ??= clues.name.where
      if (us.length === 1) found.push({ unit: us[0] as Unit, source: 'info-name', where: clues.name.where })
      else if (us.length > 1) ambiguous = us
    } else if (us.length === 1 && us[0] !== found[0]?.unit) {
      // a name that clearly names another unit than the code: two sources disagree (S03)
      tried.push(clues.name)
      found.push({ unit: us[0] as Unit, source: 'info-name', where: clues.name.where })
    }
  }
  for (const h of clues.header) {
    const us = unitsNamedBy(index, h.text, prefixes, { atStart: true })
    if (us.length === 1) {
      tried.push(h)
      found.push({ unit: us[0] as Unit, source: 'header', where: h.where })
      break
    }
  }
  // The file name is the last resort: clerks rename files, so it never contradicts the content.
  if (found.length === 0 && ambiguous.length === 0) {
    const fromName = unitsInFileName(index, clues.fileName)
    if (fromName.length === 1) found.push({ unit: fromName[0] as Unit, source: 'file-name', where: null })
    else if (fromName.length > 1) ambiguous = fromName
    // the name a unit gave its file, not the folders of the clerk's computer it was read from
    tried.push({ source: 'file-name', text: clues.fileName.replace(/^.*[\\/]/, ''), where: null })
  }

  const distinct = [...new Set(found.map((f) => f.unit))]
  if (distinct.length === 1) {
    const first = found[0] as (typeof found)[number]
    return { ok: true, unit: first.unit, source: first.source, where: first.where }
  }
  if (distinct.length > 1)
    return {
      ok: false,
      reason: 'conflict',
      clues: tried,
      where: found[0]?.where ?? firstWhere,
      candidates: distinct,
    }
  if (ambiguous.length > 1)
    return { ok: false, reason: 'ambiguous', clues: tried, where: firstWhere, candidates: ambiguous }
  return {
    ok: false,
    reason: unknownCode ? 'unknown' : 'none',
    clues: tried,
    where: firstWhere,
    candidates: [],
  }
}
