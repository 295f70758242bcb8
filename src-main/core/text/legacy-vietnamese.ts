// Labels typed years ago with the TCVN3 (ABC, `.VnTime` fonts) or VNI keyboards reach us as Latin-1
// look-alikes ("Sè trÎ em", "Soá treû em"); this recognises them and gives back Unicode Vietnamese.
import { TEXT_MEMO_LIMIT } from './memo-text'
import { BoundedMemo } from '../../shared/bounded-memo'

export type LegacyEncoding = 'tcvn3' | 'vni'

// The tone marks in the order the tables below list them: grave, hook above, tilde, acute, dot below.
const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const
const TONE_MARKS = /[\u0300\u0309\u0303\u0301\u0323]/g

const compose = (base: string, tone: string) => (base + tone).normalize('NFC')

// TCVN3: one byte per lower-case letter. Per base: [plain (when not ASCII), grave, hook, tilde, acute, dot].
// Upper-case toned letters have no code: the capitals font (`.VnTimeH`) draws the lower-case codes.
const TCVN3_LOWER: Record<string, string> = {
  a: '\xb5\xb6\xb7\xb8\xb9',
  ă: '\xa8\xbb\xbc\xbd\xbe\xc6',
  â: '\xa9\xc7\xc8\xc9\xca\xcb',
  e: '\xcc\xce\xcf\xd0\xd1',
  ê: '\xaa\xd2\xd3\xd4\xd5\xd6',
  i: '\xd7\xd8\xdc\xdd\xde',
  o: '\xdf\xe1\xe2\xe3\xe4',
  ô: '\xab\xe5\xe6\xe7\xe8\xe9',
  ơ: '\xac\xea\xeb\xec\xed\xee',
  u: '\xef\xf1\xf2\xf3\xf4',
  ư: '\xad\xf5\xf6\xf7\xf8\xf9',
  y: '\xfa\xfb\xfc\xfd\xfe',
}
const TCVN3_UPPER: Record<string, string> = {
  Ă: '\xa1',
  Â: '\xa2',
  Ê: '\xa3',
  Ô: '\xa4',
  Ơ: '\xa5',
  Ư: '\xa6',
  Đ: '\xa7',
  đ: '\xae',
}

// VNI: an ASCII base letter followed by one mark character that carries the hat/breve and the tone.
// Per base: the marks for [plain, grave, hook, tilde, acute, dot]; '' where the letter is the base itself.
const VNI_MARKS: Record<string, { base: string; marks: string }> = {
  a: { base: 'a', marks: '\0øûõùï' },
  ă: { base: 'a', marks: 'êèúüéë' },
  â: { base: 'a', marks: 'âàåãáä' },
  e: { base: 'e', marks: '\0øûõùï' },
  ê: { base: 'e', marks: 'âàåãáä' },
  o: { base: 'o', marks: '\0øûõùï' },
  ô: { base: 'o', marks: 'âàåãáä' },
  ơ: { base: 'ô', marks: '\0øûõùï' },
  u: { base: 'u', marks: '\0øûõùï' },
  ư: { base: 'ö', marks: '\0øûõùï' },
  y: { base: 'y', marks: '\0øûõù\0' },
}
// Letters VNI writes as one character (their capitals are the upper-case of the character).
const VNI_SINGLE: Record<string, string> = {
  ì: 'ì',
  ỉ: 'æ',
  ĩ: 'ó',
  í: 'í',
  ị: 'ò',
  ỵ: 'î',
  ơ: 'ô',
  ư: 'ö',
  đ: 'ñ',
}

type Tables = { encode: Map<string, string>; decode: Map<string, string> }

function buildTcvn3(): Tables {
  const encode = new Map<string, string>()
  const decode = new Map<string, string>()
  for (const [base, codes] of Object.entries(TCVN3_LOWER)) {
    const toned = TONES.map((t) => compose(base, t))
    const letters = codes.length === 6 ? [base, ...toned] : toned
    letters.forEach((letter, i) => {
      const code = codes[i] as string
      encode.set(letter, code)
      decode.set(code, letter)
      // a toned capital is written with the lower-case code; the plain capitals Ă Â Ê Ô Ơ Ư have their own
      encode.set(letter.toUpperCase(), TCVN3_UPPER[letter.toUpperCase()] ?? code)
    })
  }
  for (const [letter, code] of Object.entries(TCVN3_UPPER)) {
    encode.set(letter, code)
    decode.set(code, letter)
  }
  return { encode, decode }
}

