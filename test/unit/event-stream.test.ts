// The local server's event stream split as the page reads it: events whole or cut anywhere between
// two reads, `event:` lines and comments left out, data on several lines joined.
import { describe, expect, it } from 'vitest'
import { splitEvents } from '../../src-main/shared/event-stream'
import { makeRng } from '../fixtures/generator'

const sent = (event: unknown) => `event: message\ndata: ${JSON.stringify(event)}\n\n`

describe('splitEvents', () => {
  it('gives each whole event once, however the stream is cut between reads', () => {
    const events = Array.from({ length: 30 }, (_, i) => ({
      type: 'import.progress',
      done: i,
      file: `xã ${i}`,
    }))
    const stream = events.map(sent).join('')
    const rng = makeRng(2025)
    for (let trial = 0; trial < 50; trial++) {
      let buffer = ''
      const got: unknown[] = []
      for (let at = 0; at < stream.length;) {
        const next = Math.min(stream.length, at + 1 + rng.int(0, 80))
        const { data, rest } = splitEvents(buffer + stream.slice(at, next))
        buffer = rest
        got.push(...data.map((d) => JSON.parse(d) as unknown))
        at = next
      }
      expect(got).toEqual(events)
      expect(buffer).toBe('')
    }
  })

  it('joins data lines, leaves comments and events without data out, and keeps the unfinished one', () => {
    const { data, rest } = splitEvents(': keep-alive\n\nevent: ping\n\ndata: {"a":\ndata:1}\n\ndata: {"b"')
    expect(data).toEqual(['{"a":\n1}'])
    expect(rest).toBe('data: {"b"')
  })
})
