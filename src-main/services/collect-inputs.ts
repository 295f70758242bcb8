// Expands the command line's files and folders into the list of files to read: every spreadsheet
// directly in a folder (not recursive, Excel's `~$` lock files skipped); a named file always. What
// else a folder holds (a PDF, a Word document) is named, so that the batch's history says it was left.
import path from 'node:path'
import { isSpreadsheetName } from '../shared/file-kinds'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'

/** The order `localeCompare` gives, with one collator for the whole list (a country has 3,000 names). */
const byName = new Intl.Collator()

export type InputFile = Readonly<{ path: string; display: string }>

export function collectInputs(
  args: readonly string[],
  fsys: FileSystem = realFs,
): { files: InputFile[]; missing: string[]; skipped: string[] } {
  const files: InputFile[] = []
  const missing: string[] = []
  const skipped: string[] = []
  for (const arg of args) {
    if (!fsys.exists(arg)) {
      missing.push(arg)
      continue
    }
    if (fsys.stat(arg).isDirectory) {
      const all = fsys.readdirFiles(arg).sort(byName.compare)
      for (const n of all)
        if (isSpreadsheetName(n)) files.push({ path: path.join(arg, n), display: path.join(arg, n) })
        else if (!isSystemFile(n)) skipped.push(path.join(arg, n))
    } else files.push({ path: arg, display: arg })
  }
  return { files, missing, skipped }
}

/** Files no clerk put in a folder: lock files, hidden files, the system's thumbnails and settings. */
function isSystemFile(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name)
}