function buildVni(): Tables {
  const encode = new Map<string, string>()
  for (const [letter, { base, marks }] of Object.entries(VNI_MARKS)) {
    const letters = [letter, ...TONES.map((t) => compose(letter, t))]
    letters.forEach((l, i) => {
      const mark = marks[i] as string
      if (mark === '\0') return
      encode.set(l, base + mark)
      encode.set(l.toUpperCase(), base.toUpperCase() + mark.toUpperCase())
    })
  }
  for (const [letter, code] of Object.entries(VNI_SINGLE)) {
    encode.set(letter, code)
    encode.set(letter.toUpperCase(), code.toUpperCase())
  }
  const decode = new Map<string, string>()
  for (const [letter, code] of encode) decode.set(code, letter)
  // a VNI font draws a capital's mark alike in either case: accept `Aù` as well as `AÙ`
  for (const [letter, code] of encode) {
    if (code.length !== 2) continue
    const mixed = (code[0] as string) + (code[1] as string).toLowerCase()
    if (!decode.has(mixed)) decode.set(mixed, letter)
  }
  return { encode, decode }
}

const TCVN3 = buildTcvn3()
const VNI = buildVni()
const TCVN3_UPPER_CODES = new Set(
  Object.entries(TCVN3_UPPER)
    .filter(([l]) => l !== 'đ')
    .map(([, c]) => c),
)

/** The letters of Unicode Vietnamese that neither legacy encoding can produce from Latin-1. */
const UNICODE_VIETNAMESE =
  /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]|\p{M}/u
const HIGH = /[\u00a0-\u00ff]/

/** A text with letters only Unicode has (`ơ`, `ạ`, a combining mark) is not legacy-encoded. */
export function hasUnicodeOnlyLetters(s: string): boolean {
  return UNICODE_VIETNAMESE.test(s)
}
const WORD = /[A-Za-z\u00a1-\u00ff\u0100-\u024f\u1e00-\u1eff]+/g

const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase()
const isLower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase()
const baseOf = (letter: string) => letter.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC')

function decodeVni(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const two = VNI.decode.get(s.slice(i, i + 2))
    if (two !== undefined && i + 1 < s.length) {
      out += two
      i++
    } else out += VNI.decode.get(s[i] as string) ?? s[i]
  }
  return out
}

type Decoded = { letter: string; coded: boolean }

/**
 * TCVN3 loses the case of toned capitals: in a word written in capitals (or a text in capitals, for a
 * one-letter word) the toned letters come back as capitals.
 */
function decodeTcvn3(s: string): string {
  const chars: Decoded[] = []
  for (const ch of s) {
    const letter = TCVN3.decode.get(ch)
    const prev = chars[chars.length - 1]
    // some converters write a toned capital as the plain capital and the lower-case code ("Aµ" for "À")
    if (letter && prev && !prev.coded && isLower(letter) && letter !== baseOf(letter)) {
      if (baseOf(letter).toUpperCase() === prev.letter) {
        chars[chars.length - 1] = { letter: letter.toUpperCase(), coded: false }
        continue
      }
    }
    if (letter === undefined) chars.push({ letter: ch, coded: false })
    else chars.push({ letter, coded: !TCVN3_UPPER_CODES.has(ch) })
  }
  const inWord = (d: Decoded) => d.coded || /\p{L}/u.test(d.letter)
  const textCaps = inCapitals(chars) ?? false
  let out = ''
  let i = 0
  while (i < chars.length) {
    let j = i
    while (j < chars.length && inWord(chars[j] as Decoded)) j++
    if (j === i) {
      out += (chars[i] as Decoded).letter
      i++
      continue
    }
    const word = chars.slice(i, j)
    const caps = inCapitals(word) ?? textCaps
    for (const d of word) out += caps && d.coded ? d.letter.toUpperCase() : d.letter
    i = j
  }
  return out
}

const isCased = (c: string) => isUpper(c) || isLower(c)

/** Whether the letters that kept their case are all capitals; null when fewer than two tell ("Sè"). */
function inCapitals(chars: Decoded[]): boolean | null {
  const cased = chars.filter((d) => !d.coded && isCased(d.letter))
  return cased.length < 2 ? null : cased.every((d) => isUpper(d.letter))
}

const ONSETS = 'ngh ng nh ch gh gi kh ph th tr qu b c d đ g h k l m n p r s t v x'.split(' ')
// Every rhyme Vietnamese spells, without its tone.
const RHYMES = new Set(
  `a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
  e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
  o oc oi om on ong op ot oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo
  oet ooc oong ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt u ua uc ui um un ung up ut uân uâng uât uây uê uêch
  uênh uơ uy uych uyn uynh uyp uyt uya uyu uyên uyêt uôc uôi uôm uôn uông uôt ư ưa ưc ưi ưm ưn ưng ưt ưu ươc
  ươi ươm ươn ương ươp ươt ươu y yêm yên yêng yêt yêu`.split(/\s+/),
)
const STOP_CODA = /(c|ch|p|t)$/

