// A small seeded generator for tests that draw random cases: the same seed, the same cases.

/** Numbers in [0, 1) from a linear congruential sequence started at `seed`. */
export function seededRandom(seed: number): () => number {
  let x = seed
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return x / 2 ** 32
  }
}
