import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/main/logging/redact'

describe('redact (every log line we write)', () => {
  it('masks card numbers, plain or printed in groups, keeping the last four', () => {
    expect(redact('declined 4111111111111111 at T1')).toBe('declined ************1111 at T1')
    expect(redact('pan=5555-5555-5555-4444')).toBe('pan=****-****-****-4444')
  })

  it('keeps ids, timestamps and amounts that are not card numbers readable', () => {
    const line = 'payment 6f1c2b1e-5d0a-4c47-9a57-1b7a1d0b3c11 at 1776238711003 amount 123456789012'
    expect(redact(line)).toBe(line)
  })

  it('still removes API keys and tokens', () => {
    expect(redact('ApiKeyCloud: abc123secret')).toBe('ApiKeyCloud: [redacted]')
    expect(redact('{"authToken":"tok-1"}')).toBe('{"authToken":"[redacted]"}')
  })

  it('removes manager PINs, however the field is spelt', () => {
    expect(redact('{"managerPin":"482913","amountMinor":"900"}')).toBe(
      '{"managerPin":"[redacted]","amountMinor":"900"}',
    )
    expect(redact('current_pin=1234 new-pin: 5678')).toBe(
      'current_pin=[redacted] new-pin: [redacted]',
    )
  })
})
