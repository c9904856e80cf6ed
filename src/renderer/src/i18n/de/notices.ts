import type en from '../en/notices'

/** German wording of the notice banner. */
const de: typeof en = {
  notices: {
    region: 'Hinweise',
    dismiss: 'Schließen',
    error: 'Problem',
    warning: 'Warnung',
    info: 'Hinweis',
  },
}

export default de
