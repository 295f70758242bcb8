// Downloads by one-time ids: a browser follows a download link without the page's headers, so the
// token cannot go with it. The page asks for a ticket (a request that carries the token) and opens
// `/download/<ticket>`, which serves the file once, within a minute, and then knows it no more.
import crypto from 'node:crypto'

export type DownloadTickets = Readonly<{
  /** a new one-time id for `file` */
  issue: (file: string) => string
  /** the file of a ticket, which is spent by asking */
  redeem: (ticket: string) => string | null
}>

export function createDownloadTickets(ttlMs = 60_000, now: () => number = Date.now): DownloadTickets {
  const tickets = new Map<string, { file: string; expires: number }>()
  const sweep = (): void => {
    const t = now()
    for (const [id, entry] of tickets) if (entry.expires <= t) tickets.delete(id)
  }
  return {
    issue(file) {
      sweep()
      const id = crypto.randomBytes(24).toString('base64url')
      tickets.set(id, { file, expires: now() + ttlMs })
      return id
    },
    redeem(ticket) {
      const entry = tickets.get(ticket)
      tickets.delete(ticket)
      return entry && entry.expires > now() ? entry.file : null
    },
  }
}
