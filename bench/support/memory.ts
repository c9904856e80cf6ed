/**
 * What a process's resident memory is made of, at one moment: the program's own files mapped
 * in (Node's binary and libraries: shared, clean, given back under pressure), V8's young and old
 * generations, buffers (ArrayBuffers: reads, sockets, zlib output) and the rest of the native
 * heap (SQLite, zlib, the HTTP parser, thread stacks). Linux reads /proc/self/smaps_rollup;
 * elsewhere the file part is unknown (0) and lands in "native".
 */
import { readFileSync } from 'node:fs'
import { getHeapSpaceStatistics } from 'node:v8'

export interface MemoryParts {
  rss: number
  files: number
  youngGeneration: number
  oldGeneration: number
  otherHeap: number
  buffers: number
  native: number
}

function mappedFiles(): number {
  try {
    const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8')
    const kB = (field: string): number =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024
    return Math.max(0, kB('Rss') - kB('Anonymous'))
  } catch {
    return 0
  }
}

export function memoryParts(): MemoryParts {
  const usage = process.memoryUsage()
  const spaces = getHeapSpaceStatistics()
  const size = (name: string): number =>
    spaces.find((s) => s.space_name === name)?.physical_space_size ?? 0
  const young = size('new_space')
  const old = size('old_space')
  const heap = spaces.reduce((sum, s) => sum + s.physical_space_size, 0)
  const files = mappedFiles()
  return {
    rss: usage.rss,
    files,
    youngGeneration: young,
    oldGeneration: old,
    otherHeap: heap - young - old,
    buffers: usage.arrayBuffers,
    native: Math.max(0, usage.rss - files - heap - usage.arrayBuffers),
  }
}
