import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import './styles/base.css'
import './styles/controls.css'
import './styles/checkout.css'
import './styles/outcome.css'
import './styles/terminals.css'
import './styles/history.css'
import './styles/money.css'
import './styles/day.css'

createApp(App).use(createPinia()).use(createAppI18n()).mount('#app')
