import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ImportPreview } from '@shared/contract'
import ExportImportPanel from '@renderer/components/merchants/ExportImportPanel.vue'
import { createAppI18n } from '../i18n'
import { installFakeApi } from '../fake-api'
import { fail, ok, snapshot } from './fixtures'

function mountPanel() {
  return mount(ExportImportPanel, { global: { plugins: [createPinia(), createAppI18n()] } })
}

async function chooseFile(wrapper: ReturnType<typeof mountPanel>, text: string) {
  const input = wrapper.get('[data-testid=import-file]')
  const file = new File([text], 'config.json', { type: 'application/json' })
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

afterEach(() => vi.restoreAllMocks())

describe('ExportImportPanel', () => {
  it('exports through main and offers the content as a download', async () => {
    const exportConfiguration = vi.fn(() =>
      ok({ fileName: 'pos-companion-merchants-2026-11-24.json', content: '{"x":1}' }),
    )
    installFakeApi({ exportConfiguration })
    const created: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (created.push(b as Blob), 'blob:x'))
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    const clicked = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined)
    const wrapper = mountPanel()
    expect(wrapper.get('[data-testid=export]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid=transfer-pass]').setValue('a long passphrase')
    await wrapper.get('[data-testid=export]').trigger('click')
    await flushPromises()
    expect(exportConfiguration).toHaveBeenCalledWith({ passphrase: 'a long passphrase' })
    expect(await created[0]!.text()).toBe('{"x":1}')
    expect(clicked).toHaveBeenCalledOnce()
    expect(wrapper.get('[data-testid=transfer-done]').text()).toContain(
      'pos-companion-merchants-2026-11-24.json',
    )
  })

  it('previews what an import adds, replaces and removes, and imports only when asked', async () => {
    const planned: ImportPreview = {
      mode: 'replace',
      add: ['Anna'],
      replace: ['Berg'],
      remove: ['Local'],
    }
    const previewImport = vi.fn(() => ok(planned))
    const importConfiguration = vi.fn(() => ok(planned))
    installFakeApi({
      previewImport,
      importConfiguration,
      listMerchants: () => ok(snapshot()),
      onMerchantsChanged: () => () => undefined,
      listTerminals: () => ok({ merchantId: 'demo', terminals: [], offline: false }),
    })
    const wrapper = mountPanel()
    await wrapper.get('[data-testid=transfer-pass]').setValue('a long passphrase')
    await chooseFile(wrapper, '{"format":"x"}')
    await wrapper.get('[data-testid=mode-replace]').setValue(true)
    await wrapper.get('[data-testid=preview]').trigger('click')
    await flushPromises()
    expect(previewImport).toHaveBeenCalledWith({
      content: '{"format":"x"}',
      passphrase: 'a long passphrase',
      mode: 'replace',
    })
    const preview = wrapper.get('[data-testid=import-preview]').text()
    expect(preview).toContain('Will add: Anna')
    expect(preview).toContain('Will replace: Berg')
    expect(preview).toContain('Will remove: Local')
    expect(importConfiguration).not.toHaveBeenCalled()
    await wrapper.get('[data-testid=import]').trigger('click')
    await flushPromises()
    expect(importConfiguration).toHaveBeenCalledOnce()
    expect(wrapper.get('[data-testid=transfer-done]').text()).toBe(
      'Imported. Added 1, replaced 1, removed 1.',
    )
  })

  it('words main’s code for a wrong passphrase and offers no import', async () => {
    installFakeApi({ previewImport: () => fail('import_wrong_passphrase') })
    const wrapper = mountPanel()
    await wrapper.get('[data-testid=transfer-pass]').setValue('wrong passphrase')
    await chooseFile(wrapper, '{}')
    await wrapper.get('[data-testid=preview]').trigger('click')
    await flushPromises()
    const error = wrapper.get('[data-testid=transfer-error]').text()
    expect(error).toContain('The passphrase is wrong')
    expect(error).not.toContain('never shown')
    expect(wrapper.find('[data-testid=import]').exists()).toBe(false)
  })
})

describe('ExportImportPanel preview', () => {
  it('drops a preview when the passphrase changes, so Import never uses an unchecked one', async () => {
    installFakeApi({
      previewImport: () => ok({ mode: 'merge', add: ['Anna'], replace: [], remove: [] }),
    })
    const wrapper = mountPanel()
    await wrapper.get('[data-testid=transfer-pass]').setValue('a long passphrase')
    await chooseFile(wrapper, '{}')
    await wrapper.get('[data-testid=preview]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=import]').exists()).toBe(true)
    await wrapper.get('[data-testid=transfer-pass]').setValue('another passphrase')
    expect(wrapper.find('[data-testid=import]').exists()).toBe(false)
  })
})
