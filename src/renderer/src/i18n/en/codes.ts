import {
  CAUSE_WORDS,
  ENGLISH_MESSAGES,
  type FailureCause,
  type MessageCode,
} from '@shared/messages'
import moneyWording from './money-codes'

/** How the renderer words what main tells people: one text per code, per language. */
export interface CodeMessages {
  codes: Record<MessageCode, string> & {
    /** The `cause` parameter, worded: `codes.cause.<cause>`. */
    cause: Record<FailureCause, string>
    /** Copies of a receipt, worded for the `copy` parameter. */
    copy: { customer: string; merchant: string }
    /** A code this version does not know (sent by a newer main). */
    unknown: string
  }
}

/** English: the shared catalogue's own templates, so the CLI, the till link and the app agree. */
const en: CodeMessages = {
  codes: {
    ...ENGLISH_MESSAGES,
    ...moneyWording,
    cause: { ...CAUSE_WORDS },
    copy: { customer: 'customer', merchant: 'merchant' },
    unknown: 'Something happened that this version cannot put into words ({code}).',
  },
}

export default en
