import { inject, provide, ref, type InjectionKey, type Ref } from 'vue'
import type { Message } from '@shared/contract'
import { toMessage } from '../lib/errors'
import { needsManager, useManagerPromptStore } from '../stores/manager-prompt'

/** The changes made from one merchant card: one at a time, with their last problem shown once. */
export interface CardAction {
  busy: Ref<boolean>
  error: Ref<Message | null>
  saved: Ref<boolean>
  /**
   * Runs a change; one that lifts a ceiling (once a manager PIN is set) is refused by main with a
   * manager code, and then goes again with the PIN the manager types in the prompt.
   */
  run: (action: (managerPin?: string) => Promise<unknown>) => Promise<boolean>
}

const CARD_ACTION: InjectionKey<CardAction> = Symbol('merchant card action')

/** Made by the merchant card; its parts (terminals, preferences, key, removal) share it. */
export function provideCardAction(): CardAction {
  const prompt = useManagerPromptStore()
  const busy = ref(false)
  const error = ref<Message | null>(null)
  const saved = ref(false)

  async function run(action: (managerPin?: string) => Promise<unknown>): Promise<boolean> {
    busy.value = true
    error.value = null
    saved.value = false
    try {
      await action()
      return true
    } catch (err) {
      const problem = toMessage(err)
      if (needsManager(problem)) {
        prompt.ask(problem, async (pin) => {
          try {
            await action(pin)
            saved.value = true
            return null
          } catch (again) {
            return toMessage(again)
          }
        })
      } else error.value = problem
      return false
    } finally {
      busy.value = false
    }
  }

  const action: CardAction = { busy, error, saved, run }
  provide(CARD_ACTION, action)
  return action
}

/** The card's action, in one of its parts. */
export function useCardAction(): CardAction {
  const action = inject(CARD_ACTION)
  if (!action) throw new Error('useCardAction() is only for the parts of a merchant card.')
  return action
}
