import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PaymentRecord } from '@shared/contract'
import type { CopyRules } from '../../../src/main/receipts/policy'
import { makeService, record } from './helpers'

/**
 * Printer, paper and copies are the checkout's; which copies print is the payment's merchant's
 * rule, with the checkout's rule for merchants that have none.
 */
const rules = new Map<string, CopyRules>()
let ctx: Awaited<ReturnType<typeof makeService>>

beforeEach(async () => {
  rules.clear()
  ctx = await makeService({ merchantPolicy: (id) => rules.get(id) })
  await ctx.service.setSettings({
    customerCopy: 'never',
    merchantCopy: 'never',
    paperWidthMm: 58,
    copies: 2,
  })
})
afterEach(() => ctx.cleanup())

const sale = (id: string, merchantId: string, finStatus = 'AUTHORISED'): PaymentRecord => ({
  ...record(id, {
    finStatus,
    customerReceipt: '<p>** CUSTOMER COPY **</p>',
    merchantReceipt: '<p>** MERCHANT COPY **</p>',
  }),
  merchantId,
})

describe("copy rules: the merchant's own, else the checkout's", () => {
  it("prints what the merchant's own rules say, on the checkout's printer settings", async () => {
    rules.set('m-cafe', { customerCopy: 'always', merchantCopy: 'always' })
    await ctx.service.collect(sale('p1', 'm-cafe'))
    expect(ctx.printer.printed.map((p) => p.html.includes('MERCHANT COPY'))).toEqual([true, false])
    for (const job of ctx.printer.printed) {
      expect(job.options).toEqual({ paperWidthMm: 58, copies: 2, silent: true })
    }
  })

  it("follows the checkout's rules for a merchant without its own (or an unknown one)", async () => {
    rules.set('m-cafe', { customerCopy: 'always', merchantCopy: 'always' })
    await ctx.service.collect(sale('p2', 'm-salon'))
    expect(ctx.printer.printed).toHaveLength(0)
    expect((await ctx.service.getReceipts('p2')).askCustomerCopy).toBe(false)

    await ctx.service.setSettings({ customerCopy: 'ask' })
    await ctx.service.collect(sale('p3', 'm-salon'))
    expect((await ctx.service.getReceipts('p3')).askCustomerCopy).toBe(true)
  })

  it("a merchant's rules can print less than the checkout's default", async () => {
    await ctx.service.setSettings({ customerCopy: 'always', merchantCopy: 'always' })
    rules.set('m-kiosk', { customerCopy: 'ask', merchantCopy: 'never' })
    await ctx.service.collect(sale('p4', 'm-kiosk'))
    expect(ctx.printer.printed).toHaveLength(0)
    expect((await ctx.service.getReceipts('p4')).askCustomerCopy).toBe(true)
  })

  it('leaves declined receipts to the checkout even when the merchant says always', async () => {
    rules.set('m-cafe', { customerCopy: 'always', merchantCopy: 'always' })
    await ctx.service.collect(sale('d1', 'm-cafe', 'DECLINED'))
    expect(ctx.printer.printed).toHaveLength(0)
    await ctx.service.setSettings({ printDeclined: true })
    await ctx.service.collect(sale('d2', 'm-cafe', 'DECLINED'))
    expect(ctx.printer.printed).toHaveLength(2)
  })
})
