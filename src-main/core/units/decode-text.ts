// A unit list saved as CSV may be UTF-8 (with or without a byte-order mark), UTF-16, or the
// Windows-1258 that Excel writes in a Vietnamese locale; this finds which and gives back NFC text.
import iconv from 'iconv-lite'
import type { Localized } from '../../shared/localized'

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258'

export type DecodedText = Readonly<{ text: string; encoding: TextEncoding; note: Localized | null }>

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x)

/** UTF-16 without a byte-order mark shows itself by a zero in every other byte of ASCII text. */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 512) & ~1
  if (n < 4) return null
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++
    if (b[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return 'utf-16le'
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return 'utf-16be'
  return null
}

export function decodeText(b: Uint8Array): DecodedText {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) {
    return {
      text: new TextDecoder('utf-8').decode(b.subarray(3)).normalize('NFC'),
      encoding: 'utf-8',
      note: null,
    }
  }
  if (startsWith(b, [0xff, 0xfe])) {
    return {
      text: new TextDecoder('utf-16le').decode(b.subarray(2)).normalize('NFC'),
      encoding: 'utf-16le',
      note: null,
    }
  }
  if (startsWith(b, [0xfe, 0xff])) {
    return {
      text: iconv.decode(b.subarray(2), 'utf16-be').normalize('NFC'),
      encoding: 'utf-16be',
      note: null,
    }
  }
  const utf16 = utf16WithoutBom(b)
  if (utf16) {
    const text = utf16 === 'utf-16le' ? new TextDecoder('utf-16le').decode(b) : iconv.decode(b, 'utf16-be')
    return { text: text.normalize('NFC'), encoding: utf16, note: null }
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(b).normalize('NFC'),
      encoding: 'utf-8',
      note: null,
    }
  } catch {
    // not UTF-8: Excel's "CSV" in a Vietnamese Windows, whose tone marks are separate combining characters
    return {
      text: iconv.decode(b, 'windows1258').normalize('NFC'),
      encoding: 'windows-1258',
      note: {
        vi: 'Tệp không phải UTF-8: đã đọc theo bảng mã Windows-1258 (CSV do Excel tiếng Việt lưu)',
        en: 'The file is not UTF-8: read as Windows-1258 (a CSV saved by Excel in a Vietnamese locale)',
      },
    }
  }
}
