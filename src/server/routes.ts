import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { agencyRoutes } from "./modules/agencies/agencies.routes.js";
import { catalogRoutes } from "./modules/catalog/catalog.routes.js";
import { guideRoutes } from "./modules/catalog/guides.routes.js";
import { catalogEditorRoutes } from "./modules/catalog/catalog-editor.routes.js";
import { caseRoutes } from "./modules/cases/cases.routes.js";
import { reviewRoutes } from "./modules/reviews/reviews.routes.js";
import { complaintRoutes } from "./modules/complaints/complaints.routes.js";
import { monitoringRoutes } from "./modules/monitoring/monitoring.routes.js";
import { notificationRoutes } from "./modules/notifications/notifications.routes.js";
import { calendarRoutes } from "./modules/calendar/calendar.routes.js";
import { healthRoutes } from "./modules/health/health.routes.js";
import { identityRoutes } from "./modules/identity/identity.routes.js";
import { regionRoutes } from "./modules/regions/regions.routes.js";
import { pageRoutes } from "./modules/pages/pages.routes.js";
import { credentialRoutes } from "./modules/credentials/credentials.routes.js";
import { bundleRoutes } from "./modules/bundles/bundles.routes.js";
import { searchRoutes } from "./modules/search/search.routes.js";
import { hallRoutes } from "./modules/halls/halls.routes.js";
import { assistRoutes } from "./modules/assist/assist.routes.js";
// --- window (issue 9): 当场注册, inbox by due date, the hall's cases
import { identityWindowRoutes } from "./modules/identity/identity-window.routes.js";
import { caseInboxRoutes } from "./modules/cases/case-inbox.routes.js";
// --- end window
// admin: role grants and staff accounts, agency editing, seal certificates
import { identityAdminRoutes } from "./modules/identity/identity.admin.routes.js";
import { agencyAdminRoutes } from "./modules/agencies/agencies.admin.routes.js";
import { sealCertificateRoutes } from "./modules/credentials/seal-certificates.routes.js";
import { bundleApplicantRoutes } from "./modules/bundles/bundle-applicant.routes.js";

/** Every module's router, explicitly (no autoload): add a module here. */
export const moduleRoutes: FastifyPluginAsyncZod[] = [
  healthRoutes,
  calendarRoutes,
  regionRoutes,
  agencyRoutes,
  identityRoutes,
  catalogRoutes,
  catalogEditorRoutes,
  guideRoutes,
  caseRoutes,
  reviewRoutes,
  complaintRoutes,
  monitoringRoutes,
  credentialRoutes,
  bundleRoutes,
  bundleApplicantRoutes,
  searchRoutes,
  hallRoutes,
  assistRoutes,
  notificationRoutes,
  identityAdminRoutes,
  agencyAdminRoutes,
  sealCertificateRoutes,
  pageRoutes,
  // --- window (issue 9)
  identityWindowRoutes,
  caseInboxRoutes,
  // --- end window
];
