/**
 * Masks card numbers (PANs) in free text: messages from Handpoint, error bodies, log lines and
 * evidence. A card number here is a run of 13 to 19 digits that passes the Luhn check, written
 * either without separators or in printed groups split by single spaces or dashes
 * (`4111 1111 1111 1111`, `3782-822463-10005`). All its digits but the last four become `*`;
 * separators, length and the text around it stay as they were.
 *
 * Shorter runs (amounts, 12-digit RRNs, dates, times) and runs that fail the Luhn check stay.
 * Inside a longer run of digit groups, every stretch of consecutive groups that could be a printed
 * card number is checked: a single group of 13-19 digits, or several groups of at most 6 digits
 * each (printers group card numbers in fours, or 4-6-5). UUIDs are left whole.
 */

const DIGIT_GROUPS = /\d+(?:[ -]\d+)*/g
const MIN_DIGITS = 13
const MAX_DIGITS = 19
/** Longest group inside a printed, multi-group card number. */
const MAX_PRINTED_GROUP = 6

/** UUIDs (our references, Handpoint ids) have dash-separated digit groups too, and no card. */
const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i

export function maskCardNumbers(text: string): string {
  // split() with a capturing pattern: even parts lie between UUIDs, odd parts are UUIDs.
  return text
    .split(UUID)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(DIGIT_GROUPS, maskInRun)))
    .join('')
}

function maskInRun(run: string): string {
  const groups = run.split(/[ -]/)
  const masked = new Set<number>() // positions among the run's digits
  let start = 0 // position of the first digit of group i
  for (let i = 0; i < groups.length; i++) {
    let digits = ''
    for (let j = i; j < groups.length; j++) {
      const group = groups[j]!
      // Several groups form a printed card number only when each is short.
      const short = group.length <= MAX_PRINTED_GROUP && groups[i]!.length <= MAX_PRINTED_GROUP
      if (j > i && !short) break
      digits += group
      if (digits.length > MAX_DIGITS) break
      if (digits.length >= MIN_DIGITS && luhnValid(digits)) {
        for (let d = start; d < start + digits.length - 4; d++) masked.add(d)
      }
    }
    start += groups[i]!.length
  }
  if (masked.size === 0) return run
  let out = ''
  let d = 0
  for (const char of run) {
    if (char === ' ' || char === '-') out += char
    else out += masked.has(d++) ? '*' : char
  }
  return out
}

/** The Luhn (mod 10) check every payment card number passes. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48
    if (double) {
      n *= 2
      if (n > 9) n -= 9
    }
    sum += n
    double = !double
  }
  return sum % 10 === 0
}
