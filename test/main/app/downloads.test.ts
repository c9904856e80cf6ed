import { EventEmitter } from 'node:events'
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { keepDownloadsOwnerOnly, type SavedFile } from '../../../src/main/app/downloads'

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

function saved(path: string): SavedFile & EventEmitter {
  return Object.assign(new EventEmitter(), { getSavePath: () => path })
}

describe('files saved from the app', () => {
  it('are owner-only once saved, wherever the person put them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pos-downloads-'))
    const session = new EventEmitter()
    keepDownloadsOwnerOnly(session)
    const path = join(dir, 'receipt-T1-customer.pdf')
    await writeFile(path, '%PDF-1.4')
    await chmod(path, 0o644)
    const item = saved(path)
    session.emit('will-download', {}, item)
    item.emit('done', {}, 'completed')
    await expect.poll(async () => (await stat(path)).mode & 0o777).toBe(0o600)
  })

  it('leave a cancelled or interrupted download alone', () => {
    const session = new EventEmitter()
    const changed: string[] = []
    keepDownloadsOwnerOnly(session, console.error, async (path) => void changed.push(path))
    for (const state of ['cancelled', 'interrupted', 'completed']) {
      const item = saved(`/saved/${state}.pdf`)
      session.emit('will-download', {}, item)
      item.emit('done', {}, state)
    }
    expect(changed).toEqual(['/saved/completed.pdf'])
  })
})
