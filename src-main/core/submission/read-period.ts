// Reads the period and year a file declares: `Kỳ báo cáo` and `Năm` in `Thong tin`, else the title
// of the header block, never the date line (`…, ngày … năm …`). Besides the words a pack gives for
// its periods, every kind of period has its usual Vietnamese words (`6 THÁNG` / `SÁU THÁNG` the first
// half, `9 THÁNG` nine months, `QUÝ I` / `QUÝ 1` a quarter, `THÁNG 3` a month, `CẢ NĂM` / `12 THÁNG`
// the year), so that a file of a period the form does not have is still read as that period (S04)
// rather than as none (S09). Words match whole: `THÁNG 1` is not found in `THÁNG 12`.
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

const ROMAN = ['i', 'ii', 'iii', 'iv']

/**
 * The usual words of each kind of period, folded, in the order they are tried: the longer spans
 * first (a title `6 THÁNG … QUÝ II` is the first half), the year last.
 */
const USUAL_WORDS: readonly Readonly<{ key: PeriodKind; words: readonly string[] }>[] = [
  { key: 'H1', words: ['6 thang', 'sau thang'] },
  { key: '9M', words: ['9 thang', 'chin thang'] },
  { key: 'Y', words: ['ca nam', '12 thang'] },
  ...[1, 2, 3, 4].map((q) => ({
    key: `Q${q}` as PeriodKind,
    words: [`quy ${q}`, `quy ${ROMAN[q - 1] as string}`],
  })),
  ...Array.from({ length: 12 }, (_, i) => {
    const m = i + 1
    return {
      key: `M${String(m).padStart(2, '0')}` as PeriodKind,
      words: m < 10 ? [`thang ${m}`, `thang 0${m}`] : [`thang ${m}`],
    }
  }),
]

/** Whether `word` (folded) is in `text` (folded) as whole words. */
function hasWords(text: string, word: string): boolean {
  let at = text.indexOf(word)
  while (at >= 0) {
    const before = at === 0 ? '' : (text[at - 1] as string)
    const after = text[at + word.length] ?? ''
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true
    at = text.indexOf(word, at + 1)
  }
  return false
}

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

/** The kind of period a text names by the usual words, or null. A span of months (`từ tháng 1 đến
 * tháng 12`, `đến tháng 6`) names no month. */
function usualKindOf(folded: string): PeriodKind | null {
  const found = USUAL_WORDS.filter((p) => p.words.some((w) => hasWords(folded, w)))
  const first = found[0]
  if (!first) return null
  if (!first.key.startsWith('M')) return first.key
  if (found.length > 1 || /\b(tu|den|toi)\s+thang\b/.test(folded)) return null
  return first.key
}

export function periodKindOf(text: string, pack: TemplatePack): PeriodKind | null {
  const t = foldText(text)
  if (t === '') return null
  const periods = periodWords(pack)
  for (const p of periods) if (p.inside.some((w) => hasWords(t, w))) return p.key
  for (const p of periods) if (p.names.includes(t)) return p.key
  const usual = usualKindOf(t)
  if (usual) return usual
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
    if (
      /\bnam\s+20\d\d\b/.test(t) ||
      /\b(6|sau|9|chin|12)\s+thang\b/.test(t) ||
      /\bquy\s+(i{1,3}|iv|[1-4])\b/.test(t) ||
      /\bthang\s+\d{1,2}\s*[/-]\s*20\d\d\b/.test(t)
    )
      return h
  }
  return null
}

/**
 * Parses the period of a title line: `… 6 THÁNG ĐẦU NĂM 2025` is H1, `… QUÝ I NĂM 2025` Q1,
 * `… THÁNG 3/2025` March, `… NĂM 2025` the year.
 */
export function periodOfTitle(text: string): { kind: PeriodKind; year: number | null } | null {
  const t = foldText(text)
  const year = yearOf(t)
  const usual = usualKindOf(t)
  if (usual) return { kind: usual, year }
  if (/\bnam\s+20\d\d\b/.test(t)) return { kind: 'Y', year }
  return null
}
