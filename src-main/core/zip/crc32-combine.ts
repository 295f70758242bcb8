// The CRC-32 (IEEE, as zip and gzip use it) of two byte runs put end to end, from each run's CRC-32 and
// the second's length, as zlib's crc32_combine computes it: a part deflated in chunks on other threads
// has each chunk's checksum taken there, and the part's is made from them without reading it again.

/** The CRC-32 polynomial, reflected. */
const POLY = 0xedb88320

/** a * b modulo the polynomial, both reflected (bit 31 is x^0). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return p >>> 0
}

/** x^(2^k) modulo the polynomial, for k = 0…31. */
const X_2N: readonly number[] = (() => {
  const table = [0x40000000]
  for (let k = 1; k < 32; k++) table.push(multiplyModP(table[k - 1]!, table[k - 1]!))
  return table
})()

/** x^(n * 2^k) modulo the polynomial. */
function xPowerModP(n: number, k: number): number {
  let p = 0x80000000
  while (n > 0) {
    if (n % 2 === 1) p = multiplyModP(X_2N[k & 31]!, p)
    n = Math.floor(n / 2)
    k++
  }
  return p
}

/** The CRC-32 of `a` then `b`, from `crcA`, `crcB` and `b`'s length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(xPowerModP(lengthB, 3), crcA >>> 0) ^ crcB) >>> 0
}
