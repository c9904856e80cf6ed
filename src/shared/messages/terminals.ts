/**
 * English templates for the terminals domain's codes (see ./index.ts): a terminal's day in words
 * (`health_*`, shown in its detail) and the answers to device commands (`command_*`). `{command}`
 * is a command's name (`reboot`, `set-locale` ...), `{operation}` an operation kind, `{cause}` a
 * failure cause.
 */
export const terminalMessages = {
  // A terminal's day: checks (pingDevice), results and refusals.
  health_check_online: 'Answered a check: ready for payments.',
  health_check_busy:
    'Answered a check as busy: another checkout, a till or someone at the terminal is using it.',
  health_check_not_listening:
    'Did not answer a check: switched off, out of network or outside the Payments app.',
  health_check_failed: 'Could not be checked ({cause}); what the board shows is from before.',
  health_result: 'Result received: {operation}.',
  health_refused_busy: 'Refused an operation of this checkout: busy with something else.',
  health_refused_not_listening: 'Refused an operation of this checkout: not listening.',
  health_command_sent: 'Command sent to the terminal: {command}.',
  health_command_refused_busy: 'Command not taken, the terminal was busy: {command}.',
  health_command_refused_not_listening:
    'Command not taken, the terminal was not listening: {command}.',

  // Found at start-up.
  terminal_journal_damaged:
    '{count} lines of the terminal commands journal could not be read and were skipped; the other commands are listed as before.',

  // Answers to a device command.
  command_sent:
    'Sent to terminal {serial}. Handpoint does not report whether the terminal applied it: look at the terminal, or check it (Check now).',
  command_refused_running:
    'Not sent: terminal {serial} is running a payment. Wait until it ends; only a confirmed forced reboot interrupts it.',
  command_force_unconfirmed:
    'Not sent: a forced reboot of terminal {serial} interrupts any payment in progress. Confirm it first.',
  command_virtual_terminal:
    'The virtual terminal has no device behind it, so it takes no commands.',
  command_terminal_busy:
    'Not sent: terminal {serial} is busy with another operation. Try again when it is free.',
  command_not_listening:
    'Not sent: terminal {serial} is not listening. Check that it is on, online and showing the Payments app.',
  command_value_refused: 'Handpoint refused the value ({cause}). Check it and send again.',
  command_refused: 'Handpoint refused the command ({cause}).',
  command_unclear:
    'No clear answer from Handpoint ({cause}): the command may have reached the terminal. Check the terminal before sending it again.',
  command_failed: 'The command was not sent ({cause}). Try again.',
} as const
