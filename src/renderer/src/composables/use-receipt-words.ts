import { useI18n } from 'vue-i18n'
import type { ReceiptCopy, ReceiptCopyView } from '@shared/contract'
import type { ReceiptNotice } from '../stores/receipts'
import { useCodes } from './use-codes'
import { useFormat } from './use-format'

/** The receipts panel's and the printing settings' words, in the app's language. */
export function useReceiptWords() {
  const { t } = useI18n()
  const { word } = useCodes()
  const fmt = useFormat()

  const copyName = (copy: ReceiptCopy): string => t(`receipts.copyName.${copy}`)

  function notice(n: ReceiptNotice | null): string {
    if (!n) return ''
    if ('code' in n) return word(n)
    return t(`receipts.notice.${n.key}`, {
      copy: n.copy ? copyName(n.copy) : '',
      file: n.file ?? '',
    })
  }

  function status(v: ReceiptCopyView): string {
    switch (v.status) {
      case 'stored':
        return v.printedCount > 0
          ? t('receipts.status.storedPrinted', { count: v.printedCount })
          : t('receipts.status.stored')
      case 'pending':
        return t('receipts.status.pending')
      case 'none':
        return v.reason ? word(v.reason) : t('receipts.status.none')
      case 'failed':
        return v.nextAttemptAt
          ? t('receipts.status.failedRetry', {
              reason: word(v.reason),
              time: fmt.time(v.nextAttemptAt),
            })
          : t('receipts.status.failed', { reason: word(v.reason) })
    }
  }

  return { copyName, notice, status }
}
