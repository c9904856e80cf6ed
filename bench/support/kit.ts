/**
 * The built main-process code the engine benchmarks drive: out/main/headless.js, which
 * `npm run build` writes beside the app's entry from src/main/headless.ts and which shares the
 * app's chunks. Loaded by path from the working folder (the repository), so the same line works
 * from these sources under tsx and from the bundled plain-Node workers in out/bench.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as Headless from '../../src/main/headless'

export type Kit = typeof Headless

export const KIT_FILE = resolve('out/main/headless.js')

let loading: Promise<Kit> | undefined

export function loadKit(): Promise<Kit> {
  if (!existsSync(KIT_FILE)) {
    return Promise.reject(new Error(`${KIT_FILE} is missing: run npm run build first.`))
  }
  loading ??= import(pathToFileURL(KIT_FILE).href) as Promise<Kit>
  return loading
}
