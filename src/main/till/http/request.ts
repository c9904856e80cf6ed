import type { IncomingMessage } from 'node:http'
import type { z } from 'zod'
import { TillError, invalid, type FieldProblem } from '../errors'

export const MAX_BODY_BYTES = 64 * 1024

/** zod issues as the API's `details`: one `{ field, problem }` per issue. */
export function problemsOf(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)'
    let problem = issue.message
    if (issue.code === 'unrecognized_keys') {
      return { field: field, problem: `unknown field(s): ${issue.keys.join(', ')}` }
    }
    if (issue.code === 'invalid_value') problem = `must be one of the documented values`
    if (issue.code === 'invalid_type') problem = `expected ${issue.expected}`
    if (issue.code === 'too_small' && issue.origin === 'number')
      problem = `must be at least ${issue.minimum}`
    if (issue.code === 'too_big' && issue.origin === 'number')
      problem = `must be at most ${issue.maximum}`
    return { field, problem }
  })
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix = '',
): z.output<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw invalid(problemsOf(parsed.error, prefix))
  return parsed.data
}

/**
 * Reads a JSON body of at most MAX_BODY_BYTES. No body at all reads as undefined. A body that
 * is too large is refused as soon as it is known to be (from Content-Length, or while reading).
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > MAX_BODY_BYTES) throw new TillError('payload_too_large', { limit: MAX_BODY_BYTES })
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new TillError('payload_too_large', { limit: MAX_BODY_BYTES })
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  const type = String(req.headers['content-type'] ?? '')
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new TillError('unsupported_media_type')
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw invalid([{ field: '(body)', problem: `not valid JSON (${(err as Error).message})` }])
  }
}
