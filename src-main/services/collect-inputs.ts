// Expands the command line's files and folders into the list of files to read: every spreadsheet
// directly in a folder (not recursive, Excel's `~$` lock files skipped); a named file always.
import path from 'node:path'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'

const SPREADSHEET = /\.(xlsx|xlsm|xlsb|xls|ods)$/i

export type InputFile = Readonly<{ path: string; display: string }>

export function collectInputs(
  args: readonly string[],
  fsys: FileSystem = realFs,
): { files: InputFile[]; missing: string[] } {
  const files: InputFile[] = []
  const missing: string[] = []
  for (const arg of args) {
    if (!fsys.exists(arg)) {
      missing.push(arg)
      continue
    }
    if (fsys.stat(arg).isDirectory) {
      const names = fsys
        .readdir(arg)
        .filter((n) => SPREADSHEET.test(n) && !n.startsWith('~$'))
        .sort((a, b) => a.localeCompare(b))
      for (const n of names) {
        const p = path.join(arg, n)
        if (fsys.stat(p).isFile) files.push({ path: p, display: path.join(arg, n) })
      }
    } else files.push({ path: arg, display: arg })
  }
  return { files, missing }
}
