import type { RouteDef } from './route-types'
import { dayRoutes } from './routes-day'
import { miscRoutes } from './routes-misc'
import { paymentRoutes } from './routes-payments'

/** Every route of the till link API (v1); the OpenAPI document is built from this table. */
export const TILL_ROUTES: RouteDef[] = [...miscRoutes, ...paymentRoutes, ...dayRoutes]
