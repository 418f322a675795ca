/** A small seeded pseudo-random generator (mulberry32), so that every fault scenario can be replayed by its seed. */
export interface Random {
  /** The seed this generator started from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  integer(min: number, max: number): number;
  /** Whether an event of the given probability happens. */
  chance(probability: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A random subset (each element kept with probability `probability`), never empty when `items` is not. */
  subset<T>(items: readonly T[], probability: number): T[];
}

/** A generator for `seed` (any 32-bit integer). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const integer = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    integer,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[integer(0, items.length - 1)] as T,
    subset<T>(items: readonly T[], probability: number): T[] {
      const kept = items.filter(() => next() < probability);
      return kept.length > 0 || items.length === 0 ? kept : [items[integer(0, items.length - 1)] as T];
    },
  };
}

/**
 * The base seed of a suite: `FAULT_SEED` when set (to replay a failure), a new random one in the full suite
 * (`pnpm test:faults`, to explore), and `fallback` otherwise (so that `pnpm test` is repeatable).
 */
export function baseSeed(fallback: number, explore = false): number {
  const fromEnvironment = process.env['FAULT_SEED'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return Number(fromEnvironment) >>> 0;
  if (explore) return (Date.now() ^ (process.pid << 16)) >>> 0;
  return fallback >>> 0;
}
