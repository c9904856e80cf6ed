import { z } from 'zod'
import {
  TERMINAL_COMMAND_SPECS,
  TERMINAL_LOCALES,
  type CommandParam,
  type CommandSpec,
  type TerminalCommandRequest,
  type TerminalWireCommand,
} from './commands'

/**
 * The checks of a terminal command, built from the table in `commands.ts`: once under the names
 * people use (the contract, the CLI), once under Handpoint's (the client checks its body before
 * sending). Strict objects: an unknown field is refused. Kept apart from `commands.ts` because it
 * carries zod, which the renderer does not load.
 */

function valueSchema(param: CommandParam): z.ZodType {
  switch (param.kind) {
    case 'switch':
      return z.boolean('must be true or false')
    case 'locale':
      return z.enum(TERMINAL_LOCALES, `must be one of ${TERMINAL_LOCALES.join(', ')}`)
    case 'whole': {
      const range = `must be a whole number from ${param.min} to ${param.max}`
      return z
        .number(range)
        .int(range)
        .min(param.min, `must be at least ${param.min}`)
        .max(param.max, `must be at most ${param.max}`)
    }
  }
}

function optionSchema(name: string, spec: CommandSpec, naming: 'request' | 'wire'): z.ZodType {
  const fieldOf = (key: string) => (naming === 'wire' ? spec.params[key]!.wire : key)
  const shape: Record<string, z.ZodType> = { command: z.literal(name) }
  for (const [key, param] of Object.entries(spec.params)) shape[fieldOf(key)] = valueSchema(param)
  if (spec.confirmable && naming === 'request') shape.confirmed = z.boolean().optional()
  const object = z.strictObject(shape)
  if (!spec.ordered) return object
  const [low, high] = spec.ordered.map(fieldOf) as [string, string]
  return object.refine((values) => Number(values[low]) <= Number(values[high]), {
    message: `must not be above ${high}`,
    path: [low],
  })
}

function commandSchema(naming: 'request' | 'wire') {
  const options = Object.entries(TERMINAL_COMMAND_SPECS).map(([name, spec]) =>
    optionSchema(name, spec, naming),
  )
  // Built in a loop, so zod cannot see the literal of each option: the types below say them.
  return z.discriminatedUnion(
    'command',
    options as unknown as [z.ZodObject, ...z.ZodObject[]],
    'must be one of the Handpoint device commands',
  )
}

/** A command as people ask for it; ranges are Handpoint's, and a forced reboot may carry
 * `confirmed` (the service refuses it without). */
export const terminalCommandSchema = commandSchema('request') as unknown as z.ZodType<
  TerminalCommandRequest,
  TerminalCommandRequest
>

/** Handpoint's body for a command, checked before it is sent. */
export const terminalWireCommandSchema = commandSchema('wire') as unknown as z.ZodType<
  TerminalWireCommand,
  TerminalWireCommand
>
