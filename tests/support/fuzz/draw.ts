import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** One draw in BIAS leans to fast-check's edge cases (bounds, empty and tiny values). */
const BIAS = 4;

/**
 * Random choices from one seeded generator, drawn in order: the same seed makes the same choices,
 * so a failing request can be made again.
 */
export class Draw {
  private readonly random: fc.Random;

  constructor(seed: number) {
    this.random = new fc.Random(xoroshiro128plus(seed));
  }

  /** One value of `arbitrary`. */
  from<T>(arbitrary: fc.Arbitrary<T>): T {
    return arbitrary.generate(this.random, BIAS).value;
  }

  int(min: number, max: number): number {
    return this.random.nextInt(min, max);
  }

  chance(probability: number): boolean {
    return this.random.nextDouble() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** Between `min` and `max` results of `make`. */
  repeat<T>(min: number, max: number, make: (index: number) => T): T[] {
    return Array.from({ length: this.int(min, max) }, (_, index) => make(index));
  }
}
