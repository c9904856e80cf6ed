import type en from './en'
import app from './de/app'
import checkout from './de/checkout'
import codes from './de/codes'
import day from './de/day'
import history from './de/history'
import merchants from './de/merchants'
import notices from './de/notices'
import receipts from './de/receipts'
import money from './de/money'
import terminals from './de/terminals'
import till from './de/till'

/** German: every key of en.ts, one module per domain (the type makes a missing key an error). */
const de: typeof en = {
  ...app,
  ...terminals,
  ...checkout,
  ...history,
  ...merchants,
  ...notices,
  ...receipts,
  ...money,
  ...day,
  ...codes,
  ...till,
}

export default de
