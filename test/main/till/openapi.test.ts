import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { TILL_ERROR_CODES } from '../../../src/main/till/errors'
import { buildOpenApi } from '../../../src/main/till/http/openapi'
import { TILL_ROUTES } from '../../../src/main/till/http/routes'
import { startFakeLink, type ApiResponse, type FakeLink } from './support'

type Json = Record<string, unknown>
const doc = buildOpenApi('9.9.9') as Json & { paths: Record<string, Record<string, Json>> }

/** Checks answers against the document's own response schemas. */
function responseChecker() {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema(doc, 'openapi.json')
  const pointer = (parts: string[]): string =>
    parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')
  return async (path: string, method: string, res: ApiResponse): Promise<void> => {
    const op = doc.paths[path]![method]!
    const responses = op['responses'] as Record<string, Json>
    const status = String(res.status)
    expect(Object.keys(responses), `${method} ${path} answered ${status}`).toContain(status)
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!
    const content = responses[status]!['content'] as Record<string, Json> | undefined
    if (!content) return
    expect(Object.keys(content), `${method} ${path} ${status} content type`).toContain(type)
    if (type !== 'application/json') return
    const validate = ajv.compile({
      $ref: `openapi.json#/${pointer(['paths', path, method, 'responses', status, 'content', type, 'schema'])}`,
    })
    const body: unknown = await res.json()
    expect(validate(body), `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`).toBe(
      true,
    )
  }
}

async function approvedPayment(link: FakeLink, key: string, finish = true): Promise<string> {
  const res = await link.call('/payments', {
    method: 'POST',
    key,
    json: { operation: 'sale', amount: 5000, currency: 'EUR', terminal: '1547854757' },
  })
  const { id } = (await res.json()) as { id: string }
  if (finish) link.engine.finish(id, 'approved')
  link.receipts.stored.set(`${id}/customer`, { status: 'stored', html: '<div>Receipt</div>' })
  return id
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc['openapi']).toBe('3.1.0')
  })

  it('documents every route and every error code the API uses', () => {
    for (const route of TILL_ROUTES) {
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], route.path).toBeDefined()
    }
    const text = JSON.stringify(doc)
    for (const code of TILL_ERROR_CODES) expect(text, code).toContain(`\`${code}\``)
  })

  it('is what GET /v1/openapi.json serves', async () => {
    const link = await startFakeLink()
    expect(await (await link.call('/openapi.json', { token: null })).json()).toEqual(doc)
  })

  it('matches the server: every documented example is accepted and answered as documented', async () => {
    // Many requests in a row: the request budget is not what this test is about.
    const link = await startFakeLink({ requestsPerSecond: 10_000 })
    const check = responseChecker()
    let sent = 0
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const body = (op['requestBody'] as Json | undefined)?.['content'] as
          Record<string, Json> | undefined
        const examples = (body?.['application/json']?.['examples'] ?? {}) as Record<
          string,
          { value: unknown }
        >
        const runs = Object.keys(examples).length ? Object.values(examples) : [undefined]
        for (const example of runs) {
          const id = await approvedPayment(link, `setup-${sent}`, !path.endsWith('/cancel'))
          const url = path
            .replace('/v1', '')
            .replace('{id}', id)
            .replace('{copy}', 'customer')
            .replace('{date}', '2026-07-14')
            .replace('{serial}', '1547854757')
          const res = await link.call(url, {
            method: method.toUpperCase(),
            key: `example-${sent}`,
            ...(example ? { json: example.value } : {}),
          })
          expect(res.status, `${method} ${path} ${JSON.stringify(example)}`).toBeLessThan(300)
          await check(path, method, res)
          sent += 1
          // Each example gets a free terminal.
          for (const r of link.engine.records.values()) {
            if (!['approved', 'declined'].includes(r.state)) link.engine.finish(r.id, 'approved')
          }
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(TILL_ROUTES.length)
  })

  it('documents the errors the server answers with', async () => {
    const link = await startFakeLink()
    const check = responseChecker()
    await check('/v1/terminals', 'get', await link.call('/terminals', { token: null }))
    await check(
      '/v1/payments',
      'post',
      await link.call('/payments', { method: 'POST', key: 'e', json: { operation: 'sale' } }),
    )
    await check('/v1/payments/{id}', 'get', await link.call('/payments/none'))
  })
})
