/** Opens the store in the folder given, and dies by SIGKILL half way through a legacy import. */
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'

openPaymentStore({
  dir: process.argv[2]!,
  check: 'now',
  crashPoint: () => process.kill(process.pid, 'SIGKILL'),
})
process.stdout.write('finished without dying\n')
