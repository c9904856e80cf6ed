import app from './en/app'
import checkout from './en/checkout'
import codes from './en/codes'
import day from './en/day'
import history from './en/history'
import merchants from './en/merchants'
import notices from './en/notices'
import receipts from './en/receipts'
import money from './en/money'
import terminals from './en/terminals'
import till from './en/till'

/**
 * English: the complete set. Each domain keeps its own module in ./en (and the same module in
 * ./de); a new screen adds its module and one line here. Every other locale is checked against
 * these keys by type.
 */
export default {
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
