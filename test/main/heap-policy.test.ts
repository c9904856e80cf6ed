import { describe, expect, it } from 'vitest'
import {
  V8_GROWTH_FACTOR,
  YOUNG_GENERATION_CEILING,
  capYoungGeneration,
  growthFactorFor,
  nodeV8,
  type YoungGenerationV8,
} from '../../src/main/heap-policy'

const MiB = 2 ** 20

/**
 * Plays V8's young generation as far as the policy sees it: a collection that finds enough
 * survivors grows the space by the growth factor of the moment (up to V8's maximum), then the
 * 'gc' listeners run; when allocation slows, V8 shrinks it.
 */
class FakeV8 implements YoungGenerationV8 {
  size = 2 * MiB
  factor = V8_GROWTH_FACTOR
  readonly writes: number[] = []
  private listeners = new Set<() => void>()
  constructor(private readonly maximum = 128 * MiB) {}
  newSpaceSize = (): number => this.size
  setGrowthFactor = (factor: number): void => {
    this.factor = factor
    this.writes.push(factor)
  }
  afterGc(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  /** A scavenge under load: enough survived to grow. */
  collectGrowing(): void {
    this.size = Math.min(this.maximum, this.size * this.factor)
    for (const listener of this.listeners) listener()
  }
  /** A collection while the app is idle: V8 shrinks the space. */
  collectShrinking(to: number): void {
    this.size = to
    for (const listener of this.listeners) listener()
  }
}

describe('the young generation ceiling', () => {
  it('without it, V8 grows the young generation to its maximum under load', () => {
    const v8 = new FakeV8()
    for (let i = 0; i < 10; i += 1) v8.collectGrowing()
    expect(v8.size).toBe(128 * MiB)
  })

  it('lets it grow up to the ceiling and no further', () => {
    const v8 = new FakeV8()
    const cap = capYoungGeneration(16 * MiB, v8)
    const sizes: number[] = []
    for (let i = 0; i < 10; i += 1) {
      v8.collectGrowing()
      sizes.push(v8.size / MiB)
    }
    expect(sizes).toEqual([4, 8, 16, 16, 16, 16, 16, 16, 16, 16])
    expect(cap.factor).toBe(1)
    // One write when the ceiling was reached, none for the collections after it.
    expect(v8.writes).toEqual([1])
  })

  it('gives V8 its growth back when V8 shrinks the space below the ceiling, and caps it again', () => {
    const v8 = new FakeV8()
    capYoungGeneration(16 * MiB, v8)
    for (let i = 0; i < 5; i += 1) v8.collectGrowing()
    v8.collectShrinking(2 * MiB)
    expect(v8.factor).toBe(V8_GROWTH_FACTOR)
    for (let i = 0; i < 5; i += 1) v8.collectGrowing()
    expect(v8.size).toBe(16 * MiB)
    expect(v8.writes).toEqual([1, 2, 1])
  })

  it('caps at once when the space is already at or past the ceiling', () => {
    const v8 = new FakeV8()
    v8.size = 64 * MiB // grown during start-up, before the policy was installed
    capYoungGeneration(16 * MiB, v8)
    expect(v8.factor).toBe(1)
    v8.collectGrowing()
    expect(v8.size).toBe(64 * MiB)
  })

  it('never lets a doubling pass the ceiling from a size V8 shrank to', () => {
    // V8 shrinks to twice what survived, rounded to its pages: not always a power of two.
    expect(growthFactorFor(10 * MiB, 16 * MiB)).toBe(1)
    expect(growthFactorFor(8 * MiB, 16 * MiB)).toBe(2)
    expect(growthFactorFor(17 * MiB, 16 * MiB)).toBe(1)
  })

  it('stops watching and restores V8 default on stop', () => {
    const v8 = new FakeV8()
    const cap = capYoungGeneration(16 * MiB, v8)
    for (let i = 0; i < 5; i += 1) v8.collectGrowing()
    cap.stop()
    expect(v8.factor).toBe(V8_GROWTH_FACTOR)
    v8.collectGrowing()
    expect(v8.size).toBe(32 * MiB)
  })

  it('the app ceiling is 2 x 8 MiB', () => {
    expect(YOUNG_GENERATION_CEILING).toBe(16 * MiB)
  })

  it("reads this process's young generation and sets the factor through Node's v8", () => {
    expect(nodeV8.newSpaceSize()).toBeGreaterThan(0)
    expect(() => nodeV8.setGrowthFactor(V8_GROWTH_FACTOR)).not.toThrow()
    const unsubscribe = nodeV8.afterGc(() => {})
    unsubscribe()
  })
})
