import type { TerminalDeviceInfo } from '@shared/contract'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** "Battery 78% · charging · on USB", from what the terminal reported; '' when it said nothing. */
export function batteryWords(
  device: TerminalDeviceInfo | undefined,
  t: Translate,
  /** Without the word "Battery" (where a label says it already). */
  bare = false,
): string {
  if (!device) return ''
  const parts: string[] = []
  if (device.batteryPercent !== undefined) {
    const key = bare ? 'terminals.percent' : 'terminals.battery'
    parts.push(t(key, { value: device.batteryPercent }))
  }
  if (device.batteryFull) parts.push(t('terminals.full'))
  else if (device.charging) parts.push(t('terminals.charging'))
  if (device.onExternalPower === true && device.externalPower) {
    parts.push(t('terminals.onPower', { source: device.externalPower }))
  } else if (device.onExternalPower === false) parts.push(t('terminals.onBattery'))
  return parts.join(' · ')
}
