import { defineStore } from 'pinia'
import { ref } from 'vue'

export const SCREENS = ['checkout', 'history', 'settings', 'day'] as const
export type Screen = (typeof SCREENS)[number]

/** Which main screen is open; Alt+1..4 switch (see App.vue). */
export const useNavigationStore = defineStore('navigation', () => {
  const screen = ref<Screen>('checkout')
  const go = (to: Screen): void => {
    screen.value = to
  }
  return { screen, go }
})
