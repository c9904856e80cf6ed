/**
 * The benchmark processes that run in plain Node (no tsx, whose loader and TypeScript compiler
 * would sit in their memory and on their event loop): each is bundled from bench/support with
 * esbuild into out/bench, keeping every package and the built app code (out/main, see ./kit.ts)
 * outside the bundle, so what they measure is the code the app ships.
 */
import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import { build } from 'esbuild'

export const WORKERS = {
  /** The simulator in its own process (./sim-child.ts). */
  simulator: resolve('out/bench/sim-child.mjs'),
  /** B3's engine process (./scale-worker.ts). */
  scale: resolve('out/bench/scale-worker.mjs'),
  /** B4's search process (./search-worker.ts). */
  search: resolve('out/bench/search-worker.mjs'),
}

/** Runs one worker in plain Node: sends it `options`, resolves with what it sends back. */
export function runWorker<T>(file: string, options: unknown, execArgv: string[] = []): Promise<T> {
  const child = fork(file, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise<T>((resolve, reject) => {
    child.once('message', (message) => {
      const answer = message as { ok: boolean; result?: T; error?: string }
      if (answer.ok) resolve(answer.result as T)
      else reject(new Error(answer.error))
    })
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) without an answer.`)))
    child.send(options as object)
  })
}

let building: Promise<void> | undefined

/** Bundles the workers once per run. */
export function buildWorkers(): Promise<void> {
  building ??= build({
    entryPoints: {
      'sim-child': resolve('bench/support/sim-child.ts'),
      'scale-worker': resolve('bench/support/scale-worker.ts'),
      'search-worker': resolve('bench/support/search-worker.ts'),
    },
    outdir: resolve('out/bench'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    alias: { '@shared': resolve('src/shared') },
    logLevel: 'warning',
  }).then(() => undefined)
  return building
}
