import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { MerchantState, SimContext } from './context'
import { reboot } from './power'
import type { SimTerminal } from './terminal'
import {
  readBody,
  sendEmpty,
  sendError,
  sendTerminalError,
  sendValidationFailed,
  TERMINAL_MESSAGES,
} from './http-util'
import { toDetail } from './validation'

/**
 * Device control commands (§2.7, 2.20+): `POST /devices/{deviceType}/{serialNumber}/{command}`.
 * 202 with no body; 422 for a body of the wrong shape; 400 for out-of-range values; 400/1002 for
 * a terminal that is not listening (the 2.26 behaviour; also the virtual terminal, which has no
 * device); 400/1004 for someone else's terminal; 400/1001 for a polite reboot of a busy one.
 * What reached the terminal is recorded (tests assert on it) and, in Integrated Mode, applied.
 */
const level = z.int()
const COMMANDS: Record<string, z.ZodType> = {
  'set-unattended-mode': z.looseObject({ status: z.boolean() }),
  'set-locale': z.looseObject({ locale: z.string() }),
  'set-password-protected': z.looseObject({ status: z.boolean() }),
  reboot: z.looseObject({ force: z.boolean() }),
  'set-screen-brightness': z.looseObject({
    minimumBrightnessLevel: level,
    maximumBrightnessLevel: level,
  }),
  'set-reboot-time': z.looseObject({ hour: level }),
}

function rangeError(command: string, body: Record<string, unknown>): string | undefined {
  const outside = (value: unknown, min: number, max: number): boolean =>
    typeof value !== 'number' || value < min || value > max
  if (command === 'set-locale' && !/^[a-z]{2}_[A-Z]{2}$/.test(String(body.locale))) {
    return `Invalid locale [${String(body.locale)}], expected language_COUNTRY such as en_CA`
  }
  if (
    command === 'set-screen-brightness' &&
    (outside(body.minimumBrightnessLevel, 0, 100) || outside(body.maximumBrightnessLevel, 0, 100))
  ) {
    return 'Brightness levels must be between 0 and 100'
  }
  // Not documented; a terminal could not honour a minimum above its maximum.
  if (
    command === 'set-screen-brightness' &&
    Number(body.minimumBrightnessLevel) > Number(body.maximumBrightnessLevel)
  ) {
    return 'minimumBrightnessLevel must not be greater than maximumBrightnessLevel'
  }
  if (command === 'set-reboot-time' && outside(body.hour, 0, 23))
    return 'hour must be between 0 and 23'
  return undefined
}

export async function routeDeviceCommand(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  merchant: MerchantState,
  path: string,
): Promise<boolean> {
  const match = /^\/devices\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path)
  const command = match?.[3] ?? ''
  const schema = COMMANDS[command]
  if (req.method !== 'POST' || !match || !schema) return false
  let body: unknown
  try {
    body = JSON.parse((await readBody(req)) || '{}')
  } catch (error) {
    sendError(
      res,
      400,
      'BadRequestError',
      `Request body is not valid JSON: ${(error as Error).message}`,
    )
    return true
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    sendValidationFailed(
      res,
      parsed.error.issues.map((issue) => toDetail(body, issue)),
    )
    return true
  }
  const terminal = ctx.terminals.get(decodeURIComponent(match[2] ?? ''))
  const type = decodeURIComponent(match[1] ?? '').toUpperCase()
  if (
    !terminal ||
    terminal.merchantIdAlpha !== merchant.merchantIdAlpha ||
    terminal.terminalType.toUpperCase() !== type
  ) {
    sendTerminalError(res, 1004, TERMINAL_MESSAGES[1004])
    return true
  }
  if (!terminal.listening(ctx.now())) {
    sendTerminalError(res, 1002, TERMINAL_MESSAGES[1002])
    return true
  }
  const problem = rangeError(command, body as Record<string, unknown>)
  if (problem) {
    sendError(res, 400, 'BadRequestError', problem)
    return true
  }
  // A polite reboot waits for the running operation; force=true reboots even mid-transaction.
  const fields = body as Record<string, unknown>
  const busy = terminal.active !== undefined || terminal.busyElsewhere
  if (command === 'reboot' && busy && fields.force !== true) {
    sendTerminalError(res, 1001, TERMINAL_MESSAGES[1001])
    return true
  }
  const applied = terminal.integratedMode
  terminal.commands.push({ command, body: { ...fields }, at: ctx.now(), applied })
  sendEmpty(res, 202)
  if (applied) apply(ctx, terminal, command, fields)
  return true
}

/** What the command does on the terminal. There is no read-back on the wire. */
function apply(
  ctx: SimContext,
  terminal: SimTerminal,
  command: string,
  body: Record<string, unknown>,
): void {
  const settings = terminal.settings
  if (command === 'set-unattended-mode') settings.unattendedMode = body.status === true
  if (command === 'set-password-protected') settings.passwordProtected = body.status === true
  if (command === 'set-locale') settings.locale = String(body.locale)
  if (command === 'set-reboot-time') settings.rebootHour = Number(body.hour)
  if (command === 'set-screen-brightness') {
    settings.minimumBrightnessLevel = Number(body.minimumBrightnessLevel)
    settings.maximumBrightnessLevel = Number(body.maximumBrightnessLevel)
  }
  if (command === 'reboot') reboot(ctx, terminal)
}
