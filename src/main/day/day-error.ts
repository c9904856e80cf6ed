import { AppError } from '@shared/contract/result'
import { describe, type MessageCode, type MessageParams } from '@shared/messages'

/** An error the day close tells people: a message code with its parameters (English in `message`). */
export function dayError(code: MessageCode, params: MessageParams = {}): AppError {
  return new AppError(code, describe(code, params), { params })
}
