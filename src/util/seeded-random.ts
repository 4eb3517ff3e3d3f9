/**
 * A seeded pseudo-random generator, for generated data that must be the same on every run (benchmarks, the demo).
 * Not for anything that needs unpredictability.
 * @module
 */

/** mulberry32: a small, fast 32-bit PRNG. Returns a function yielding numbers in [0, 1), the same sequence per seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
