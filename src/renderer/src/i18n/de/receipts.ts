import type en from '../en/receipts'

/** German texts of the receipts panel, its preview and the receipt printing settings. */
const de: typeof en = {
  receipts: {
    panel: 'Belege',
    ask: {
      label: 'Kundenbeleg',
      question: 'Kundenbeleg drucken?',
      print: 'Drucken',
      no: 'Kein Beleg',
    },
    copyName: { customer: 'Kundenbeleg', merchant: 'Händlerbeleg' },
    status: {
      stored: 'Gespeichert',
      storedPrinted: 'Gespeichert · {count}× gedruckt',
      pending: 'Wird abgerufen…',
      none: 'Für diese Zahlung keiner',
      failed: 'Nicht abgerufen: {reason}',
      failedRetry: 'Nicht abgerufen: {reason} Neuer Versuch um {time}.',
    },
    retry: 'Erneut abrufen',
    print: 'Drucken',
    reprint: 'Nachdrucken (als KOPIE markiert)',
    pdf: 'Als PDF speichern',
    onTerminal: 'Auf dem Terminal drucken',
    empty: 'Kein Beleg zum Anzeigen.',
    caption: '{label} · {width} mm',
    notice: {
      printed: '{copy} an den Drucker gesendet.',
      printedCopy: '{copy} an den Drucker gesendet (als KOPIE markiert).',
      saved: '{file} gespeichert.',
      settingsSaved: 'Druckeinstellungen gespeichert.',
    },
    settings: {
      title: 'Belegdruck',
      printer: 'Drucker',
      systemDefault: 'Standarddrucker des Systems',
      isDefault: '{name} (Standard)',
      paper: 'Papierbreite',
      width: '{width} mm',
      copies: 'Exemplare je Beleg',
      rules: 'Standardregeln für Belege',
      rulesHelp:
        'Für Händler ohne eigene Belegregeln. Eigene Regeln eines Händlers (Händler, Einstellungen) ersetzen diese für seine Zahlungen; Drucker, Papier und Exemplare oben gelten immer.',
      customerCopy: 'Kundenbeleg',
      merchantCopy: 'Händlerbeleg',
      always: 'Immer drucken',
      ask: 'Jedes Mal fragen',
      never: 'Nie drucken',
      onSignature: 'Nur wenn der Karteninhaber unterschrieben hat',
      printDeclined:
        'Auch Belege abgelehnter, fehlgeschlagener oder abgebrochener Zahlungen drucken',
    },
  },
}

export default de
