// Reads the period and year a file declares: `Kỳ báo cáo` and `Năm` in `Thong tin`, else the title
// of the header block (`6 THÁNG` / `SÁU THÁNG` before `NĂM`; `CẢ NĂM`, `12 THÁNG` mean the year),
// never the date line (`…, ngày … năm …`).
import type { PeriodKind } from '../../shared/period'
import type { TemplatePack } from '../template/pack'
import { foldText } from '../text/normalize'
import { derivedFromPack } from '../template/pack-derived'

export type HeaderText = Readonly<{ text: string; sheet: string; cell: string }>

type PeriodWords = Readonly<{
  key: PeriodKind
  /** folded title words and the aliases of several words or with digits: found inside a text */
  inside: readonly string[]
  /** folded label and aliases: the whole text */
  names: readonly string[]
}>

// The folded words depend on the pack alone (never changed once loaded): folded once per pack.
const periodWords = derivedFromPack((pack): readonly PeriodWords[] =>
  pack.layout.periods.map((p) => ({
    key: p.key,
    inside: [...p.titleWords, ...p.aliases.filter((a) => /\s/.test(a) || /\d/.test(a))]
      .map(foldText)
      .filter((w) => w !== ''),
    names: [p.label, ...p.aliases].map(foldText),
  })),
)

export function periodKindOf(text: string, pack: TemplatePack): PeriodKind | null {
  const t = foldText(text)
  if (t === '') return null
  const periods = periodWords(pack)
  for (const p of periods) if (p.inside.some((w) => t.includes(w))) return p.key
  for (const p of periods) if (p.names.includes(t)) return p.key
  if (/(^|\s)nam(\s|$)/.test(t)) return 'Y'
  return null
}

export function yearOf(text: string): number | null {
  const m = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(text)
  return m ? Number(m[1]) : null
}

export function isDateLine(text: string): boolean {
  const t = foldText(text)
  return /ngay\s*[\d.…_]*\s*thang/.test(t) || /^[^,]*,\s*ngay\b/.test(t)
}

/** The title line of the header block: mentions a year after `NĂM`, and is not the date line. */
export function findTitle(texts: readonly HeaderText[]): HeaderText | null {
  for (const h of texts) {
    const t = foldText(h.text)
    if (isDateLine(h.text)) continue
    if (/\bnam\s+20\d\d\b/.test(t) || /\b(6|sau|12)\s+thang\b/.test(t)) return h
  }
  return null
}

/** Parses the period of a title line: `… 6 THÁNG ĐẦU NĂM 2025` is H1, `… NĂM 2025` the year. */
export function periodOfTitle(text: string): { kind: PeriodKind; year: number | null } | null {
  const t = foldText(text)
  const year = yearOf(t)
  if (/\b(6|sau)\s+thang\b/.test(t)) return { kind: 'H1', year }
  if (/\b(ca nam|12 thang)\b/.test(t)) return { kind: 'Y', year }
  if (/\bnam\s+20\d\d\b/.test(t)) return { kind: 'Y', year }
  return null
}
