// The one door between the services and the file system, so that tests can inject the failures
// that do not happen as root on Linux (EACCES, EBUSY, ENOSPC), and so that nothing is ever left
// half-written under its final name: outputs go to a temporary name, then are renamed. What Sheaf
// writes holds other people's figures: files are made 0600 and folders 0700 where the system allows
// (Windows ignores the modes; the user's profile folder protects them there).
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'

export type FileSystem = Readonly<{
  readFile: (p: string) => Uint8Array
  stat: (p: string) => { size: number; mtimeMs: number; isDirectory: boolean; isFile: boolean }
  readdir: (p: string) => string[]
  /** the names of the files in a folder (links to files included), without a stat per name */
  readdirFiles: (p: string) => string[]
  writeFile: (p: string, data: Uint8Array) => void
  rename: (from: string, to: string) => void
  unlink: (p: string) => void
  mkdir: (p: string) => void
  exists: (p: string) => boolean
}>

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile()
  } catch {
    // a broken link
    return false
  }
}

export const realFs: FileSystem = {
  readFile: (p) => fs.readFileSync(p),
  stat: (p) => {
    const s = fs.statSync(p)
    return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory(), isFile: s.isFile() }
  },
  readdir: (p) => fs.readdirSync(p),
  readdirFiles: (p) =>
    fs
      .readdirSync(p, { withFileTypes: true })
      .filter((e) => e.isFile() || (e.isSymbolicLink() && isFile(path.join(p, e.name))))
      .map((e) => e.name),
  writeFile: (p, data) => fs.writeFileSync(p, data, { mode: 0o600 }),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (p) => fs.unlinkSync(p),
  mkdir: (p) => fs.mkdirSync(p, { recursive: true, mode: 0o700 }),
  exists: (p) => fs.existsSync(p),
}

export class OutputError extends Error {
  constructor(
    readonly code: string,
    readonly target: string,
    readonly text: { vi: string; en: string },
  ) {
    super(text.en)
  }
}

function explain(code: string, target: string): { vi: string; en: string } {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        vi: `Không có quyền ghi vào ${target} (thư mục chỉ đọc hoặc bị khóa). Hãy chọn thư mục khác.`,
        en: `No permission to write ${target} (read-only or protected folder). Choose another folder.`,
      }
    case 'EBUSY':
      return {
        vi: `Tệp ${target} đang được mở bởi chương trình khác (ví dụ Excel). Hãy đóng tệp rồi thử lại.`,
        en: `${target} is open in another program (Excel, say). Close it and try again.`,
      }
    case 'ENOSPC':
      return {
        vi: `Ổ đĩa đã đầy, không ghi được ${target}.`,
        en: `The disk is full; ${target} could not be written.`,
      }
    case 'ENOENT':
      return { vi: `Thư mục của ${target} không tồn tại.`, en: `The folder of ${target} does not exist.` }
    default:
      return { vi: `Không ghi được ${target} (${code}).`, en: `${target} could not be written (${code}).` }
  }
}

/** Makes a folder (and its parents) to write into, or says clearly why it cannot be made. */
export function makeFolder(fsys: FileSystem, dir: string): void {
  try {
    fsys.mkdir(dir)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
    throw new OutputError(code, dir, explain(code, dir))
  }
}

/** Writes `data` to `target` through a temporary file in the same folder, then renames it. */
export function writeFileAtomic(fsys: FileSystem, target: string, data: Uint8Array): void {
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    fsys.writeFile(tmp, data)
    fsys.rename(tmp, target)
  } catch (e) {
    try {
      if (fsys.exists(tmp)) fsys.unlink(tmp)
    } catch {
      // the temporary file could not be removed either; it carries no final name
    }
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
    throw new OutputError(code, target, explain(code, target))
  }
}
