import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CloseWarningView, DaySettingsView, DayView, Message } from '@shared/contract'
import { toMessage } from '../lib/errors'
import { dayClient, type ZLanguage } from '../api/day-client'
import { downloadPdf } from './receipts'

type Busy = 'load' | 'check' | 'close' | 'print' | 'file' | null

/** Saves text as a file the browser (or Electron) downloads. */
function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The Day tab: one business day of the active merchant (today unless a date is picked), its
 * check with Handpoint, batch closes and the Z report's outputs.
 */
export const useDayStore = defineStore('day', () => {
  const view = ref<DayView | null>(null)
  const merchantId = ref<string | null>(null)
  const busy = ref<Busy>(null)
  const error = ref<Message | null>(null)
  const notice = ref<Message | null>(null)
  /** Overdue batch closes of the active merchant, for the terminal board. */
  const warnings = ref<CloseWarningView[]>([])
  const settings = ref<DaySettingsView | null>(null)

  async function run(what: Busy, action: () => Promise<void>): Promise<void> {
    busy.value = what
    error.value = null
    try {
      await action()
    } catch (err) {
      error.value = toMessage(err)
    } finally {
      busy.value = null
    }
  }

  /** Opens a day (today by default) of a merchant; keeps the picked date across reloads. */
  function load(merchant: string, date?: string): Promise<void> {
    const keep = merchantId.value === merchant ? (date ?? view.value?.date) : date
    merchantId.value = merchant
    notice.value = null
    return run('load', async () => {
      view.value = await dayClient.get(merchant, keep)
    })
  }

  function check(): Promise<void> {
    const v = view.value
    if (!v) return Promise.resolve()
    return run('check', async () => {
      view.value = await dayClient.reconcile(v.merchantId, v.date)
    })
  }

  function closeBatch(terminal: string): Promise<void> {
    const v = view.value
    if (!v) return Promise.resolve()
    return run('close', async () => {
      view.value = await dayClient.closeBatch(v.merchantId, terminal)
      const close = view.value.terminals.find((t) => t.serial === terminal)?.lastClose
      if (close?.state === 'closed') {
        notice.value = {
          code: 'batch_closed',
          params: { terminal, batchNumber: close.answer?.batchNumber ?? '' },
        }
      } else if (close?.error) error.value = close.error as Message
    })
  }

  function checkClose(closeId: string): Promise<void> {
    const v = view.value
    if (!v) return Promise.resolve()
    return run('close', async () => {
      view.value = await dayClient.checkClose(v.merchantId, closeId)
    })
  }

  function print(language: ZLanguage, reprint = false): Promise<void> {
    const v = view.value
    if (!v) return Promise.resolve()
    return run('print', async () => {
      await dayClient.print(v.merchantId, v.date, language, reprint)
      notice.value = { code: 'z_report_printed', params: { date: v.date } }
    })
  }

  function savePdf(language: ZLanguage, layout: 'roll' | 'a4'): Promise<void> {
    const v = view.value
    if (!v) return Promise.resolve()
    return run('file', async () => {
      const file = await dayClient.savePdf(v.merchantId, v.date, language, layout)
      downloadPdf(file.fileName, file.base64)
      notice.value = { code: 'z_report_saved', params: { date: v.date, path: file.keptAt } }
    })
  }

  function exportCsv(): Promise<void> {
    const v = view.value
    if (!v) return Promise.resolve()
    return run('file', async () => {
      const file = await dayClient.exportCsv(v.merchantId, v.date)
      downloadText(file.fileName, file.text, 'text/csv;charset=utf-8')
      notice.value = { code: 'z_report_saved', params: { date: v.date, path: file.keptAt } }
    })
  }

  /** Calls `listener` when main says a day changed (a close, a check); returns the unsubscribe. */
  function onChanged(listener: () => void): () => void {
    try {
      return dayClient.onChanged(listener)
    } catch {
      // Without live updates the board still refreshes when it opens.
      return () => undefined
    }
  }

  /** The board's warnings; quietly empty when main cannot say (the Day tab shows errors). */
  async function loadWarnings(merchant: string): Promise<void> {
    try {
      warnings.value = await dayClient.warnings(merchant)
    } catch {
      warnings.value = []
    }
  }

  async function loadSettings(): Promise<void> {
    try {
      settings.value = await dayClient.settings()
    } catch (err) {
      error.value = toMessage(err)
    }
  }

  async function saveSettings(patch: {
    cutoffHour?: number
    closeDaily?: { merchantId: string; enabled: boolean }
  }): Promise<void> {
    try {
      settings.value = await dayClient.setSettings(patch)
    } catch (err) {
      error.value = toMessage(err)
    }
  }

  return {
    view,
    merchantId,
    busy,
    error,
    notice,
    warnings,
    settings,
    load,
    check,
    closeBatch,
    checkClose,
    print,
    savePdf,
    exportCsv,
    loadWarnings,
    onChanged,
    loadSettings,
    saveSettings,
  }
})
