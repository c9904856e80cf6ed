import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  JsonDocument,
  quarantineStamp,
  type DocumentDamage,
  type DocumentVersions,
} from '../../../src/main/storage/json-document'
import { modeOf, removeTempDirs, tempDir } from './support'

const NOW = Date.UTC(2026, 10, 30, 10, 15, 0, 0)
const STAMP = '2026-11-30T10-15-00-000Z'

const schema = z.object({
  schemaVersion: z.literal(3),
  name: z.string().min(1),
  copies: z.number().int().min(1).catch(1),
})
type Doc = z.infer<typeof schema>

/** v1 `{ version: 1, title }` -> v2 `{ schemaVersion: 2, name }` -> v3 adds `copies`. */
const versions: DocumentVersions = {
  current: 3,
  of: (raw) => {
    const r = raw as Record<string, unknown>
    return typeof r['schemaVersion'] === 'number'
      ? r['schemaVersion']
      : r['version'] === 1
        ? 1
        : undefined
  },
  steps: {
    1: (raw) => ({ schemaVersion: 2, name: z.object({ title: z.string() }).parse(raw).title }),
    2: (raw, { now }) => ({
      ...z.object({ name: z.string() }).parse(raw),
      schemaVersion: 3,
      copies: now > 0 ? 2 : 1,
    }),
  },
}

async function documentIn(options: { versioned?: boolean } = {}) {
  const dir = await tempDir()
  const damages: DocumentDamage[] = []
  const document = new JsonDocument<Doc>({
    path: join(dir, 'doc.json'),
    schema,
    defaults: () => ({ schemaVersion: 3, name: 'default', copies: 1 }),
    ...(options.versioned === false ? {} : { versions }),
    onDamage: (d) => damages.push(d),
    now: () => NOW,
  })
  return { dir, document, damages, path: join(dir, 'doc.json') }
}

afterEach(removeTempDirs)