// words already judged: a batch's names and labels repeat their syllables (cleared whole when full)
const syllables = new BoundedMemo<string, boolean>(TEXT_MEMO_LIMIT)

/** Whether a word has the shape of one Vietnamese syllable (at most one tone, a consistent case). */
export function isVietnameseSyllable(word: string): boolean {
  let known = syllables.get(word)
  if (known === undefined) {
    syllables.set(word, (known = hasSyllableShape(word)))
  }
  return known
}

function hasSyllableShape(word: string): boolean {
  const chars = [...word]
  const caseOk = chars.slice(1).every((c) => !isUpper(c)) || chars.every((c) => !isLower(c))
  if (!caseOk) return false
  const nfd = word.toLowerCase().normalize('NFD')
  const tones = nfd.match(TONE_MARKS) ?? []
  if (tones.length > 1) return false
  const plain = nfd.replace(TONE_MARKS, '').normalize('NFC')
  // a syllable closed by c, ch, p or t takes only the acute or the dot below
  const toneOk = (rhyme: string) =>
    !STOP_CODA.test(rhyme) || tones.length === 0 || /[\u0301\u0323]/.test(tones[0] ?? '')
  const fits = (rhyme: string) => RHYMES.has(rhyme) && toneOk(rhyme)
  return fits(plain) || ONSETS.some((o) => plain.startsWith(o) && fits(plain.slice(o.length)))
}

type Score = { gained: number; lost: number; changed: number }

function score(words: string[], decode: (s: string) => string): Score {
  const s: Score = { gained: 0, lost: 0, changed: 0 }
  for (const w of words) {
    const d = decode(w)
    const ok = isVietnameseSyllable(d)
    if (!ok) s.lost++
    else if (d !== w) {
      s.changed++
      if (!isVietnameseSyllable(w)) s.gained++
    }
  }
  return s
}

/**
 * Which legacy encoding a text is written in, or null for Unicode Vietnamese, English or anything
 * else. It fires only when decoding turns words that are not Vietnamese into Vietnamese syllables.
 */
export function looksLegacyVietnamese(s: string): LegacyEncoding | null {
  if (!HIGH.test(s) || hasUnicodeOnlyLetters(s)) return null
  // a lone symbol (`©`, `«`) is no evidence either way: a word needs a letter or two characters
  const words = (s.match(WORD) ?? []).filter((w) => HIGH.test(w) && (w.length > 1 || /[a-z]/i.test(w)))
  if (words.length === 0) return null
  // decoding gains only words that are not syllables already: Unicode names written with Latin-1
  // letters alone (`Thái Khê`) stop here, without being decoded both ways
  if (words.every((w) => isVietnameseSyllable(w))) return null
  const t = score(words, decodeTcvn3)
  const v = score(words, decodeVni)
  const fits = (x: Score) => x.gained > 0 && x.gained > x.lost && x.changed > x.lost
  const rank = (x: Score) => [x.gained - x.lost, x.changed]
  if (!fits(t) && !fits(v)) return null
  if (!fits(v)) return 'tcvn3'
  if (!fits(t)) return 'vni'
  const [tr, vr] = [rank(t), rank(v)]
  for (let i = 0; i < tr.length; i++) {
    if ((tr[i] as number) !== (vr[i] as number))
      return (tr[i] as number) > (vr[i] as number) ? 'tcvn3' : 'vni'
  }
  return null
}

/** The Unicode (NFC) form of a TCVN3 or VNI text; any other text comes back unchanged. */
export function toUnicodeVietnamese(s: string): string {
  const enc = looksLegacyVietnamese(s)
  if (enc === 'tcvn3') return decodeTcvn3(s)
  if (enc === 'vni') return decodeVni(s)
  return s
}

/** Decodes with a known encoding, without asking whether it looks like one. */
export function decodeLegacyVietnamese(s: string, encoding: LegacyEncoding): string {
  return encoding === 'tcvn3' ? decodeTcvn3(s) : decodeVni(s)
}

/** Unicode to a legacy encoding: for tests and for writing back into a legacy-font workbook. */
export function encodeLegacyVietnamese(s: string, encoding: LegacyEncoding): string {
  const table = encoding === 'tcvn3' ? TCVN3.encode : VNI.encode
  let out = ''
  for (const ch of s.normalize('NFC')) out += table.get(ch) ?? ch
  return out
}

/** For tests: how many letters each table knows (both must cover all 134 Vietnamese letters). */
export function legacyTableSizes(): Record<LegacyEncoding, number> {
  return { tcvn3: TCVN3.encode.size, vni: VNI.encode.size }
}
