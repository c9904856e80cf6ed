import type { moneyMessages } from '@shared/messages/money'

/**
 * German wording of the money rules' codes (spread into ./codes.ts). Amounts arrive written as
 * money with their currency (useCodes), so the wording leaves `{currency}` out beside them.
 */
const moneyCodes: Record<keyof typeof moneyMessages, string> = {
  amount_exceeds_remaining:
    'Von der ursprünglichen Zahlung sind nur noch {remaining} übrig. Höchstens diesen Betrag eingeben.',
  nothing_left:
    'Von der ursprünglichen Zahlung ist nichts mehr übrig: sie wurde bereits vollständig erstattet oder abgeschlossen.',
  original_not_found:
    'An dieser Kasse gibt es für diesen Händler keine genehmigte Zahlung mit dieser Transaktions-ID, daher ist nicht bekannt, was davon übrig ist. Die Zahlung im Verlauf auswählen.',
  original_wrong_kind:
    'Dieser Vorgang kann nicht auf diese Zahlung folgen. Die passende Zahlung im Verlauf auswählen.',
  original_other_currency:
    'Die ursprüngliche Zahlung war in {currency}; ein Folgevorgang muss in derselben Währung sein.',
  linked_operation_pending:
    'Ein anderer Vorgang zu dieser Zahlung läuft noch. Sein Ergebnis abwarten und dann erneut versuchen.',
  reversal_after_refund:
    'Diese Zahlung wurde bereits ganz oder teilweise erstattet und kann daher nicht storniert werden. Stattdessen den Rest erstatten.',
  reversal_after_batch_close:
    'Diese Zahlung liegt in einem bereits abgeschlossenen Batch und kann nicht mehr storniert werden. Stattdessen erstatten.',
  reversal_batch_close_unknown:
    'Ein Tagesabschluss nach dieser Zahlung hat kein bekanntes Ergebnis; sie ist vielleicht schon abgerechnet und kann nicht storniert werden. Stattdessen erstatten.',
  reversal_must_be_full:
    'Ein Storno gibt die ganze Zahlung zurück, {amount}. Um nur einen Teil zurückzugeben, diesen Teil erstatten.',
  already_reversed:
    'Diese Zahlung wurde bereits storniert. Es bleibt nichts zu erstatten oder zu stornieren.',
  already_captured:
    'Diese Vorautorisierung wurde bereits abgeschlossen. Sie kann nicht erneut abgeschlossen, geändert oder freigegeben werden.',
  already_released:
    'Diese Vorautorisierung wurde bereits freigegeben. Es ist nichts mehr reserviert.',
  manager_approval_required:
    'Erstattungen und Stornos über {ceiling} brauchen eine Vorgesetzte oder einen Vorgesetzten. Bitte die Vorgesetzten-PIN eingeben lassen.',
  manager_pin_not_set:
    'Erstattungen und Stornos über {ceiling} brauchen eine Vorgesetzten-PIN, und an dieser Kasse ist keine festgelegt. Eine Vorgesetzte oder ein Vorgesetzter legt sie in den Einstellungen fest.',
  ceiling_change_needs_manager:
    'Diese Änderung hebt die Grenze eines Händlers für Erstattungen und Stornos ohne Vorgesetzte an oder entfernt sie, daher braucht sie die Vorgesetzten-PIN.',
  manager_pin_wrong: 'Das ist nicht die Vorgesetzten-PIN. Noch {attemptsLeft} Versuche.',
  manager_pin_locked:
    'Die Vorgesetzten-PIN wurde dreimal falsch eingegeben. In {minutes} Minuten erneut versuchen.',
  manager_pin_file_damaged:
    'Die Datei der Vorgesetzten-PIN war nicht lesbar und wurde beiseitegelegt ({movedTo}). Es ist keine Vorgesetzten-PIN mehr festgelegt; Erstattungen über der Grenze werden abgelehnt, bis sie in den Einstellungen neu festgelegt wird.',
}

export default moneyCodes
