// The application's remembered settings (the report's header block: province, report number,
// signer), as plain key/value text.
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'

export const SETTING_KEYS = {
  provinceName: 'report.province',
  reportNumber: 'report.number',
  signer: 'report.signer',
} as const

export function getSetting(db: SheafDb, key: string): string | null {
  return read(db, () => {
    const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
    return r ? r.value : null
  })
}

export function getSettings(db: SheafDb): Record<string, string> {
  return read(db, () => {
    const rows = db.prepare('SELECT key, value FROM settings ORDER BY key').all() as {
      key: string
      value: string
    }[]
    return Object.fromEntries(rows.map((r) => [r.key, r.value]))
  })
}

/** Sets several settings at once; `null` removes one. Unchanged values write nothing. */
export function setSettings(
  db: SheafDb,
  values: Readonly<Record<string, string | null>>,
  actor?: string,
): void {
  writeTransaction(db, () => {
    for (const [key, value] of Object.entries(values)) {
      const old = getSetting(db, key)
      if (old === value) continue
      if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key)
      else
        db.prepare(
          `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        ).run(key, value, db.now())
      writeAudit(db, 'setting.set', 'setting', key, { from: old, to: value }, actor)
    }
  })
}

export function setSetting(db: SheafDb, key: string, value: string | null, actor?: string): void {
  setSettings(db, { [key]: value }, actor)
}
