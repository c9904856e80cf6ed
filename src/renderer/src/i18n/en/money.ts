/** English texts of the money rules: the manager PIN, its prompt, the ceiling and what is left. */
export default {
  money: {
    prompt: {
      title: 'Manager approval',
      pin: 'Manager PIN',
      approve: 'Approve',
      cancel: 'Cancel',
      hint: 'Enter approves, Escape cancels.',
    },
    pin: {
      title: 'Manager PIN',
      help: 'Refunds and reversals above a merchant’s limit need this PIN. This checkout keeps only a protected fingerprint of it: nobody can read it back, so choose one the manager will remember.',
      notSet: 'No manager PIN is set: refunds and reversals above a merchant’s limit are refused.',
      isSet: 'A manager PIN is set.',
      locked: 'Locked after three wrong PINs until {time}.',
      current: 'Current PIN',
      new: 'New PIN (4 to 8 digits)',
      repeat: 'New PIN again',
      save: 'Save PIN',
      remove: 'Remove PIN',
      saved: 'The manager PIN is saved.',
      removed: 'The manager PIN is removed.',
      mismatch: 'The two new PINs are not the same.',
      format: 'Use 4 to 8 digits.',
    },
    ceiling: {
      label: 'Highest refund or reversal without a manager, in {currency} (empty = no limit)',
      invalid: 'Enter an amount like {example}, or leave it empty for no limit.',
    },
    callback: {
      choose: 'Choose an address of this computer',
      thisComputer: '{address} (this computer only)',
      network: '{address} ({name})',
      notHere: '{address} (not an address of this computer)',
      unconfirmed:
        'The address {host} came with an imported configuration. The app does not listen on it until you confirm it here.',
      confirm: 'Listen on {host}',
      nextStart: 'Takes effect the next time the app starts.',
    },
  },
}
