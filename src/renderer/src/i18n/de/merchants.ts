import type en from '../en/merchants'

/** German texts of the merchants settings: every key of the English module. */
const de: typeof en = {
  merchants: {
    title: 'Händler und API-Schlüssel',
    intro:
      'Jeder Händler hat einen eigenen Handpoint-API-Schlüssel und eigene Terminals. Schlüssel werden verschlüsselt auf diesem Computer gespeichert und nie wieder angezeigt.',
    demo: 'Demo',
    demoName: 'Demo-Laden (Simulator, kein echtes Geld)',
    active: 'An dieser Kasse in Gebrauch',
    useHere: 'An dieser Kasse verwenden',
    env: {
      production: 'Produktion (cloud.handpoint.com)',
      development: 'Entwicklung (cloud.handpoint.io)',
      simulator: 'Eingebauter Simulator',
      custom: 'Eigene Adresse',
    },
    keyState: {
      ok: 'API-Schlüssel gespeichert {hint}',
      missing:
        'Kein API-Schlüssel gespeichert. Fügen Sie unten einen hinzu, um Zahlungen anzunehmen.',
      'needs-reentry':
        'Der API-Schlüssel kann auf diesem Computer nicht mehr gelesen werden (neues Benutzerkonto oder Schlüsselbund geändert). Geben Sie ihn unten erneut ein.',
    },
    demoKey:
      'Verwendet den öffentlichen Demo-Schlüssel des Simulators. Es fließt kein echtes Geld.',
    terminals: 'Terminals',
    noTerminals: 'Noch keine Terminals aufgelistet.',
    fetchedAt: 'Von Handpoint aufgelistet am {time}',
    offline: 'Offline: Terminals mit Stand vom {time}.',
    offlineNever: 'Offline, und die Terminals dieses Händlers wurden noch nie aufgelistet.',
    refresh: 'Terminals aktualisieren',
    defaultTerminal: 'Standard-Terminal an dieser Kasse',
    noDefault: 'Kein Standard',
    preferences: 'Einstellungen',
    name: 'Name',
    currency: 'Standardwährung',
    flow: 'Wie Ergebnisse ankommen',
    flowPoll: 'Bei Handpoint nachfragen (Polling, funktioniert überall)',
    flowCallback: 'Terminal meldet sich bei dieser Kasse (Callback)',
    callbackHost: 'Adresse, unter der Terminals diese Kasse erreichen',
    callbackPort: 'Port',
    customerCopy: 'Kundenbeleg',
    merchantCopy: 'Händlerbeleg',
    copy: {
      always: 'Immer drucken',
      ask: 'Jedes Mal fragen',
      never: 'Nie drucken',
      'on-signature': 'Nur bei Unterschrift',
    },
    ownCopyRules: 'Eigene Belegregeln für diesen Händler',
    copyRulesHelp:
      'Ohne eigene Regeln gelten für den Händler die Belegdruck-Einstellungen dieser Kasse. Drucker, Papierbreite und Anzahl der Kopien werden immer dort für diese Kasse festgelegt.',
    save: 'Einstellungen speichern',
    saved: 'Gespeichert.',
    replaceKey: 'API-Schlüssel ersetzen',
    newKey: 'Neuer API-Schlüssel',
    checkAndSave: 'Schlüssel prüfen und speichern',
    remove: 'Händler entfernen',
    confirmRemove: '{name} und seinen API-Schlüssel von dieser Kasse entfernen?',
    confirm: 'Ja, entfernen',
    cancel: 'Abbrechen',
    add: {
      title: 'Händler hinzufügen',
      help: 'Kopieren Sie den API-Schlüssel aus dem Handpoint-Portal. Produktionsschlüssel funktionieren auf cloud.handpoint.com, Entwicklungsschlüssel auf cloud.handpoint.io; der Schlüssel wird vor dem Speichern bei Handpoint geprüft.',
      environment: 'Umgebung',
      apiBaseUrl: 'API-Adresse',
      statusBaseUrl: 'Status-Adresse',
      apiKey: 'API-Schlüssel',
      submit: 'Schlüssel prüfen und hinzufügen',
      checking: 'Schlüssel wird bei Handpoint geprüft…',
      added:
        '{name} wurde ohne Terminals hinzugefügt. | {name} wurde mit einem Terminal hinzugefügt. | {name} wurde mit {count} Terminals hinzugefügt.',
      switchTitle: 'Jetzt Zahlungen für {name} annehmen?',
      switchBody:
        'Diese Kasse nimmt Zahlungen für {current} an. Das bleibt so, bis Sie hier oder im Kopfbereich wechseln.',
      switchLive: '{name} nimmt echte Zahlungen an: es fließt echtes Geld.',
      switchYes: '{name} jetzt verwenden',
      switchNo: '{name} behalten',
    },
    storage: {
      unavailable:
        'Dieser Computer bietet gerade keinen sicheren Speicher für API-Schlüssel (Speicher: {backend}). Schlüssel können erst hinzugefügt werden, wenn der Schlüsselbund des Systems verfügbar ist.',
      weak: 'Dieser Computer kann API-Schlüssel nur verschleiern (Linux-Speicher basic_text): Wer Ihre Dateien lesen kann, kann sie wiederherstellen. Installieren und entsperren Sie GNOME Keyring oder KWallet, oder nehmen Sie das Risiko an.',
      accept: 'Verstanden; Schlüssel trotzdem mit basic_text speichern',
      accepted: 'Sie haben zugestimmt, Schlüssel im schwachen Speicher basic_text abzulegen.',
      revoke: 'Zustimmung zurücknehmen',
      backend: 'Schlüsselspeicher: {backend}',
    },
    transfer: {
      title: 'Konfiguration auf eine andere Kasse übertragen',
      help: 'Der Export schreibt alle Händler, Einstellungen und API-Schlüssel in eine Datei, verschlüsselt mit einer Passphrase Ihrer Wahl. Importieren Sie sie auf einer anderen Kasse mit derselben Passphrase.',
      passphrase: 'Passphrase (mindestens 8 Zeichen)',
      export: 'Konfiguration exportieren',
      exported: '{file} gespeichert. Bewahren Sie die Passphrase getrennt von der Datei auf.',
      file: 'Konfigurationsdatei',
      choose: 'Datei wählen…',
      noFile: 'Keine Datei gewählt',
      mode: 'Wenn ein Händler hier schon existiert',
      merge:
        'Zusammenführen: neue Händler hinzufügen, die aus der Datei ersetzen, die übrigen behalten',
      replace: 'Ersetzen: diese Kasse hat danach genau die Händler aus der Datei',
      preview: 'Datei prüfen',
      willAdd: 'Wird hinzugefügt: {names}',
      willReplace: 'Wird ersetzt: {names}',
      willRemove: 'Wird entfernt: {names}',
      nothing: 'nichts',
      import: 'Jetzt importieren',
      imported: 'Importiert. {add} hinzugefügt, {replace} ersetzt, {remove} entfernt.',
    },
  },
}

export default de
