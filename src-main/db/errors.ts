// Every failure of the database that a person may see, as a code the caller can branch on and a
// message in Vietnamese and English; raw SQLite errors never leave db/.
import type { Localized } from '../shared/localized'

export const DB_ERROR_CODES = [
  'DB_TOO_NEW',
  'DB_SCHEMA_MISMATCH',
  'DB_LOCKED',
  'DB_READ_ONLY',
  'DB_DAMAGED',
  'DB_CANNOT_OPEN',
  'DB_INVALID_INPUT',
  'DB_NOT_FOUND',
  'DB_WRITE_FAILED',
] as const
export type DbErrorCode = (typeof DB_ERROR_CODES)[number]

export class DbError extends Error {
  override readonly name = 'DbError'
  readonly code: DbErrorCode
  readonly text: Localized
  readonly path: string | null

  constructor(code: DbErrorCode, text: Localized, options: { path?: string | null; cause?: unknown } = {}) {
    super(`${text.vi}\n${text.en}`, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.text = text
    this.path = options.path ?? null
  }
}

export function isDbError(e: unknown): e is DbError {
  return e instanceof DbError
}

function where(path: string | null): Localized {
  return path ? { vi: ` (${path})`, en: ` (${path})` } : { vi: '', en: '' }
}

/** The standard message of each code, for a database at `path`. */
export function dbErrorText(code: DbErrorCode, path: string | null, detail = ''): Localized {
  const w = where(path)
  const d = detail ? `: ${detail}` : ''
  switch (code) {
    case 'DB_TOO_NEW':
      return {
        vi: `Cơ sở dữ liệu${w.vi} được tạo bởi phiên bản Sheaf mới hơn; hãy cập nhật Sheaf để mở${d}`,
        en: `The database${w.en} was made by a newer version of Sheaf; update Sheaf to open it${d}`,
      }
    case 'DB_SCHEMA_MISMATCH':
      return {
        vi: `Cấu trúc cơ sở dữ liệu${w.vi} không khớp với phiên bản Sheaf này${d}`,
        en: `The database${w.en} has a structure this version of Sheaf does not know${d}`,
      }
    case 'DB_LOCKED':
      return {
        vi: `Cơ sở dữ liệu${w.vi} đang bị một chương trình khác khóa; hãy đóng chương trình đó rồi thử lại${d}`,
        en: `The database${w.en} is locked by another program; close it and try again${d}`,
      }
    case 'DB_READ_ONLY':
      return {
        vi: `Không thể ghi vào cơ sở dữ liệu${w.vi}: tệp hoặc thư mục chỉ cho phép đọc${d}`,
        en: `Cannot write to the database${w.en}: the file or its folder is read-only${d}`,
      }
    case 'DB_DAMAGED':
      return {
        vi: `Tệp${w.vi} không phải cơ sở dữ liệu Sheaf hoặc đã bị hỏng; hãy khôi phục từ bản sao lưu${d}`,
        en: `The file${w.en} is not a Sheaf database or is damaged; restore it from a backup${d}`,
      }
    case 'DB_CANNOT_OPEN':
      return {
        vi: `Không mở được cơ sở dữ liệu${w.vi}; kiểm tra đường dẫn và thư mục${d}`,
        en: `Cannot open the database${w.en}; check the path and the folder${d}`,
      }
    case 'DB_INVALID_INPUT':
      return { vi: `Dữ liệu không hợp lệ${d}`, en: `Invalid data${d}` }
    case 'DB_NOT_FOUND':
      return { vi: `Không tìm thấy${d}`, en: `Not found${d}` }
    case 'DB_WRITE_FAILED':
      return {
        vi: `Không ghi được vào cơ sở dữ liệu${w.vi}; không có thay đổi nào được lưu${d}`,
        en: `Could not write to the database${w.en}; nothing was saved${d}`,
      }
  }
}

export function dbError(code: DbErrorCode, path: string | null, detail = '', cause?: unknown): DbError {
  return new DbError(code, dbErrorText(code, path, detail), { path, cause })
}

/** SQLite's own error codes (better-sqlite3's `SqliteError.code`), mapped to what a person can act on. */
export function toDbError(e: unknown, path: string | null): DbError {
  if (e instanceof DbError) return e
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : ''
  const detail = e instanceof Error ? e.message : String(e)
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return dbError('DB_LOCKED', path, detail, e)
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM')
    return dbError('DB_READ_ONLY', path, detail, e)
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return dbError('DB_DAMAGED', path, detail, e)
  if (code.startsWith('SQLITE_CANTOPEN')) return dbError('DB_CANNOT_OPEN', path, detail, e)
  return dbError('DB_WRITE_FAILED', path, detail, e)
}
