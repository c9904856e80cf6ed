import type * as fs from 'node:fs'
import type * as fsPromises from 'node:fs/promises'
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ensurePrivateDir,
  writeFileAtomic,
  writeFileAtomicSync,
} from '../../../src/main/storage/atomic-write'
import { modeOf, removeTempDirs, tempDir } from './support'

// What reached the disk, in order: the only way to show the file is synced before the rename and
// the folder after it, without pulling the power cord.
const steps: string[] = []
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsPromises>()
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args)
      const what = args[1] === 'r' ? 'folder' : 'file'
      const sync = handle.sync.bind(handle)
      handle.sync = async () => {
        steps.push(`sync ${what}`)
        await sync()
      }
      return handle
    },
    rename: async (from: string, to: string) => {
      steps.push('rename')
      await real.rename(from, to)
    },
  }
})
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  const folders = new Set<number>()
  return {
    ...real,
    openSync: (path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
      const fd = real.openSync(path, flags, mode)
      if (flags === 'r') folders.add(fd)
      return fd
    },
    fsyncSync: (fd: number) => {
      steps.push(folders.has(fd) ? 'sync folder' : 'sync file')
      real.fsyncSync(fd)
    },
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      steps.push('rename')
      real.renameSync(from, to)
    },
  }
})

afterEach(async () => {
  steps.length = 0
  await removeTempDirs()
})

describe.each([
  ['writeFileAtomic', (path: string, data: string) => writeFileAtomic(path, data)],
  ['writeFileAtomicSync', async (path: string, data: string) => writeFileAtomicSync(path, data)],
])('%s', (_name, write) => {
  it('syncs the file, renames it into place, then syncs the folder', async () => {
    const dir = await tempDir()
    await write(join(dir, 'a.json'), '{"a":1}')
    expect(steps).toEqual(['sync file', 'rename', 'sync folder'])
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"a":1}')
  })

  it('writes owner-only, in a missing folder it creates owner-only, leaving no temporary file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'receipts', 'p1', 'meta.json')
    await write(path, 'x')
    expect(await modeOf(path)).toBe(0o600)
    expect(await modeOf(join(dir, 'receipts'))).toBe(0o700)
    expect(await modeOf(join(dir, 'receipts', 'p1'))).toBe(0o700)
    expect(await readdir(join(dir, 'receipts', 'p1'))).toEqual(['meta.json'])
  })

  it('makes a file an earlier version left readable by others owner-only when it replaces it', async () => {
    const dir = await tempDir()
    const path = join(dir, 'settings.json')
    await writeFile(path, 'old', { mode: 0o644 })
    await chmod(path, 0o644)
    await write(path, 'new')
    expect(await modeOf(path)).toBe(0o600)
    expect(await readFile(path, 'utf8')).toBe('new')
  })

  it('leaves the old content and no temporary file when the rename fails', async () => {
    const dir = await tempDir()
    const path = join(dir, 'taken')
    await mkdir(path) // a folder where the file should go: the rename cannot replace it
    await writeFile(join(path, 'inside'), 'kept')
    await expect(write(path, 'new')).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['taken'])
    expect(await readFile(join(path, 'inside'), 'utf8')).toBe('kept')
  })
})

describe('ensurePrivateDir', () => {
  it('creates a folder owner-only and tightens one an earlier version left open', async () => {
    const dir = await tempDir()
    await ensurePrivateDir(join(dir, 'secrets'))
    expect(await modeOf(join(dir, 'secrets'))).toBe(0o700)
    await mkdir(join(dir, 'receipts'), { mode: 0o755 })
    await chmod(join(dir, 'receipts'), 0o755)
    await ensurePrivateDir(join(dir, 'receipts'))
    expect(await modeOf(join(dir, 'receipts'))).toBe(0o700)
  })
})
