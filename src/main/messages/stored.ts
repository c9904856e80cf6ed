import { z } from 'zod'
import { describe, isMessageCode, type Message, type MessageParams } from '@shared/messages'

/** Parameters of a stored message. */
export const storedParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))

/**
 * A message as this app wrote it in an earlier version or now. Older versions stored sentences,
 * or codes that have since been renamed: those become `legacy_note` carrying the sentence, so
 * old files still open and still say what they said.
 */
export function fromStored(code: string, params?: MessageParams, sentence?: string): Message {
  if (isMessageCode(code)) return params ? { code, params } : { code }
  return { code: 'legacy_note', params: { text: sentence ?? describe(code, params) } }
}

/** A stored message: `{ code, params? }`, an older `{ code, message }`, or a bare sentence. */
export const storedMessageSchema = z.union([
  z.string().transform((text): Message => ({ code: 'legacy_note', params: { text } })),
  z
    .object({
      code: z.string(),
      params: storedParamsSchema.optional(),
      message: z.string().optional(),
    })
    .transform(({ code, params, message }) => fromStored(code, params, message)),
])