describe('JsonDocument', () => {
  it('reads the defaults when there is no file, and writes nothing', async () => {
    const { dir, document } = await documentIn()
    expect(await document.read()).toEqual({
      value: { schemaVersion: 3, name: 'default', copies: 1 },
      fresh: true,
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('writes owner-only and reads back what it wrote, sync or not', async () => {
    const { document, path } = await documentIn()
    await document.write({ schemaVersion: 3, name: 'till 1', copies: 2 })
    expect(await modeOf(path)).toBe(0o600)
    expect(document.readSync()).toEqual({
      value: { schemaVersion: 3, name: 'till 1', copies: 2 },
      fresh: false,
    })
    document.writeSync({ schemaVersion: 3, name: 'till 2', copies: 1 })
    expect((await document.read()).value.name).toBe('till 2')
  })

  it('refuses to write what its schema refuses, and the file stays as it was', async () => {
    const { document, path } = await documentIn()
    await document.write({ schemaVersion: 3, name: 'kept', copies: 1 })
    await expect(document.write({ schemaVersion: 3, name: '', copies: 1 })).rejects.toThrow()
    expect(() => document.writeSync({ schemaVersion: 3, name: '', copies: 1 })).toThrow()
    expect(JSON.parse(await readFile(path, 'utf8')).name).toBe('kept')
  })

  it('repairs a single bad value through the schema without moving the file aside', async () => {
    const { document, path, damages } = await documentIn()
    await writeFile(path, '{"schemaVersion":3,"name":"shop","copies":-4}')
    expect((await document.read()).value).toEqual({ schemaVersion: 3, name: 'shop', copies: 1 })
    expect(damages).toEqual([])
  })

  it.each([
    ['not JSON', '{"schemaVersion":3,"na', 'unreadable'],
    ['empty (a power cut before the first write reached the disk)', '', 'unreadable'],
    ['the wrong shape', '{"schemaVersion":3,"name":""}', 'invalid'],
    ['no version', '{"name":"x"}', 'invalid'],
    ['an old version that does not fit its own schema', '{"version":1}', 'invalid'],
  ])(
    'moves a file that is %s aside as .corrupt-<time>, tells once, starts from defaults',
    async (_what, text, reason) => {
      const { dir, document, damages, path } = await documentIn()
      await writeFile(path, text)
      const loaded = await document.read()
      const movedTo = join(dir, `doc.json.corrupt-${STAMP}`)
      expect(loaded).toMatchObject({
        value: { name: 'default' },
        fresh: false,
        damage: { movedTo, reason },
      })
      expect(damages).toEqual([expect.objectContaining({ path, movedTo, reason })])
      expect(await readFile(movedTo, 'utf8')).toBe(text)
      expect(await readdir(dir)).toEqual([`doc.json.corrupt-${STAMP}`])
    },
  )

  it('moves a file of a newer version aside as .newer-<time>', async () => {
    const { dir, document, damages, path } = await documentIn()
    await writeFile(path, '{"schemaVersion":4,"name":"from the future"}')
    expect((await document.read()).damage?.reason).toBe('newer')
    expect(await readdir(dir)).toEqual([`doc.json.newer-${STAMP}`])
    expect(damages).toHaveLength(1)
  })

  it('never overwrites an earlier copy moved aside in the same millisecond', async () => {
    const { dir, document, path } = await documentIn()
    await writeFile(path, 'first')
    await document.read()
    await writeFile(path, 'second')
    document.readSync()
    expect((await readdir(dir)).sort()).toEqual([
      `doc.json.corrupt-${STAMP}`,
      `doc.json.corrupt-${STAMP}-2`,
    ])
    expect(await readFile(join(dir, `doc.json.corrupt-${STAMP}-2`), 'utf8')).toBe('second')
  })

  it('tells once when two readers find the same damaged file', async () => {
    const { document, damages, path } = await documentIn()
    await writeFile(path, '{')
    await Promise.all([document.read(), document.read(), document.read()])
    expect(damages).toHaveLength(1)
  })

  it('runs the numbered migrations in order, writes the upgrade back and keeps the original', async () => {
    const { dir, document, path } = await documentIn()
    const original = '{"version":1,"title":"corner shop"}'
    await writeFile(path, original)
    const loaded = await document.read()
    expect(loaded).toEqual({
      value: { schemaVersion: 3, name: 'corner shop', copies: 2 },
      fresh: false,
      migratedFrom: 1,
    })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(loaded.value)
    expect(await readFile(join(dir, 'doc.json.v1.bak'), 'utf8')).toBe(original)
    expect(await modeOf(join(dir, 'doc.json.v1.bak'))).toBe(0o600)
    // Read again: current, nothing more to do.
    expect((await document.read()).migratedFrom).toBeUndefined()
  })

  it('migrates in the sync form too', async () => {
    const { document, path } = await documentIn()
    await writeFile(path, '{"schemaVersion":2,"name":"kiosk"}')
    expect(document.readSync()).toMatchObject({
      value: { name: 'kiosk', copies: 2 },
      migratedFrom: 2,
    })
  })

  it('treats a version with no step to the next as damage', async () => {
    const { document, path } = await documentIn()
    await writeFile(path, '{"schemaVersion":0,"name":"x"}')
    expect((await document.read()).damage).toMatchObject({
      reason: 'invalid',
      detail: 'no upgrade from 0',
    })
  })

  it('an unversioned document needs no version field', async () => {
    const { document, path } = await documentIn({ versioned: false })
    await writeFile(path, '{"schemaVersion":3,"name":"plain","copies":1}')
    expect((await document.read()).value.name).toBe('plain')
  })
})

describe('quarantineStamp', () => {
  it('is sortable and valid in a file name on every OS', () => {
    expect(quarantineStamp(NOW)).toBe(STAMP)
    expect(quarantineStamp(NOW)).not.toMatch(/[:<>"/\\|?*]/)
  })
})
