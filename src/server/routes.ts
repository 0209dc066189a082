import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { calendarRoutes } from "./modules/calendar/calendar.routes.js";
import { healthRoutes } from "./modules/health/health.routes.js";

/** Every module's router, explicitly (no autoload): add a module here. */
export const moduleRoutes: FastifyPluginAsyncZod[] = [healthRoutes, calendarRoutes];
