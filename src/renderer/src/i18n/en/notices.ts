/** The notice banner (what main tells the whole app; the notices themselves are codes). */
export default {
  notices: {
    region: 'Notices',
    dismiss: 'Dismiss',
    error: 'Problem',
    warning: 'Warning',
    info: 'Note',
  },
}
