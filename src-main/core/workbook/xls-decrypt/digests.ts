// MD5 and SHA-1 over bytes, and RC4, as the encryption of an .xls derives its keys with them (core uses
// no Node module; these are small inputs: a password, a salt, a block number). Not for anything secret.

function bytesToWords(message: Uint8Array, bigEndian: boolean): Uint32Array {
  const length = message.length
  const padded = ((length + 8) >> 6) * 64 + 64
  const bytes = new Uint8Array(padded)
  bytes.set(message)
  bytes[length] = 0x80
  const view = new DataView(bytes.buffer)
  const bits = length * 8
  if (bigEndian) {
    view.setUint32(padded - 8, Math.floor(bits / 2 ** 32), false)
    view.setUint32(padded - 4, bits >>> 0, false)
  } else {
    view.setUint32(padded - 8, bits >>> 0, true)
    view.setUint32(padded - 4, Math.floor(bits / 2 ** 32), true)
  }
  const words = new Uint32Array(padded / 4)
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, !bigEndian)
  return words
}

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0)

export function md5(message: Uint8Array): Uint8Array {
  const w = bytesToWords(message, false)
  let a0 = 0x67452301
  let b0 = 0xefcdab89
  let c0 = 0x98badcfe
  let d0 = 0x10325476
  for (let chunk = 0; chunk < w.length; chunk += 16) {
    let a = a0
    let b = b0
    let c = c0
    let d = d0
    for (let i = 0; i < 64; i++) {
      let f: number
      let g: number
      if (i < 16) {
        f = (b & c) | (~b & d)
        g = i
      } else if (i < 32) {
        f = (d & b) | (~d & c)
        g = (5 * i + 1) % 16
      } else if (i < 48) {
        f = b ^ c ^ d
        g = (3 * i + 5) % 16
      } else {
        f = c ^ (b | ~d)
        g = (7 * i) % 16
      }
      const s = MD5_SHIFTS[(i >> 4) * 4 + (i % 4)] as number
      const sum = (a + f + (MD5_K[i] as number) + (w[chunk + g] as number)) >>> 0
      a = d
      d = c
      c = b
      b = (b + ((sum << s) | (sum >>> (32 - s)))) >>> 0
    }
    a0 = (a0 + a) >>> 0
    b0 = (b0 + b) >>> 0
    c0 = (c0 + c) >>> 0
    d0 = (d0 + d) >>> 0
  }
  const out = new Uint8Array(16)
  const view = new DataView(out.buffer)
  ;[a0, b0, c0, d0].forEach((x, i) => view.setUint32(i * 4, x, true))
  return out
}

export function sha1(message: Uint8Array): Uint8Array {
  const w = bytesToWords(message, true)
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const x = new Uint32Array(80)
  for (let chunk = 0; chunk < w.length; chunk += 16) {
    for (let i = 0; i < 16; i++) x[i] = w[chunk + i] as number
    for (let i = 16; i < 80; i++) {
      const v = (x[i - 3] as number) ^ (x[i - 8] as number) ^ (x[i - 14] as number) ^ (x[i - 16] as number)
      x[i] = (v << 1) | (v >>> 31)
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let i = 0; i < 80; i++) {
      const f =
        i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6
      const t = (((a << 5) | (a >>> 27)) + f + e + k + (x[i] as number)) >>> 0
      e = d
      d = c
      c = ((b << 30) | (b >>> 2)) >>> 0
      b = a
      a = t
    }
    h[0] = ((h[0] as number) + a) >>> 0
    h[1] = ((h[1] as number) + b) >>> 0
    h[2] = ((h[2] as number) + c) >>> 0
    h[3] = ((h[3] as number) + d) >>> 0
    h[4] = ((h[4] as number) + e) >>> 0
  }
  const out = new Uint8Array(20)
  const view = new DataView(out.buffer)
  h.forEach((v, i) => view.setUint32(i * 4, v, false))
  return out
}

/** RC4's key stream of `length` bytes for `key`. */
export function rc4Stream(key: Uint8Array, length: number): Uint8Array {
  const s = new Uint8Array(256)
  for (let i = 0; i < 256; i++) s[i] = i
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff
    const t = s[i] as number
    s[i] = s[j] as number
    s[j] = t
  }
  const out = new Uint8Array(length)
  for (let n = 0, i = 0, j = 0; n < length; n++) {
    i = (i + 1) & 0xff
    j = (j + (s[i] as number)) & 0xff
    const t = s[i] as number
    s[i] = s[j] as number
    s[j] = t
    out[n] = s[((s[i] as number) + (s[j] as number)) & 0xff] as number
  }
  return out
}
