import type { IncomingMessage, ServerResponse } from 'node:http'

/** LoopBack-style error wrapper shared by every error answer (§3). */
export interface ErrorBody {
  error: { statusCode: number; name: string; message: unknown; code?: string; details?: unknown }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status)
  res.end()
}

export function sendError(
  res: ServerResponse,
  status: number,
  name: string,
  message: unknown,
  extra: Partial<ErrorBody['error']> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { statusCode: status, name, message, ...extra } }, headers)
}

/** 400 with the terminal-level nested-object body (tier A shape, §3). */
export function sendTerminalError(
  res: ServerResponse,
  code: 1001 | 1002 | 1003 | 1004,
  message: string,
): void {
  sendError(res, 400, 'BadRequestError', { error: code, message })
}

export const TERMINAL_MESSAGES = {
  1001: 'The device is busy',
  1002: 'No device listening at the other end of the secure channel',
  1003: 'Cancel operation not allowed',
  // Verbatim from the (B) docs, including the unhelpful "[object Object]".
  1004: 'Auth not available: [object Object]',
} as const

/** The `ApiKeyCloud` header: Node lower-cases names, so `ApiKeyCLoud` matches as well (§1). */
export function apiKeyOf(req: IncomingMessage): string | undefined {
  const value = req.headers['apikeycloud']
  return Array.isArray(value) ? value[0] : value
}

const MAX_BODY_BYTES = 1024 * 1024

/** Reads the body as text; refuses bodies above 1 MiB (a simulator still should not be DoS-able). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body is larger than 1 MiB.'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** 422 VALIDATION_FAILED with AJV-style details (§3). */
export function sendValidationFailed(res: ServerResponse, details: unknown[]): void {
  sendError(
    res,
    422,
    'UnprocessableEntityError',
    'The request body is invalid. See error object `details` property for more info.',
    { code: 'VALIDATION_FAILED', details },
  )
}

/** The body as JSON, or a 400 already sent (`ok: false`). */
export async function readJson(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ ok: true; body: unknown } | { ok: false }> {
  try {
    const text = await readBody(req)
    return { ok: true, body: JSON.parse(text) }
  } catch (error) {
    sendError(
      res,
      400,
      'BadRequestError',
      `Request body is not valid JSON: ${(error as Error).message}`,
    )
    return { ok: false }
  }
}
