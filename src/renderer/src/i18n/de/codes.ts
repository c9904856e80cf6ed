import type { CodeMessages } from '../en/codes'
import moneyCodes from './money-codes'

/** German wording of every code main sends (the coverage test keeps it complete). */
const de: CodeMessages = {
  codes: {
    invalid_request: 'Die Anfrage war ungültig, daher wurde nichts ausgeführt.',
    internal:
      'In der App ist etwas schiefgegangen. Durch diese Anfrage wurde nichts abgebucht; bitte erneut versuchen.',
    forbidden: 'Dieses Fenster darf die App nicht verwenden.',
    app_settings_file_damaged:
      'Die Datei mit den Kasseneinstellungen war beschädigt, daher wurde sie nach {movedTo} verschoben, und es gelten die Standardeinstellungen. Bitte im Menü „Checkout“ neu einstellen.',
    print_settings_file_damaged:
      'Die Datei mit den Druckeinstellungen war beschädigt, daher wurde sie nach {movedTo} verschoben, und es gelten die Standard-Druckeinstellungen. Bitte unter Einstellungen › Belegdruck prüfen.',
    receipt_record_damaged:
      'Die gespeicherten Belege der Zahlung {paymentId} konnten nicht gelesen werden, daher wurde ihr Datensatz nach {movedTo} verschoben. Die Belege werden beim nächsten Öffnen der Zahlung erneut abgerufen.',

    phase_saving: 'Zahlung wird vor dem Senden gespeichert',
    phase_sending: 'Wird an das Terminal gesendet',
    phase_waiting_for_card: 'Warten auf die Karte',
    phase_terminal_working: 'Das Terminal arbeitet daran',
    phase_outcome_unknown: 'Ergebnis noch unbekannt: wird bei Handpoint geprüft',
    phase_asking_handpoint: 'Handpoint wird gefragt, was passiert ist',

    terminal_not_found:
      'Terminal {serial} ist nicht in der Terminalliste dieses Händlers. Liste aktualisieren und das Terminal erneut wählen.',
    callback_disabled:
      'Der Callback-Ablauf ist an dieser Kasse nicht eingeschaltet. Polling verwenden oder Callbacks in den Einstellungen einschalten.',
    original_required:
      'Für diesen Vorgang wird die Transaktions-ID der ursprünglichen Zahlung benötigt. Im Verlauf auswählen und erneut versuchen.',
    original_not_taken:
      'Dieser Vorgang bezieht sich auf keine frühere Zahlung; die ursprüngliche Transaktion weglassen.',
    receipt_required: 'Es gibt keinen Beleg zum Drucken. Zuerst einen Beleg wählen.',
    receipt_not_taken: 'Nur der Druck auf dem Terminal nimmt einen Beleg an.',
    tips_not_taken:
      'Dieser Vorgang bietet kein Trinkgeld auf dem Terminal an; Trinkgeld weglassen.',
    amount_required: 'Einen Betrag eingeben, zum Beispiel 12,34.',
    amount_not_taken: 'Dieser Vorgang nimmt keinen Betrag an; den Betrag weglassen.',
    currency_not_accepted:
      '{currency} ist keine Währung, die Handpoint annimmt. Eine andere Währung wählen, zum Beispiel EUR.',
    terminal_in_use:
      'Terminal {serial} ist noch mit einem anderen Vorgang beschäftigt. Warten, bis er fertig ist, oder ihn abbrechen, dann erneut versuchen.',
    payment_not_found: 'Im Zahlungsspeicher dieser Kasse gibt es keine Zahlung mit dieser ID.',

    terminal_busy:
      'Terminal {serial} ist mit einem anderen Vorgang beschäftigt. Es wurde nichts abgebucht; warten, bis es frei ist, dann erneut versuchen.',
    terminal_not_listening:
      'Terminal {serial} antwortet nicht. Es wurde nichts abgebucht; prüfen, ob es eingeschaltet und online ist und die Payments-App zeigt, dann erneut versuchen.',
    terminal_not_assigned:
      'Terminal {serial} gehört nicht zum API-Schlüssel dieses Händlers. Es wurde nichts abgebucht; die Terminalliste aktualisieren.',
    api_key_refused:
      'Handpoint hat den API-Schlüssel dieses Händlers abgelehnt. Es wurde nichts abgebucht; den Schlüssel in den Händlereinstellungen prüfen.',
    rate_limited:
      'Handpoint bittet die App, langsamer zu werden. Es wurde nichts abgebucht; in ein paar Sekunden erneut versuchen.',
    request_refused:
      'Handpoint hat die Anfrage abgelehnt ({cause}). Es wurde nichts abgebucht; die Angaben prüfen und erneut versuchen.',

    no_clear_answer:
      'Keine klare Antwort von Handpoint ({cause}). Die Zahlung wird nicht erneut gesendet; die App findet heraus, was passiert ist.',
    not_charged:
      'Das Terminal hat diese Zahlung nie begonnen: {seconds} Sekunden nach dem Senden kennt Handpoint sie noch nicht, also wurde nichts abgebucht. Bei Bedarf eine neue Zahlung starten.',
    linked_not_processed:
      'Handpoint zeigt {seconds} Sekunden nach dem Senden keinen solchen Vorgang zur ursprünglichen Zahlung, er wurde also nicht ausgeführt. Bei Bedarf erneut starten.',
    needs_manual_check:
      'Das Ergebnis ist unbekannt, und bei verknüpften Vorgängen kann Handpoint nicht über die Referenz gefragt werden. Transaktion {original} im Handpoint-Portal prüfen, bevor etwas anderes geschieht.',
    not_sent:
      'Die App wurde beendet, bevor diese Zahlung gesendet wurde, also wurde nichts abgebucht. Bei Bedarf erneut starten.',

    cancel_nothing_running: 'Auf Terminal {serial} läuft nichts, daher gibt es nichts abzubrechen.',
    cancel_not_now:
      'Diese Zahlung kann von hier aus nicht mehr abgebrochen werden. Auf ihr Ergebnis warten.',
    cancel_too_late:
      'Das Terminal kann diese Zahlung nicht mehr abbrechen (die Karte wird bereits verarbeitet). Auf das Ergebnis warten.',
    cancel_not_delivered:
      'Der Abbruch hat das Terminal nicht erreicht ({cause}). Die Zahlung läuft weiter; erneut versuchen oder auf ihr Ergebnis warten.',
    cancel_sent:
      'Abbruch gesendet. Das Terminal bestätigt ihn; die Zahlung bleibt bis dahin auf dem Bildschirm.',

    evidence_saved_sending: 'Gespeichert; wird an Terminal {serial} gesendet.',
    evidence_accepted: 'Das Terminal hat die Anfrage angenommen.',
    evidence_no_clear_answer:
      'Keine klare Antwort auf die Anfrage ({cause}); sie wird NICHT erneut gesendet. Handpoint wird gefragt, was passiert ist.',
    evidence_refused: 'Handpoint hat die Anfrage abgelehnt ({cause}).',
    evidence_unreachable: 'Handpoint nicht erreichbar ({cause}); neuer Versuch folgt.',
    evidence_result_by_poll: 'Das Ergebnis des Terminals kam per Abfrage: {finStatus}.',
    evidence_result_by_callback: 'Das Ergebnis des Terminals kam per Callback: {finStatus}.',
    evidence_result_by_status: 'Der Statusdienst von Handpoint meldet {finStatus}.',
    evidence_repeated_reply: 'Eine wiederholte Antwort kam an und wurde nicht erneut angewendet.',
    evidence_later_reply:
      'Eine spätere Antwort meldete {finStatus}; das festgehaltene Ergebnis bleibt bestehen.',
    evidence_other_payment_reply: 'Eine Antwort für eine andere Zahlung wurde ignoriert.',
    evidence_result_id_gone:
      'Handpoint kennt die Ergebnis-ID nicht mehr; stattdessen wird über die Referenz gefragt.',
    evidence_no_clear_outcome:
      'Das Terminal meldete kein klares Ergebnis; Handpoint wird über die Referenz gefragt.',
    evidence_not_charged:
      '{seconds} s nach dem Senden ist die Zahlung Handpoint noch unbekannt: nichts abgebucht.',
    evidence_linked_not_processed:
      'Nach {seconds} s kein solcher Vorgang im Verlauf der ursprünglichen Zahlung: nicht ausgeführt.',
    evidence_manual_check:
      'Automatische Prüfung beendet: Ein verknüpfter Vorgang hat keine Referenz zum Nachfragen.',
    evidence_unsent_after_restart:
      'Nach einem Neustart ungesendet gefunden: nie gesendet, nichts abgebucht.',
    evidence_stopped_before_answer:
      'Die App wurde beendet, bevor die Antwort von Handpoint auf die Anfrage festgehalten war.',
    evidence_resumed: 'Nach einem Neustart fortgesetzt.',
    evidence_cancel_sent: 'Abbruch an das Terminal gesendet.',
    evidence_cancel_refused: 'Abbruch vom Terminal abgelehnt: zu spät zum Abbrechen.',
    evidence_cancel_not_sent: 'Abbruch konnte nicht gesendet werden ({cause}).',
    legacy_note: '{text}',

    // The payment store and the till link's keys.
    idempotency_key_reused:
      'Dieser Idempotenzschlüssel wurde schon für eine andere Anfrage verwendet. Für eine neue Zahlung einen neuen Schlüssel verwenden.',
    payments_store_damaged:
      'Der Zahlungsspeicher war beschädigt ({problem}). Er wurde als {copy} beiseitegelegt; {kept} Zahlungen wurden daraus übernommen, {lost} nicht. Bitte die letzten Zahlungen im Handpoint-Portal prüfen.',
    payments_store_newer:
      'Der Zahlungsspeicher {file} stammt von einer neueren Version von POS Companion (Schema {found}; diese Version kennt bis {known}). Er wurde nicht angetastet: bitte POS Companion aktualisieren.',
    payments_store_disk_failed:
      'Der Zahlungsspeicher konnte nicht auf die Festplatte geschrieben werden ({cause}). Bis zum Neustart von POS Companion kann keine Zahlung ausgeführt oder geändert werden; danach bitte die letzten Zahlungen im Handpoint-Portal prüfen.',
    payments_record_damaged:
      'Zahlung {id} konnte nicht gelesen werden: ihre gespeicherten Daten sind beschädigt ({problem}). Der Zahlungsspeicher wird repariert; bitte diese Zahlung im Handpoint-Portal prüfen.',
    payments_legacy_imported:
      '{count} Zahlungen wurden aus dem alten Zahlungsjournal in den Zahlungsspeicher übernommen. Die alten Dateien liegen als {files} bereit.',
    payments_legacy_damaged:
      'Die alte Journaldatei {file} hatte {count} unlesbare Zeilen, die nicht übernommen werden konnten. Die Datei liegt als {copy} bereit. Bitte die letzten Zahlungen im Handpoint-Portal prüfen.',

    merchant_not_found:
      'Dieser Händler ist an dieser Kasse nicht eingerichtet. Einen anderen Händler wählen oder ihn in den Einstellungen hinzufügen.',
    demo_merchant_key:
      'Der Demo-Händler verwendet den öffentlichen Schlüssel des Simulators; es gibt keinen Schlüssel zu ersetzen.',
    custom_addresses_required: 'Eine eigene Umgebung braucht ihre Adressen.',
    simulator_unavailable:
      'Der eingebaute Simulator ist in dieser Version nicht verfügbar. Eine andere Umgebung wählen.',
    terminal_not_bound:
      'Terminal {serial} gehört nicht zu den Terminals von {merchant}, daher wurde nichts gesendet. Die Terminalliste aktualisieren und eines davon wählen.',
    key_missing:
      'Für {merchant} ist kein API-Schlüssel gespeichert. Unter Einstellungen > Händler hinzufügen.',
    key_needs_reentry:
      'Der API-Schlüssel für {merchant} kann auf diesem Computer nicht mehr gelesen werden (Schlüsselbund oder Benutzer hat gewechselt). Den Schlüssel unter Einstellungen > Händler neu eingeben.',
    key_revoked:
      'Handpoint nimmt den API-Schlüssel von {merchant} nicht mehr an. Den Schlüssel unter Einstellungen > Händler ersetzen; die gezeigten Terminals sind die zuletzt bekannten.',
    key_wrong_environment:
      'Dieser Schlüssel gilt nicht für {environment}, aber für {suggested}. Diese Umgebung wählen und den Händler erneut hinzufügen.',
    key_rejected:
      'Handpoint hat diesen API-Schlüssel bei {host} nicht angenommen. Den ganzen Schlüssel erneut aus dem Handpoint-Portal kopieren (Settings > API keys), die Umgebung prüfen und erneut versuchen. Es wurde nichts gespeichert.',
    key_check_offline:
      'Handpoint bei {host} war zum Prüfen des Schlüssels nicht erreichbar. Die Internetverbindung dieser Kasse prüfen und erneut versuchen; es wurde nichts gespeichert.',
    key_check_failed:
      'Handpoint bei {host} hat beim Prüfen des Schlüssels unerwartet geantwortet ({cause}). In einer Minute erneut versuchen; es wurde nichts gespeichert.',
    key_no_terminals:
      'Der Schlüssel funktioniert bei {host}, aber mit diesem Händler sind keine Terminals verknüpft. Im Handpoint-Portal ein Terminal mit dem Händler verknüpfen, dann den Händler erneut hinzufügen.',
    keychain_locked:
      'Der Schlüsselbund des Systems ist gerade nicht verfügbar, daher kann der API-Schlüssel nicht gelesen werden. Den Schlüsselbund entsperren oder sich erneut an der Sitzung anmelden, dann erneut versuchen.',
    keychain_unavailable:
      'Dieser Computer bietet gerade keinen sicheren Speicher für API-Schlüssel (der Schlüsselbund ist nicht verfügbar), daher wurde der Schlüssel nicht gespeichert. An der Sitzung anmelden oder den Schlüsselbund entsperren, dann erneut versuchen.',
    insecure_storage_not_accepted:
      'Dieser Computer kann API-Schlüssel nur verschleiern (Linux meldet den Passwortspeicher basic_text), sodass jeder mit Zugriff auf Ihre Dateien sie lesen könnte. Einen Schlüsselbund wie GNOME Keyring oder KWallet installieren und entsperren oder das Risiko unter Einstellungen > Händler annehmen, dann erneut versuchen.',
    import_wrong_passphrase:
      'Die Passphrase ist falsch, oder die Datei wurde nach dem Export verändert. Die Passphrase prüfen und erneut versuchen; es wurde nichts importiert.',
    import_newer_version:
      'Diese Konfigurationsdatei stammt aus einer neueren Version von POS Companion (Format {version}). Die App dieser Kasse aktualisieren, dann erneut importieren; es wurde nichts importiert.',
    import_not_a_configuration:
      'Diese Datei ist keine Konfigurationsdatei von POS Companion. Eine aus POS Companion exportierte Datei wählen (Einstellungen > Händler > Export); es wurde nichts importiert.',
    import_fields_added:
      'Diese Konfigurationsdatei enthält Felder, die ein Export nie hat; sie wurde also nach dem Export verändert. Erneut aus POS Companion exportieren (Einstellungen > Händler > Export); es wurde nichts importiert.',
    import_damaged:
      'Diese Konfigurationsdatei ist beschädigt. Eine aus POS Companion exportierte Datei wählen (Einstellungen > Händler > Export); es wurde nichts importiert.',
    terminals_offline:
      'Offline: Handpoint war nicht erreichbar; die Terminals werden wie zuletzt aufgelistet gezeigt.',
    terminals_offline_never_listed:
      'Offline: Handpoint war nicht erreichbar, und eine Terminalliste wurde noch nie abgerufen.',
    merchants_file_newer:
      'Die Händlereinstellungen wurden von einer neueren Version von POS Companion geschrieben, daher wurde die Datei nach {movedTo} verschoben und die App ohne Händler gestartet. Eine Konfiguration importieren, die Händler erneut hinzufügen oder die Datei wiederherstellen.',
    merchants_file_damaged:
      'Die Datei mit den Händlereinstellungen ist beschädigt, daher wurde sie nach {movedTo} verschoben und die App ohne Händler gestartet. Eine Konfiguration importieren, die Händler erneut hinzufügen oder die Datei wiederherstellen.',
    custom_url_not_https:
      'Die Adresse {address} verwendet unverschlüsseltes http zu einem anderen Computer und würde den API-Schlüssel im Klartext senden. Eine https-Adresse verwenden (http geht nur für eine Adresse auf diesem Computer).',
    import_custom_url_not_https:
      'Diese Datei kann nicht importiert werden, weil der Händler „{name}“ die unverschlüsselte http-Adresse {address} auf einem anderen Computer verwendet und seinen API-Schlüssel im Klartext senden würde. Die Adresse an der Kasse, von der die Datei stammt, auf https ändern und erneut exportieren; es wurde nichts importiert.',

    receipts_not_found:
      'Diese Kasse hat keine Belege zu dieser Zahlung. Belege werden aufbewahrt, sobald ein Ergebnis eintrifft.',
    no_receipt: 'Diese Zahlung hat keinen {copy} zum Drucken.',
    receipt_pending: 'Der {copy} wird noch abgerufen; gleich erneut versuchen.',
    receipt_not_stored:
      'Der {copy} ist nicht gespeichert. Den Abruf wiederholen oder ihn auf dem Terminal drucken.',
    print_failed:
      'Der {copy} wurde nicht gedruckt. Den Drucker prüfen (Strom, Papier, Kabel) und erneut drucken oder als PDF speichern.',
    print_cancelled: 'Der {copy} wurde nicht gedruckt: Der Druckauftrag wurde abgebrochen.',
    printer_missing:
      'Der Drucker „{printer}“ ist an diesem Computer nicht verfügbar. Prüfen, ob er eingeschaltet und angeschlossen ist, oder in den Druckeinstellungen einen anderen Drucker wählen.',
    no_printer:
      'An diesem Computer ist kein Drucker installiert. Den Belegdrucker installieren oder den Beleg als PDF speichern oder auf dem Terminal drucken.',
    terminal_print_unavailable:
      'Drucken auf dem Terminal ist in dieser Version nicht verfügbar; hier drucken oder als PDF speichern.',
    receipt_sent_to_terminal: 'Der {copy} wurde an Terminal {serial} gesendet.',
    receipt_address_not_allowed:
      'Die Belegadresse {origin} ist keine erlaubte https-Adresse, daher wurde sie nicht abgerufen.',
    receipt_server_timeout: 'Der Belegserver hat nicht innerhalb von {seconds} s geantwortet.',
    receipt_server_interrupted: 'Die Verbindung zum Belegserver brach mitten im Beleg ab.',
    receipt_server_unreachable:
      'Der Belegserver war nicht erreichbar (kein Netz oder der Server ist ausgefallen).',
    receipt_server_bad_redirect: 'Der Belegserver hat eine fehlerhafte Weiterleitung gesendet.',
    receipt_server_status:
      'Der Belegserver antwortete mit {status}; der Beleg ist noch nicht verfügbar.',
    receipt_server_redirect_loop: 'Der Belegserver hat zu oft weitergeleitet.',
    receipt_too_large: 'Der Beleg ist größer als {kib} KiB und wurde daher nicht aufbewahrt.',
    receipt_not_a_page: 'Die Belegadresse hat keine Belegseite geliefert.',
    signature_not_an_image: 'Die Unterschriftsadresse hat kein Bild geliefert.',
    receipt_unreadable: 'Der Beleg konnte nicht gelesen werden.',
    receipt_invalid: 'Der Beleg im Ergebnis ist zu groß zum Aufbewahren.',
    signature_invalid: 'Die Unterschrift im Ergebnis ist kein verwendbares Bild.',

    // terminals
    health_check_online: 'Hat auf eine Prüfung geantwortet: bereit für Zahlungen.',
    health_check_busy:
      'Hat eine Prüfung mit „beschäftigt“ beantwortet: eine andere Kasse, ein Kassensystem oder jemand am Terminal verwendet es.',
    health_check_not_listening:
      'Hat auf eine Prüfung nicht geantwortet: ausgeschaltet, ohne Netz oder nicht in der Payments-App.',
    health_check_failed: 'Konnte nicht geprüft werden ({cause}); die Anzeige stammt von vorher.',
    health_result: 'Ergebnis erhalten: {operation}.',
    health_refused_busy: 'Hat einen Vorgang dieser Kasse abgelehnt: mit etwas anderem beschäftigt.',
    health_refused_not_listening: 'Hat einen Vorgang dieser Kasse abgelehnt: nicht erreichbar.',
    health_command_sent: 'Befehl an das Terminal gesendet: {command}.',
    health_command_refused_busy:
      'Befehl nicht angenommen, das Terminal war beschäftigt: {command}.',
    health_command_refused_not_listening:
      'Befehl nicht angenommen, das Terminal war nicht erreichbar: {command}.',
    terminal_journal_damaged:
      '{count} Zeilen des Journals der Terminalbefehle waren unlesbar und wurden übersprungen; die übrigen Befehle werden wie bisher angezeigt.',
    command_sent:
      'An Terminal {serial} gesendet. Handpoint meldet nicht, ob das Terminal ihn übernommen hat: am Terminal nachsehen oder es prüfen („Jetzt prüfen“).',
    command_refused_running:
      'Nicht gesendet: Auf Terminal {serial} läuft eine Zahlung. Warten, bis sie endet; nur ein bestätigter erzwungener Neustart unterbricht sie.',
    command_force_unconfirmed:
      'Nicht gesendet: Ein erzwungener Neustart von Terminal {serial} unterbricht jede laufende Zahlung. Zuerst bestätigen.',
    command_virtual_terminal:
      'Hinter dem virtuellen Terminal steht kein Gerät, daher nimmt es keine Befehle an.',
    command_terminal_busy:
      'Nicht gesendet: Terminal {serial} ist mit einem anderen Vorgang beschäftigt. Erneut versuchen, wenn es frei ist.',
    command_not_listening:
      'Nicht gesendet: Terminal {serial} ist nicht erreichbar. Prüfen, ob es eingeschaltet und online ist und die Payments-App zeigt.',
    command_value_refused:
      'Handpoint hat den Wert abgelehnt ({cause}). Den Wert prüfen und erneut senden.',
    command_refused: 'Handpoint hat den Befehl abgelehnt ({cause}).',
    command_unclear:
      'Keine eindeutige Antwort von Handpoint ({cause}): Der Befehl hat das Terminal vielleicht erreicht. Das Terminal prüfen, bevor er erneut gesendet wird.',
    command_failed: 'Der Befehl wurde nicht gesendet ({cause}). Erneut versuchen.',

    // Kassenanbindung: was eine Kasse über die API erfährt, und die Einstellungen.
    till_unauthorized:
      'Ein gültiges Kassen-Token als „Authorization: Bearer <Token>“ senden; eines unter Einstellungen > Kassenanbindung erstellen.',
    till_forbidden_terminal:
      'Terminal {serial} gehört zu einem anderen Händler; das Token dieser Kasse darf nur die Terminals von {merchant} verwenden.',
    till_invalid_request: 'Die Anfrage ist ungültig: {problems}.',
    till_idempotency_key_required:
      'Mit jeder Zahlungsanfrage einen Idempotency-Key (1 bis 255 druckbare ASCII-Zeichen) senden, und beim Wiederholen denselben.',
    till_idempotency_key_reused:
      'Dieser Idempotency-Key wurde schon für eine andere Anfrage verwendet; für eine neue Zahlung einen neuen Schlüssel nehmen.',
    till_terminal_busy:
      'Terminal {serial} ist mit einem anderen Vorgang beschäftigt. Es wurde nichts gestartet; warten, bis es frei ist, dann erneut versuchen.',
    till_unknown_terminal:
      'Für diesen Händler ist kein Terminal {serial} gelistet. GET /v1/terminals nennt die Seriennummern.',
    till_unknown_payment: 'Die Kassenanbindung kennt keine Zahlung {id}.',
    till_cannot_cancel:
      'Zahlung {id} kann nicht mehr abgebrochen werden; auf ihren endgültigen Zustand warten (sie kann noch genehmigt werden).',
    till_amount_exceeds_remaining:
      'Die Erstattung ist höher als der Rest der ursprünglichen Zahlung (noch {remaining} {currency} erstattbar).',
    till_cannot_reverse: 'Zahlung {id} kann nicht storniert werden: {why}.',
    till_cannot_refund: 'Zahlung {id} kann nicht erstattet werden: {why}.',
    till_manager_approval_required:
      'Dieser Vorgang braucht die Freigabe einer Leitung an der Kasse; er kann nicht von einer Kasse aus gestartet werden.',
    till_no_receipt: 'Zahlung {id} hat keinen {copy}.',
    till_receipt_not_ready:
      'Der {copy} der Zahlung {id} ist noch nicht bereit; in einigen Sekunden erneut fragen.',
    till_rate_limited:
      'Zu viele Anfragen von dieser Kasse; {seconds} s warten und erneut versuchen.',
    till_too_many_streams:
      'Diese Kasse hält schon {limit} wartende Anfragen oder Ereignisströme offen; erst einen schließen.',
    till_payload_too_large: 'Der Inhalt der Anfrage ist größer als {limit} Bytes.',
    till_unsupported_media_type:
      'Den Inhalt der Anfrage als JSON mit „Content-Type: application/json“ senden.',
    till_not_found: 'Die API der Kassenanbindung hat kein {path}; siehe GET /v1/openapi.json.',
    till_method_not_allowed: '{method} ist für {path} nicht erlaubt; erlaubt: {allowed}.',
    till_unavailable: 'Der Zahlungsdienst kann diese Anfrage gerade nicht annehmen: {why}.',
    till_internal_error:
      'In der Kassenanbindung ist etwas schiefgegangen; die Anfrage darf mit demselben Idempotency-Key wiederholt werden.',
    till_reason_declined: 'Der Kartenherausgeber hat die Zahlung abgelehnt{issuer}.',
    till_reason_cancelled: 'Die Zahlung wurde am Terminal oder von der Kasse abgebrochen.',
    till_reason_failed: 'Die Zahlung ist fehlgeschlagen: {why}',
    till_reason_outcome_unknown:
      'Das Ergebnis ist noch nicht bekannt; die App fragt weiter bei Handpoint nach. Auf den endgültigen Zustand warten; für diesen Verkauf keine neue Zahlung starten.',
    till_reason_partially_approved:
      'Nur ein Teil des Betrags wurde genehmigt; den Rest ({due}) anders kassieren.',
    till_link_port_in_use:
      'Port {port} wird von einem anderen Programm benutzt. Einen anderen Port wählen.',
    till_link_not_started: 'Die Kassenanbindung konnte nicht starten: {why}',
    till_link_unknown_merchant:
      'Diesen Händler gibt es an dieser Kasse nicht mehr. Einen anderen wählen.',
    till_link_file_damaged:
      'Die Einstellungsdatei der Kassenanbindung war nicht lesbar und wurde beiseitegelegt ({movedTo}); die Kassenanbindung startet ausgeschaltet, und ihre Kassen-Tokens müssen neu erstellt werden.',
    till_link_unknown_token:
      'Dieses Kassen-Token gibt es nicht; es wurde vielleicht schon widerrufen.',
    // day
    day_invalid_date:
      'Geben Sie den Geschäftstag als JJJJ-MM-TT an, zum Beispiel 2026-07-14 ({value} ist keiner).',
    day_merchant_unknown: 'Auf dieser Kasse gibt es keinen Händler {merchantId}.',
    day_terminal_unknown:
      'Terminal {terminal} gehört nicht zu diesem Händler. Aktualisieren Sie die Terminalliste oder prüfen Sie die Seriennummer.',
    batch_closed: 'Batch {batchNumber} von Terminal {terminal} ist abgeschlossen.',
    batch_close_in_progress:
      'Für Terminal {terminal} läuft schon ein Batch-Abschluss. Warten Sie auf seine Antwort.',
    batch_close_unresolved:
      'Der letzte Batch-Abschluss von Terminal {terminal} hat noch kein bekanntes Ergebnis. Prüfen Sie ihn zuerst: Ein neuer Abschluss könnte den nächsten Batch schließen.',
    batch_close_answer_lost:
      'Der Batch-Abschluss von Terminal {terminal} wurde gesendet, aber seine Antwort ging verloren. Er wird mit der Batch-Summe geprüft; schließen Sie nicht erneut ab, bevor das Ergebnis bekannt ist.',
    batch_close_unknown_no_number:
      'Ob der Batch von Terminal {terminal} abgeschlossen wurde, ist unbekannt, und es gibt keine Batch-Nummer zum Prüfen. Sehen Sie im Handpoint-Portal nach, bevor Sie erneut abschließen.',
    batch_close_not_done:
      'Laut Handpoint ist Batch {batchNumber} von Terminal {terminal} noch offen: Der Abschluss ist nicht erfolgt. Sie können erneut abschließen.',
    batch_close_refused:
      'Handpoint hat den Abschluss des Batches von Terminal {terminal} abgelehnt: {reason}. Es wurde nichts abgeschlossen.',
    batch_number_required:
      'Handpoint braucht die Batch-Nummer, um den Batch von Terminal {terminal} abzuschließen, und es ist noch keine bekannt. Nehmen Sie zuerst eine Zahlung darauf an oder schließen Sie am Terminal ab.',
    batch_not_supported:
      'Der Acquirer dieses Händlers unterstützt keine Batch-Abschlüsse über Handpoint; er rechnet selbst ab.',
    batch_unreachable:
      'Handpoint war nicht erreichbar, daher wurde an Terminal {terminal} nichts abgeschlossen. Prüfen Sie die Internetverbindung und versuchen Sie es erneut.',
    batch_close_overdue:
      'Der Batch von Terminal {terminal} wurde seit {date} nicht abgeschlossen. Der Acquirer dieses Händlers verlangt jeden Tag einen Abschluss: Schließen Sie jetzt ab, sonst können die nächsten Zahlungen fehlschlagen.',
    day_settings_file_damaged:
      'Die Tagesabschluss-Einstellungen waren nicht lesbar und wurden nach {movedTo} verschoben; es gelten die Standardwerte (Geschäftstag ab 04:00, kein Händler mit täglichem Abschluss).',
    z_report_missing:
      'Für {date} ist noch kein Z-Bericht gespeichert. Öffnen Sie den Tag und drucken oder speichern Sie ihn zuerst.',
    z_report_saved: 'Z-Bericht für {date} gespeichert; eine Kopie liegt unter {path}.',
    z_report_printed: 'Z-Bericht für {date} an den Drucker gesendet.',

    cause: {
      terminal_busy: 'das Terminal ist beschäftigt',
      terminal_offline: 'das Terminal antwortet nicht',
      cancel_not_allowed: 'zu spät zum Abbrechen',
      terminal_not_assigned: 'das Terminal gehört zu einem anderen Händler',
      bad_request: 'die Anfrage wurde als ungültig abgelehnt',
      unauthorized: 'der Schlüssel gehört nicht zu dieser Transaktion',
      forbidden: 'der API-Schlüssel wurde abgelehnt',
      not_found: 'bei Handpoint unbekannt',
      validation: 'Felder der Anfrage wurden abgelehnt',
      rate_limited: 'zu viele Anfragen',
      server: 'ein Problem bei Handpoint',
      network: 'keine Verbindung',
      timeout: 'keine Antwort in der Zeit',
      malformed_response: 'eine unlesbare Antwort',
      invalid_input: 'die Anfrage war unvollständig',
      batch_number_required: 'der Acquirer braucht die Batch-Nummer',
      unknown: 'ein unerwarteter Fehler',
    },
    ...moneyCodes,
    evidence_details_from_result:
      'Das eigene Ergebnis des Terminals wurde für das gelesen, was der Statusantwort fehlte (Belege, Kartendaten).',
    receipt_none_by_status:
      'Der Statusdienst von Handpoint hat diese Zahlung nach dem Verbindungsabbruch abgeschlossen; diese Antwort enthält keinen Beleg, und das eigene Ergebnis des Terminals war dafür nicht lesbar. Das Terminal hat seinen eigenen Beleg gedruckt.',
    callback_host_not_on_this_pc:
      '{host} ist keine Adresse dieses Computers, daher kann der Callback-Empfang dort nicht lauschen. In Einstellungen > Händler eine Adresse dieses Computers wählen.',
    callback_host_unconfirmed:
      'Die Callback-Adresse {host} von „{merchant}“ kam mit einer importierten Konfiguration und ist an dieser Kasse nicht bestätigt, daher lauscht die App dort nicht. In Einstellungen > Händler bestätigen (oder eine andere Adresse wählen); bis dahin kommen Ergebnisse nur per Polling.',
    copy: { customer: 'Kundenbeleg', merchant: 'Händlerbeleg' },
    unknown: 'Es ist etwas passiert, das diese Version nicht in Worte fassen kann ({code}).',
  },
}

export default de
