/** English texts of the app screens and parts. */
export default {
  app: {
    loading: 'Starting…',
    loadFailed: 'The app could not start: {reason}',
    version: 'Version {version}',
    skip: 'Skip to the main screen',
    merchantsFailed: 'The merchants could not be loaded: {reason}',
  },
  nav: {
    label: 'Screens',
    checkout: 'Checkout',
    history: 'History',
    settings: 'Settings',
    day: 'Day',
  },
  banner: {
    merchant: 'Merchant',
    environment: 'Environment',
    demo: 'DEMO: no real money moves',
    live: 'LIVE payments',
    noMerchant: 'No merchant set up yet. Add one under Settings.',
    switchMerchant: 'Switch merchant',
    env: {
      production: 'Production',
      development: 'Development',
      simulator: 'Simulator',
      custom: 'Custom server',
      unknown: 'Unknown',
    },
  },
  dates: {
    letters: { day: 'dd', month: 'mm', year: 'yyyy' },
    hint: 'Date as {pattern}',
  },
  settings: {
    title: 'Settings',
    merchants: 'Merchants and keys',
    checkout: 'This checkout',
    tips: 'Tip percentages (e.g. 10, 15, 20)',
    tipsInvalid: 'Use up to five whole numbers between 1 and 100.',
    operator: 'Operator name',
    printers: 'Printers and receipts',
    language: 'Language',
    saved: 'Saved',
  },
}
