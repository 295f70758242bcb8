// A part's texts are first compared, byte for byte, with the texts at the same places of the same part of
// the file read before: whatever the two files hold, each text must read exactly as its own bytes do.
import { describe, expect, it } from 'vitest'
import { PartBytes } from '../../src-main/core/workbook/xlsx-fast/byte-text'
import { PlacedTexts, itemText } from '../../src-main/core/workbook/xlsx-fast/decoded-texts'
import { makeRng } from '../fixtures/generator/rng'

/** A part holding the texts one after the other, and where each lies. */
function part(texts: readonly string[]): { part: PartBytes; spans: [number, number][] } {
  const enc = new TextEncoder()
  const spans: [number, number][] = []
  let at = 1
  for (const t of texts) {
    const n = enc.encode(t).length
    spans.push([at, at + n])
    at += n + 1
  }
  return { part: PartBytes.ofString('<' + texts.join('<') + '<'), spans }
}

describe('PlacedTexts', () => {
  it('reads each text of a file as its own bytes read, the same text or not as the file before', () => {
    const rng = makeRng('placed-texts')
    const pieces = ['a', 'b', 'S&#7889;', ' ', 'đ', '&amp;', 'x_x0041_', '12', 'Tr\u1EBB']
    const texts = new PlacedTexts(itemText)
    let before: string[] = []
    for (let file = 0; file < 300; file++) {
      // the file before's texts, some kept, some changed by a byte, lengthened, shortened, or shifted
      const now: string[] = []
      for (let k = 0; k < rng.int(0, 12); k++) {
        const old = before[k]
        const roll = rng.next()
        if (old !== undefined && roll < 0.5) now.push(old)
        else if (old !== undefined && old.length > 0 && roll < 0.7) {
          const i = rng.int(0, old.length - 1)
          now.push(old.slice(0, i) + (old[i] === 'a' ? 'b' : 'a') + old.slice(i + 1))
        } else {
          let t = ''
          for (let p = 0; p < rng.int(0, 9); p++) t += pieces[rng.int(0, pieces.length - 1)]
          now.push(t)
        }
      }
      const { part: p, spans } = part(now)
      texts.begin(p)
      spans.forEach(([from, to], k) => expect(texts.text(p, from, to), now[k]).toBe(itemText(p, from, to)))
      before = now
    }
  })
})
