import type { HandlerTable } from '../ipc/handlers'
import type { TillLinkService } from './link'

type TillHandlers = Pick<
  HandlerTable,
  'getTillLink' | 'setTillLink' | 'createTillToken' | 'revokeTillToken'
>

/** The till link slice of the IPC handler table: each handler only calls the service. */
export function createTillHandlers(link: TillLinkService): TillHandlers {
  return {
    getTillLink: () => link.view(),
    setTillLink: (patch) => link.update(patch),
    createTillToken: ({ name, merchantId }) => link.createToken(name, merchantId),
    revokeTillToken: ({ id }) => link.revokeToken(id),
  }
}
