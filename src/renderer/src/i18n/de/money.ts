import type en from '../en/money'

/** Deutsche Texte der Geldregeln: Vorgesetzten-PIN, ihre Abfrage, die Grenze und der Rest. */
const de: typeof en = {
  money: {
    prompt: {
      title: 'Freigabe durch Vorgesetzte',
      pin: 'Vorgesetzten-PIN',
      approve: 'Freigeben',
      cancel: 'Abbrechen',
      hint: 'Enter gibt frei, Escape bricht ab.',
    },
    pin: {
      title: 'Vorgesetzten-PIN',
      help: 'Erstattungen und Stornos über der Grenze eines Händlers brauchen diese PIN. Die Kasse bewahrt nur einen geschützten Fingerabdruck davon auf: niemand kann sie wieder auslesen, daher eine PIN wählen, die sich die Vorgesetzten merken.',
      notSet:
        'Es ist keine Vorgesetzten-PIN festgelegt: Erstattungen und Stornos über der Grenze eines Händlers werden abgelehnt.',
      isSet: 'Eine Vorgesetzten-PIN ist festgelegt.',
      locked: 'Nach drei falschen PINs gesperrt bis {time}.',
      current: 'Aktuelle PIN',
      new: 'Neue PIN (4 bis 8 Ziffern)',
      repeat: 'Neue PIN wiederholen',
      save: 'PIN speichern',
      remove: 'PIN entfernen',
      saved: 'Die Vorgesetzten-PIN ist gespeichert.',
      removed: 'Die Vorgesetzten-PIN ist entfernt.',
      mismatch: 'Die beiden neuen PINs stimmen nicht überein.',
      format: '4 bis 8 Ziffern verwenden.',
    },
    ceiling: {
      label: 'Höchste Erstattung oder Storno ohne Vorgesetzte, in {currency} (leer = keine Grenze)',
      invalid: 'Einen Betrag wie {example} eingeben oder für keine Grenze leer lassen.',
    },
    callback: {
      choose: 'Eine Adresse dieses Computers wählen',
      thisComputer: '{address} (nur dieser Computer)',
      network: '{address} ({name})',
      notHere: '{address} (keine Adresse dieses Computers)',
      unconfirmed:
        'Die Adresse {host} kam mit einer importierten Konfiguration. Die App lauscht dort erst, wenn sie hier bestätigt wird.',
      confirm: 'Auf {host} lauschen',
      nextStart: 'Wirkt beim nächsten Start der App.',
    },
  },
}

export default de
