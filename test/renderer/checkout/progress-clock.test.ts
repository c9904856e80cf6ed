import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import PaymentProgress from '@renderer/components/checkout/PaymentProgress.vue'
import { createAppI18n } from '../i18n'
import { installCheckoutApi, record } from './support'

afterEach(() => vi.useRealTimers())

describe('elapsed clock', () => {
  it('keeps ticking between engine events, from the elapsed time the engine reported', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
    installCheckoutApi()
    const wrapper = mount(PaymentProgress, {
      props: {
        payment: {
          record: record(),
          elapsedMs: 58_000,
          cancelAllowed: false,
          slow: false,
          receivedAt: 1_000_000,
        },
      },
      global: { plugins: [createPinia(), createAppI18n()] },
    })
    expect(wrapper.get('[data-testid=progress-elapsed]').text()).toBe('0:58')
    await vi.advanceTimersByTimeAsync(3_000)
    expect(wrapper.get('[data-testid=progress-elapsed]').text()).toBe('1:01')
    wrapper.unmount()
  })

  it('Escape cancels only while cancelling is allowed', async () => {
    installCheckoutApi()
    const payment = {
      record: record(),
      elapsedMs: 0,
      cancelAllowed: false,
      slow: false,
      receivedAt: 0,
    }
    const wrapper = mount(PaymentProgress, {
      props: { payment },
      global: { plugins: [createPinia(), createAppI18n()] },
    })
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    expect(wrapper.emitted('cancel')).toBeUndefined()
    await wrapper.setProps({ payment: { ...payment, cancelAllowed: true } })
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    expect(wrapper.emitted('cancel')).toHaveLength(1)
    wrapper.unmount()
  })
})
