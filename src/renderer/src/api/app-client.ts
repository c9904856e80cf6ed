import type { AppInfo } from '@shared/contract'
import { bridge, unwrap } from './bridge'

export const appClient = {
  getInfo: (): Promise<AppInfo> => unwrap(bridge().getAppInfo()),
}
