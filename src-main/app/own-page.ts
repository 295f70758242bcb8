// Whether an IPC call comes from our own page: the packaged `index.html` itself, not any page that
// happens to be loaded from the disk (a `file://` document a link or a drop could bring in).
export function isOwnPage(frameUrl: string, ownUrl: string): boolean {
  try {
    const frame = new URL(frameUrl)
    const own = new URL(ownUrl)
    return frame.protocol === 'file:' && frame.host === own.host && frame.pathname === own.pathname
  } catch {
    return false
  }
}
