import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ManagerPinStatus, PaymentSettlement } from '@shared/contract'
import { moneyClient } from '../api/money-client'

/**
 * Main's money rules as the screen mirrors them: what is left of each payment and which
 * follow-ups main would accept (History offers only those), and whether this checkout has a
 * manager PIN. Main enforces the rules; nothing here decides.
 */
export const useMoneyStore = defineStore('money', () => {
  const pin = ref<ManagerPinStatus | null>(null)
  const settlements = ref<Record<string, PaymentSettlement>>({})

  async function loadPin(): Promise<ManagerPinStatus> {
    pin.value = await moneyClient.pinStatus()
    return pin.value
  }

  async function setPin(newPin: string, currentPin?: string): Promise<void> {
    pin.value = await moneyClient.setPin(newPin, currentPin)
  }

  async function removePin(currentPin: string): Promise<void> {
    pin.value = await moneyClient.removePin(currentPin)
  }

  /** Asks main what is left of these payments (at most 200 at a time) and keeps the answers. */
  async function loadSettlements(ids: readonly string[]): Promise<void> {
    const next = { ...settlements.value }
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200)
      if (chunk.length === 0) continue
      for (const answer of await moneyClient.settlements(chunk)) next[answer.paymentId] = answer
    }
    settlements.value = next
  }

  return { pin, settlements, loadPin, setPin, removePin, loadSettlements }
})
