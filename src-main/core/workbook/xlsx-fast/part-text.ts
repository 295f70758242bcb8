// The checks every part of a .xlsx gets before the fast reader parses it: valid UTF-8, and no DTD or
// entity declarations (those go to the guarded SheetJS path, which refuses them).
import type { ByteDecoders } from './byte-text'
import { PartBytes } from './byte-text'
import { indexOfBang } from './scan'
import { Unsupported } from '../../zip/zip-index'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A small part as text; invalid UTF-8 is left to SheetJS, whose byte-level reading we would not match. */
export function partText(bytes: Uint8Array): string {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new Unsupported('invalid utf-8')
  }
  refuseDeclarations(text, (i) => text.slice(i, i + 7))
  return text
}

/** A worksheet, or a part only checked, as one-byte text, after the same checks as partText. */
export function partBytes(bytes: Uint8Array, decoders?: ByteDecoders): PartBytes {
  const part = PartBytes.of(bytes, decoders)
  if (part === null) throw new Unsupported('invalid utf-8')
  // seven characters take at most 28 bytes; the word is decoded as partText reads it
  refuseDeclarations(part.text, (i) => part.utf8(i, Math.min(part.bytes.length, i + 28)).slice(0, 7))
  return part
}

/** A part that declares a DTD or entities goes to the guarded SheetJS path, which refuses it. */
function refuseDeclarations(text: string, sevenCharsAt: (i: number) => string): void {
  for (let i = indexOfBang(text, 0); i >= 0; i = indexOfBang(text, i + 2)) {
    const word = sevenCharsAt(i + 2).toUpperCase()
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) throw new Unsupported('xml declarations')
  }
}
