/** English texts of the terminals screens and parts. */
export default {
  terminals: {
    title: 'Terminals',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    refreshFailed: 'The terminal list could not be refreshed: {reason}',
    default: 'Default',
    selected: 'Takes the next payment',
    use: 'Use this one',
    lastSeen: 'Last seen {when}',
    neverSeen: 'Not seen yet',
    battery: 'Battery {value}%',
    app: 'App {value}',
    offlineList: 'Handpoint could not be reached; these are the terminals as last listed.',
    none: 'This merchant has no terminals yet. Refresh, or check the key under Settings.',
    state: { online: 'Online', busy: 'Busy', offline: 'Offline', unknown: 'Unknown' },
  },
}
