// Getting files from the user the same way in both transports: dropped or picked files are read
// in the page and sent as bytes (base64); dropped folders are walked; on the desktop the system
// dialog gives paths instead.
import type { ImportFileInput } from '../../src-main/shared/api-types'
import { api } from '../api/client'
import { isSpreadsheetName } from '../../src-main/shared/file-kinds'

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf)
  let s = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(s)
}

/** A file for the API: streamed to the server in a browser (held there by id), its bytes on the desktop. */
export async function fileToUpload(file: File): Promise<ImportFileInput> {
  // the browser streams the bytes to the server; the desktop window hands over the file's path
  if (api.transport === 'http') return api.upload(file)
  try {
    return await api.upload(file)
  } catch {
    // a file with no path on this computer (dragged out of another program): its bytes, then
  }
  return {
    kind: 'upload',
    name: file.name,
    dataBase64: toBase64(await file.arrayBuffer()),
    lastModified: file.lastModified,
  }
}

type Entry = {
  isFile: boolean
  isDirectory: boolean
  name: string
  file?: (ok: (f: File) => void, err: (e: unknown) => void) => void
  createReader?: () => { readEntries: (ok: (e: Entry[]) => void, err: (e: unknown) => void) => void }
}

async function walk(entry: Entry, out: File[], depth: number): Promise<void> {
  if (entry.isFile && entry.file) {
    const f = await new Promise<File>((ok, err) => entry.file?.(ok, err))
    out.push(f)
  } else if (entry.isDirectory && entry.createReader && depth < 3) {
    const reader = entry.createReader()
    for (;;) {
      const batch = await new Promise<Entry[]>((ok, err) => reader.readEntries(ok, err))
      if (batch.length === 0) break
      for (const e of batch) await walk(e, out, depth + 1)
    }
  }
}

/** Every spreadsheet among the dropped items, folders included (with `all`, every file: the others are told). */
export async function droppedFiles(dt: DataTransfer, all = false): Promise<File[]> {
  const out: File[] = []
  const entries: Entry[] = []
  for (const item of Array.from(dt.items)) {
    const getter = (item as unknown as { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry
    const entry = getter ? getter.call(item) : null
    if (entry) entries.push(entry)
  }
  if (entries.length) for (const e of entries) await walk(e, out, 0)
  else out.push(...Array.from(dt.files))
  return all ? out : out.filter((f) => isSpreadsheetName(f.name))
}

/** Opens the browser's file picker. */
export function pickBrowserFiles(opts: {
  accept: string
  multiple: boolean
  folder?: boolean
}): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = opts.accept
    input.multiple = opts.multiple
    if (opts.folder) input.setAttribute('webkitdirectory', '')
    input.style.display = 'none'
    input.addEventListener('change', () => {
      resolve(Array.from(input.files ?? []))
      input.remove()
    })
    document.body.appendChild(input)
    input.click()
  })
}
