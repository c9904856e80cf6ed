import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tightenModes } from '../../../src/main/storage/modes'
import { modeOf, removeTempDirs, tempDir } from './support'

afterEach(removeTempDirs)

async function open(path: string, mode: number, content?: string): Promise<void> {
  if (content === undefined) await mkdir(path, { recursive: true })
  else await writeFile(path, content)
  await chmod(path, mode)
}

describe('tightenModes', () => {
  it("makes what an earlier version left readable by others owner-only, and only the app's own", async () => {
    const data = await tempDir()
    const outside = await tempDir()
    await open(join(data, 'receipts'), 0o755)
    await open(join(data, 'receipts', 'p1'), 0o755)
    await open(join(data, 'receipts', 'p1', 'customer.html'), 0o644, '<p>receipt</p>')
    await open(join(data, 'receipts', 'settings.json'), 0o644, '{}')
    await open(join(data, 'merchants.json'), 0o644, '{}')
    await open(join(data, 'merchants.json.v3.bak'), 0o644, '{}')
    await open(join(data, 'app-settings.json'), 0o664, '{}')
    await open(join(data, 'someone-elses.txt'), 0o644, 'not ours')
    await open(join(outside, 'target.txt'), 0o644, 'linked')
    await symlink(join(outside, 'target.txt'), join(data, 'receipts', 'p1', 'link.html'))

    await tightenModes(data)

    for (const folder of ['receipts', 'receipts/p1']) {
      expect(await modeOf(join(data, folder))).toBe(0o700)
    }
    for (const file of [
      'receipts/p1/customer.html',
      'receipts/settings.json',
      'merchants.json',
      'merchants.json.v3.bak',
      'app-settings.json',
    ]) {
      expect(await modeOf(join(data, file))).toBe(0o600)
    }
    expect(await modeOf(join(data, 'someone-elses.txt'))).toBe(0o644)
    // A link is never followed: what it points at keeps its mode.
    expect(await modeOf(join(outside, 'target.txt'))).toBe(0o644)
  })

  it('does nothing in a folder without data', async () => {
    await expect(tightenModes(join(await tempDir(), 'missing'))).resolves.toBeUndefined()
  })
})
