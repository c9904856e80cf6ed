import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dirs: string[] = []

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pos-storage-'))
  dirs.push(dir)
  return dir
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
}

/** The permission bits of a path, e.g. 0o600. */
export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777
}
