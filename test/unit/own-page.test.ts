import { describe, expect, it } from 'vitest'
import { isOwnPage } from '../../src-main/app/own-page'

const OWN = 'file:///opt/Sheaf/resources/app.asar/out/renderer/index.html'

describe('isOwnPage', () => {
  it('accepts the packaged page, with a hash or a query', () => {
    expect(isOwnPage(OWN, OWN)).toBe(true)
    expect(isOwnPage(`${OWN}#/status`, OWN)).toBe(true)
    expect(isOwnPage(`${OWN}?lang=en`, OWN)).toBe(true)
  })

  it('refuses any other file on the disk, a web page and nonsense', () => {
    expect(isOwnPage('file:///home/clerk/Downloads/evil.html', OWN)).toBe(false)
    expect(isOwnPage('file:///opt/Sheaf/resources/app.asar/out/renderer/index.html.evil', OWN)).toBe(false)
    expect(isOwnPage('file:///opt/Sheaf/resources/app.asar/out/renderer/other.html', OWN)).toBe(false)
    expect(isOwnPage('file://otherhost/opt/Sheaf/resources/app.asar/out/renderer/index.html', OWN)).toBe(
      false,
    )
    expect(isOwnPage('http://127.0.0.1:5173/index.html', OWN)).toBe(false)
    expect(isOwnPage('', OWN)).toBe(false)
  })
})
