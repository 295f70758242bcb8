// The only external addresses the window may hand to the system browser: the ministry's and the
// government's own sites, over https. Everything else a page tries to open is dropped.
const VETTED_HOSTS = ['moh.gov.vn', 'chinhphu.vn', 'vanban.chinhphu.vn', 'thuvienphapluat.vn']

export function isVettedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false
  return VETTED_HOSTS.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`))
}
