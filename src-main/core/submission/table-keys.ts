// What finding the table needs from a template pack, folded once per pack instead of once per file:
// the anchor headers, each column's header texts, the index and signature texts, the row lookups.
// A pack is never changed once loaded, so the keys are kept beside it for as long as it lives.
import type { Indicator, TemplatePack } from '../template/pack'
import { isValueRole } from '../template/pack'
import { foldLabel, foldText, foldUnitCode } from '../text/normalize'
import { derivedFromPack } from '../template/pack-derived'

export type ColumnKeys = Readonly<{
  key: string
  /** the folded last header text and aliases */
  own: ReadonlySet<string>
  /** those of `own` long enough to match by prefix */
  ownLong: readonly string[]
  /** the folded group header of a two-level column */
  group: string | null
  /** the folded column number (`1`, `A`) of the index row */
  index: string
}>

export type TableKeys = Readonly<{
  /** folded header texts of the code and label columns: the header row has one of them */
  anchors: ReadonlySet<string>
  columns: readonly ColumnKeys[]
  codeKey: string
  labelKey: string
  /** keys of the columns that hold values (data, plan, prev, computed), in layout order */
  figureKeys: readonly string[]
  /** folded starts of the signature block below the table */
  signTexts: readonly string[]
  /** the anchors as a list, to test a text's start against each */
  anchorList: readonly string[]
  byCode: ReadonlyMap<string, Indicator>
  byLabel: ReadonlyMap<string, Indicator[]>
}>

export const tableKeys: (pack: TemplatePack) => TableKeys = derivedFromPack((pack) => buildTableKeys(pack))

function buildTableKeys(pack: TemplatePack): TableKeys {
  const anchors = new Set(
    pack.columns
      .filter((c) => c.role === 'code' || c.role === 'label')
      .flatMap((c) => [...c.header, ...c.aliases].map(foldLabel)),
  )
  const columns = pack.columns.map((col) => {
    const own = [col.header[col.header.length - 1] as string, ...col.aliases].map(foldLabel)
    return {
      key: col.key,
      own: new Set(own),
      ownLong: own.filter((o) => o.length > 8),
      group: col.header.length > 1 ? foldLabel(col.header[0] as string) : null,
      index: foldText(col.index),
    }
  })
  const byCode = new Map<string, Indicator>()
  const byLabel = new Map<string, Indicator[]>()
  for (const ind of pack.indicators) {
    byCode.set(foldUnitCode(ind.code), ind)
    for (const l of labelKeys(ind.label)) byLabel.set(l, [...(byLabel.get(l) ?? []), ind])
  }
  return {
    anchors,
    columns,
    codeKey: pack.columns.find((c) => c.role === 'code')?.key ?? '',
    labelKey: pack.columns.find((c) => c.role === 'label')?.key ?? '',
    figureKeys: pack.columns.filter((c) => isValueRole(c.role)).map((c) => c.key),
    signTexts: [pack.layout.header.signLeft, pack.layout.header.signRight].map(foldText),
    anchorList: [...anchors],
    byCode,
    byLabel,
  }
}

/** `Trong đó: số trẻ em …` also matches `Số trẻ em …` and the other way round. */
export function labelKeys(label: string): string[] {
  const f = foldLabel(label)
  // A label typed with its own numbering (`1. Dân số…`, `a) Trẻ em…`, `- Trong đó:`) is the same label.
  const unnumbered = f.replace(/^(?:[-–+•*]|(?:[ivxlc]+|\d+(?:\.\d+)*|[a-z])[.)])\s*/, '')
  const keys = new Set([f, unnumbered])
  for (const k of [...keys]) keys.add(k.replace(/^trong do:\s*/, ''))
  return [...keys].filter((k) => k !== '')
}
