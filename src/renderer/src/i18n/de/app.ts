import type en from '../en/app'

/** German texts of the app screens and parts: every key of the English module. */
const de: typeof en = {
  app: {
    loading: 'Wird gestartet…',
    loadFailed: 'Die App konnte nicht starten: {reason}',
    version: 'Version {version}',
    skip: 'Zum Hauptbereich springen',
    merchantsFailed: 'Die Händler konnten nicht geladen werden: {reason}',
  },
  nav: {
    label: 'Bildschirme',
    checkout: 'Kasse',
    history: 'Verlauf',
    settings: 'Einstellungen',
    day: 'Tag',
  },
  banner: {
    merchant: 'Händler',
    environment: 'Umgebung',
    demo: 'DEMO: es fließt kein echtes Geld',
    live: 'ECHTE Zahlungen',
    noMerchant: 'Noch kein Händler eingerichtet. Unter Einstellungen hinzufügen.',
    switchMerchant: 'Händler wechseln',
    env: {
      production: 'Produktion',
      development: 'Entwicklung',
      simulator: 'Simulator',
      custom: 'Eigener Server',
      unknown: 'Unbekannt',
    },
  },
  dates: {
    letters: { day: 'TT', month: 'MM', year: 'JJJJ' },
    hint: 'Datum im Format {pattern}',
  },
  settings: {
    title: 'Einstellungen',
    merchants: 'Händler und Schlüssel',
    checkout: 'Diese Kasse',
    tips: 'Trinkgeld in Prozent (z. B. 10, 15, 20)',
    tipsInvalid: 'Bis zu fünf ganze Zahlen zwischen 1 und 100.',
    operator: 'Name der Bedienung',
    printers: 'Drucker und Belege',
    language: 'Sprache',
    saved: 'Gespeichert',
  },
}

export default de
