import type en from '../en/terminals'

/** German texts of the terminals screens and parts: every key of the English module. */
const de: typeof en = {
  terminals: {
    title: 'Terminals',
    refresh: 'Aktualisieren',
    refreshing: 'Wird aktualisiert…',
    refreshFailed: 'Die Terminalliste konnte nicht aktualisiert werden: {reason}',
    default: 'Standard',
    selected: 'Nimmt die nächste Zahlung',
    use: 'Dieses verwenden',
    lastSeen: 'Zuletzt gesehen {when}',
    neverSeen: 'Noch nicht gesehen',
    battery: 'Akku {value} %',
    app: 'App {value}',
    offlineList: 'Handpoint war nicht erreichbar; dies sind die zuletzt gelisteten Terminals.',
    none: 'Dieser Händler hat noch keine Terminals. Aktualisieren oder den Schlüssel unter Einstellungen prüfen.',
    state: { online: 'Online', busy: 'Belegt', offline: 'Offline', unknown: 'Unbekannt' },
  },
}

export default de
