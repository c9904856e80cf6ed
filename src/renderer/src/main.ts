import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { asAppLocale, createAppI18n, loadMessages } from './i18n'
import { useSettingsStore } from './stores/settings'
import './styles/base.css'
import './styles/controls.css'
import './styles/checkout.css'
import './styles/outcome.css'
import './styles/terminals.css'
import './styles/money.css'
import './styles/day.css'

// Marks for the start's breakdown (bench/b5-ui.ts): the entry runs, messages are in, mounted.
performance.mark('pos:main')
const pinia = createPinia()
const app = createApp(App).use(pinia)
// The language the checkout was left in (saved on this machine) is the one it starts in.
const locale = asAppLocale(useSettingsStore(pinia).locale)
void loadMessages(locale).then((messages) => {
  performance.mark('pos:messages')
  app.use(createAppI18n(locale, { [locale]: messages })).mount('#app')
  performance.mark('pos:mounted')
})
