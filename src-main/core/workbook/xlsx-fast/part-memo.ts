// The files of a batch mostly share their small parts byte for byte (content types, relationships,
// styles, theme, document properties): a part whose stored bytes equal those of a part already read the
// same way gets that reading again, without being inflated, decoded, checked or parsed anew. Equal
// stored bytes (and method and size) inflate to equal content, so the reading is the same; the checksum
// the archive declares only narrows the search.
import type { ZipEntry, ZipIndex } from '../../zip/zip-index'
import { BoundedMemo } from '../../../shared/bounded-memo'

type Memo = Readonly<{ method: number; usize: number; stored: Uint8Array; value: unknown }>

const MAX_MEMOS = 256
/** larger parts (worksheets, shared strings) rarely repeat and are not kept */
const MAX_STORED_BYTES = 64 * 1024

const memos = new BoundedMemo<string, Memo>(MAX_MEMOS)

/**
 * What `read` makes of the part at `path` (given null when there is no such part). `read` must depend
 * on the bytes alone, and its result must not be changed: later files may get the same one. What it
 * throws is not remembered.
 */
export function readPart<T>(
  zip: ZipIndex,
  path: string,
  how: string,
  read: (bytes: Uint8Array | null) => T,
): T {
  const entry = zip.entry(path)
  if (entry === undefined) return read(null)
  const stored = zip.stored(entry)
  if (stored.length > MAX_STORED_BYTES) return read(zip.inflate(entry, stored))
  const key = `${how} ${entry.crc} ${stored.length}`
  const memo = memos.get(key)
  if (memo !== undefined && sameMemo(memo, entry, stored)) return memo.value as T
  const value = read(zip.inflate(entry, stored))
  // a copy: the file's bytes are not kept alive by the table
  memos.set(key, { method: entry.method, usize: entry.usize, stored: new Uint8Array(stored), value })
  return value
}

function sameMemo(memo: Memo, entry: ZipEntry, stored: Uint8Array): boolean {
  if (memo.method !== entry.method || memo.usize !== entry.usize) return false
  const a = memo.stored
  if (a.length !== stored.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== stored[i]) return false
  return true
}
