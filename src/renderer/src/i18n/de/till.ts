import type en from '../en/till'

/** Einstellungen > Kassenanbindung, und die Markierung „von Kasse" an der Kasse (Deutsch). */
const de: typeof en = {
  till: {
    title: 'Kassenanbindung',
    intro:
      'Lässt die Kassensoftware des Geschäfts hier Kartenzahlungen starten, damit niemand einen Betrag zweimal eintippt. Kassen nutzen die Adresse unten mit einem Kassen-Token.',
    enabled: 'Kassen dürfen Zahlungen starten',
    port: 'Port',
    savePort: 'Diesen Port verwenden',
    portInvalid: 'Wählen Sie einen Port zwischen 1024 und 65535.',
    running: 'Läuft unter {url}',
    stopped: 'Ausgeschaltet: Kassen können keine Zahlungen starten.',
    lan: 'Auch Kassen von anderen Computern im Netzwerk annehmen (HTTPS)',
    lanHint:
      'Aus: Nur Programme auf diesem Computer erreichen die Kassenanbindung. Ein: Kassen im Netzwerk verbinden sich über HTTPS und prüfen diesen Fingerabdruck:',
    fingerprint: 'Fingerabdruck des Zertifikats (SHA-256)',
    tokens: 'Kassen-Tokens',
    tokensIntro:
      'Jede Kasse bekommt ein eigenes Token für einen Händler. Ein Token wird nur einmal angezeigt.',
    noTokens: 'Noch kein Kassen-Token.',
    name: 'Name der Kasse',
    namePlaceholder: 'z. B. Kasse vorne',
    merchant: 'Händler',
    create: 'Token erstellen',
    newToken:
      'Token für {name}: Kopieren Sie es jetzt in die Kasse. Es wird nicht noch einmal angezeigt.',
    copy: 'Kopieren',
    copied: 'Kopiert',
    done: 'Ich habe es kopiert',
    created: 'Erstellt {when}',
    lastUsed: 'Zuletzt benutzt {when}',
    neverUsed: 'Noch nicht benutzt',
    revoke: 'Widerrufen',
    revokeConfirm:
      'Token von {name} widerrufen? Die Kasse kann damit keine Zahlungen mehr starten.',
    keep: 'Behalten',
    unknownMerchant: 'Händler entfernt',
    fromTill: 'Von Kasse {name}',
  },
}

export default de
