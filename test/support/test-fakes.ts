import { createTestOnlySecretBox } from '../../src/main/merchants/secret-box'
import { createRecordingPrinter } from '../../src/main/receipts/recording-printer'

/**
 * The fakes a plain-Node run of the services needs, passed explicitly (createServices has no
 * defaults for them, so the app can never start on a fake by mistake).
 */
export function testFakes() {
  return { secretBox: createTestOnlySecretBox(), printer: createRecordingPrinter() }
}
