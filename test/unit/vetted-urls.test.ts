// Only the ministry's and the government's own https sites may be opened from the window.
import { describe, expect, it } from 'vitest'
import { isVettedExternalUrl } from '../../src-main/app/vetted-urls'

describe('isVettedExternalUrl', () => {
  it('lets the ministry and government sites through, over https', () => {
    expect(isVettedExternalUrl('https://moh.gov.vn/van-ban')).toBe(true)
    expect(isVettedExternalUrl('https://vanban.chinhphu.vn/?pageid=27160')).toBe(true)
  })

  it('refuses everything else', () => {
    expect(isVettedExternalUrl('http://moh.gov.vn/')).toBe(false)
    expect(isVettedExternalUrl('https://moh.gov.vn.evil.example/')).toBe(false)
    expect(isVettedExternalUrl('https://user:pw@moh.gov.vn/')).toBe(false)
    expect(isVettedExternalUrl('file:///etc/passwd')).toBe(false)
    expect(isVettedExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isVettedExternalUrl('not a url')).toBe(false)
  })
})
