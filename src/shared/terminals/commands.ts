/**
 * The device commands of Handpoint's REST API (2.20+), written once: their path names, what each
 * takes as people ask for it (the contract, the CLI, the window's form), what each sends as
 * Handpoint's body, and the ranges. The contract's and the Handpoint client's checks
 * (`command-schema.ts`), the mapping to the wire body and the window's form derive from this
 * table; only the simulator keeps its own checks, because it plays Handpoint's side. Zod-free, so
 * the renderer imports it as it is.
 *
 * `POST /devices/{type}/{serial}/{command}` takes the wire body. A 202 means "sent to the
 * terminal", never "applied": Handpoint gives no read-back.
 */

/** The locales the terminal's Payments app speaks, in the underscore form it takes. */
export const TERMINAL_LOCALES = [
  'en_CA',
  'en_UK',
  'en_US',
  'es_ES',
  'hr_HR',
  'is_IS',
  'fr_FR',
  'pt_PT',
  'it_IT',
  'no_NO',
  'de_DE',
  'sl_SL',
  'et_EE',
] as const
export type TerminalLocale = (typeof TERMINAL_LOCALES)[number]

/** One value a command takes: its kind, and its name in Handpoint's body. */
export type CommandParam =
  | { kind: 'switch'; wire: string }
  | { kind: 'locale'; wire: string }
  | { kind: 'whole'; wire: string; min: number; max: number }

export interface CommandSpec {
  /** The values, under the names people use; each says its name on the wire. */
  params: Readonly<Record<string, CommandParam>>
  /** Two `whole` values where the first must not be above the second. */
  ordered?: readonly [string, string]
  /** `force: true` interrupts a payment in progress: the request carries `confirmed: true`. */
  confirmable?: boolean
}

const level = <W extends string>(wire: W) => ({ kind: 'whole', wire, min: 0, max: 100 }) as const

/** Ranges are Handpoint's: brightness 0-100, the daily reboot hour 0-23. */
export const TERMINAL_COMMAND_SPECS = {
  'set-unattended-mode': { params: { on: { kind: 'switch', wire: 'status' } } },
  'set-locale': { params: { locale: { kind: 'locale', wire: 'locale' } } },
  'set-password-protected': { params: { on: { kind: 'switch', wire: 'status' } } },
  /** `force: true` reboots even in the middle of a payment. */
  reboot: { params: { force: { kind: 'switch', wire: 'force' } }, confirmable: true },
  'set-screen-brightness': {
    params: {
      minimum: level('minimumBrightnessLevel'),
      maximum: level('maximumBrightnessLevel'),
    },
    ordered: ['minimum', 'maximum'],
  },
  /** A daily reboot at a random minute of this hour; production devices only. */
  'set-reboot-time': { params: { hour: { kind: 'whole', wire: 'hour', min: 0, max: 23 } } },
} as const satisfies Record<string, CommandSpec>

type Specs = typeof TERMINAL_COMMAND_SPECS
export type TerminalCommandName = keyof Specs

/** The commands by their path name, in the order the window lists them. */
export const TERMINAL_COMMANDS = Object.keys(TERMINAL_COMMAND_SPECS) as TerminalCommandName[]

type Flat<T> = { [K in keyof T]: T[K] }
type ValueOf<P> = P extends { kind: 'switch' }
  ? boolean
  : P extends { kind: 'locale' }
    ? TerminalLocale
    : number
type WireName<P> = P extends { wire: infer W extends string } ? W : never
type Params<N extends TerminalCommandName> = Specs[N]['params']
type Confirmation<N extends TerminalCommandName> = Specs[N] extends { confirmable: true }
  ? { confirmed?: boolean }
  : unknown

/** A command as people ask for it. */
export type TerminalCommandRequest = {
  [N in TerminalCommandName]: Flat<
    { command: N } & { -readonly [K in keyof Params<N>]: ValueOf<Params<N>[K]> } & Confirmation<N>
  >
}[TerminalCommandName]

/** A command as Handpoint takes it: the path name and the body under Handpoint's names. */
export type TerminalWireCommand = {
  [N in TerminalCommandName]: Flat<
    { command: N } & {
      -readonly [K in keyof Params<N> as WireName<Params<N>[K]>]: ValueOf<Params<N>[K]>
    }
  >
}[TerminalCommandName]

/** The spec of a command, or undefined for a name that is none of them. */
export function commandSpec(name: unknown): CommandSpec | undefined {
  return typeof name === 'string' && Object.hasOwn(TERMINAL_COMMAND_SPECS, name)
    ? TERMINAL_COMMAND_SPECS[name as TerminalCommandName]
    : undefined
}

/** Handpoint's body for a request (the request is already checked). */
export function toWireCommand(request: TerminalCommandRequest): TerminalWireCommand {
  const values = request as unknown as Record<string, unknown>
  const wire: Record<string, unknown> = { command: request.command }
  for (const [name, param] of Object.entries(TERMINAL_COMMAND_SPECS[request.command].params)) {
    wire[param.wire] = values[name]
  }
  return wire as TerminalWireCommand
}

/**
 * Whether the values of a request are within Handpoint's ranges (whole numbers, the order of a
 * pair). The type already holds the rest; the contract's schema checks everything again in main.
 */
export function withinRanges(request: TerminalCommandRequest): boolean {
  const spec: CommandSpec = TERMINAL_COMMAND_SPECS[request.command]
  const values = request as unknown as Record<string, unknown>
  const inRange = Object.entries(spec.params).every(([name, param]) => {
    const value = values[name]
    return (
      param.kind !== 'whole' ||
      (typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= param.min &&
        value <= param.max)
    )
  })
  const [low, high] = spec.ordered ?? []
  return inRange && (!low || !high || Number(values[low]) <= Number(values[high]))
}
