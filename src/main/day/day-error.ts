import { AppError } from '@shared/contract/result'
import type { MessageCode, MessageParams } from '@shared/messages'

/** An error the day close tells people: a message code with its parameters. */
export function dayError(code: MessageCode, params?: MessageParams): AppError {
  return new AppError(params ? { code, params } : { code })
}
