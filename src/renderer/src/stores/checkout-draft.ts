import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { OperationKind } from '@shared/contract'

/** What the cashier is typing on the checkout form; kept so "Try again" does not lose it. */
export const useCheckoutDraftStore = defineStore('checkout-draft', () => {
  const operation = ref<OperationKind>('sale')
  const amount = ref('')
  const originalId = ref('')
  const receipt = ref('')
  const reference = ref('')
  const useTips = ref(true)

  function reset(): void {
    operation.value = 'sale'
    amount.value = ''
    originalId.value = ''
    receipt.value = ''
    reference.value = ''
    useTips.value = true
  }

  return { operation, amount, originalId, receipt, reference, useTips, reset }
})
