// A small seeded generator for tests that draw random cases: the same seed, the same cases.

/** The next state of the linear congruential sequence. */
const step = (x: number): number => (Math.imul(x, 1103515245) + 12345) >>> 0

/** Numbers in [0, 1) from a linear congruential sequence started at `seed`. */
export function seededRandom(seed: number): () => number {
  let x = seed
  return () => {
    x = step(x)
    return x / 2 ** 32
  }
}

/** `n` bytes of the same sequence (each state's top byte): data that does not compress. */
export function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = step(x)
    out[i] = x >>> 24
  }
  return out
}
