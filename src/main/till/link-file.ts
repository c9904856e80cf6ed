import { join } from 'node:path'
import { z } from 'zod'
import type { Notices } from '../notices/notices'
import { JsonDocument } from '../storage/json-document'

/** The till link's settings and tokens: `<dataDir>/till-link.json`, owner-only. */
export const DEFAULT_TILL_PORT = 7480

const tokenRow = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(64),
  merchantId: z.string().min(1),
  /** SHA-256 (hex) of the token: the token itself is shown once and never stored. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.number(),
  lastUsedAt: z.number().optional(),
})
export type TokenRow = z.infer<typeof tokenRow>

export const linkFileSchema = z.object({
  version: z.literal(1),
  enabled: z.boolean(),
  port: z.int().min(1).max(65_535),
  /** Listen on the LAN too (HTTPS only). */
  lan: z.boolean(),
  tokens: z.array(tokenRow),
})
export type LinkFile = z.infer<typeof linkFileSchema>

export function linkDocument(dataDir: string, notices: Notices): JsonDocument<LinkFile> {
  return new JsonDocument({
    path: join(dataDir, 'till-link.json'),
    schema: linkFileSchema,
    defaults: () => ({
      version: 1,
      enabled: false,
      port: DEFAULT_TILL_PORT,
      lan: false,
      tokens: [],
    }),
    onDamage: ({ movedTo }) => notices.notify('till_link_file_damaged', { movedTo }),
  })
}
