// The local server's Server-Sent Events (`event:` and `data:` lines, a blank line after each event)
// taken out of the text received so far: the page reads its event stream with it, and so do the
// tests that drive the server over HTTP.

/** The data of each whole event in `received`, and the text of the event still arriving. */
export function splitEvents(received: string): Readonly<{ data: string[]; rest: string }> {
  const data: string[] = []
  let rest = received
  let end: number
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end)
    rest = rest.slice(end + 2)
    const text = block
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trimStart())
      .join('\n')
    if (text) data.push(text)
  }
  return { data, rest }
}
