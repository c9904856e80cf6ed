import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NoticeBoard } from '../../../src/main/notices/notices'
import { PrintSettingsFile } from '../../../src/main/receipts/settings'

let dataDir: string | undefined
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

async function withFile(text?: string) {
  dataDir = await mkdtemp(join(tmpdir(), 'pos-print-settings-'))
  await mkdir(join(dataDir, 'receipts'))
  if (text !== undefined) await writeFile(join(dataDir, 'receipts', 'settings.json'), text)
  const notices = new NoticeBoard()
  return {
    notices,
    file: PrintSettingsFile.under(dataDir, notices),
    dir: join(dataDir, 'receipts'),
  }
}

describe('print settings file', () => {
  it('keeps the values a person set, writes them owner-only', async () => {
    const { file, dir } = await withFile()
    expect(await file.get()).toMatchObject({ paperWidthMm: 80, copies: 1 })
    await file.update({ paperWidthMm: 58, copies: 2 })
    expect(await PrintSettingsFile.under(dataDir!, new NoticeBoard()).get()).toMatchObject({
      paperWidthMm: 58,
      copies: 2,
    })
    expect((await stat(join(dir, 'settings.json'))).mode & 0o777).toBe(0o600)
  })

  it('a hand-edited wrong value falls back to its default and the others stay', async () => {
    const { file, notices } = await withFile(
      '{"printerName":"TM-T20","paperWidthMm":100,"copies":2,"customerCopy":"always"}',
    )
    expect(await file.get()).toMatchObject({
      printerName: 'TM-T20',
      paperWidthMm: 80,
      copies: 2,
      customerCopy: 'always',
    })
    expect(notices.list()).toEqual([])
  })

  it('a file that is not JSON is moved aside with a notice and the defaults apply', async () => {
    const { file, notices, dir } = await withFile('{"printerName":"TM')
    expect(await file.get()).toMatchObject({ printerName: '', paperWidthMm: 80 })
    const [aside] = await readdir(dir)
    expect(aside).toMatch(/^settings\.json\.corrupt-/)
    expect(notices.list()).toMatchObject([
      { code: 'print_settings_file_damaged', params: { movedTo: join(dir, aside!) } },
    ])
  })
})
