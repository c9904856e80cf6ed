export default {
  app: {
    loading: 'Starting…',
    loadFailed: 'The app could not start: {reason}',
    version: 'Version {version}',
  },
}
