import type { SeedCatalogItem } from "../catalog-seed-types.js";
import { CENTRAL_BANK_ITEMS } from "./central-bank.js";
import { CIVIL_AFFAIRS_ITEMS } from "./civil-affairs.js";
import { DISABLED_PERSONS_ITEMS } from "./disabled-persons.js";
import { EDUCATION_ITEMS } from "./education.js";
import { FIRE_RESCUE_ITEMS } from "./fire-rescue.js";
import { FORESTRY_ITEMS } from "./forestry.js";
import { HEALTH_ITEMS } from "./health.js";
import { HOUSING_CONSTRUCTION_ITEMS } from "./housing-construction.js";
import { HOUSING_FUND_ITEMS } from "./housing-fund.js";
import { HUMAN_RESOURCES_EMPLOYMENT_ITEMS } from "./human-resources-employment.js";
import { HUMAN_RESOURCES_PENSION_ITEMS } from "./human-resources-pension.js";
import { HUMAN_RESOURCES_SERVICE_ITEMS } from "./human-resources-services.js";
import { MARKET_REGULATION_ITEMS } from "./market-regulation.js";
import { MEDICAL_SECURITY_ASSISTANCE_ITEMS } from "./medical-security-assistance.js";
import { MEDICAL_SECURITY_ITEMS } from "./medical-security.js";
import { MILITARY_SERVICE_ITEMS } from "./military-service.js";
import { NATURAL_RESOURCES_LAND_ITEMS } from "./natural-resources-land.js";
import { NATURAL_RESOURCES_ITEMS } from "./natural-resources.js";
import { POWER_SUPPLY_ITEMS } from "./power-supply.js";
import { PUBLIC_SECURITY_HOUSEHOLD_ITEMS } from "./public-security-household.js";
import { PUBLIC_SECURITY_ITEMS } from "./public-security.js";
import { TAXATION_PERSONAL_ITEMS } from "./taxation-personal.js";
import { TAXATION_ITEMS } from "./taxation.js";
import { TRANSPORT_ITEMS } from "./transport.js";
import { URBAN_MANAGEMENT_ITEMS } from "./urban-management.js";
import { VETERANS_AFFAIRS_ITEMS } from "./veterans-affairs.js";

/**
 * The service items of the 18 喀什 “一件事一次办” bundles (shared/data/kashgar-18-bundles.json), one
 * entry per distinct item, grouped by functional line in the order of the bundles' lead departments.
 */
export const SEED_CATALOG_ITEMS: SeedCatalogItem[] = [
  ...MARKET_REGULATION_ITEMS,
  ...PUBLIC_SECURITY_ITEMS,
  ...PUBLIC_SECURITY_HOUSEHOLD_ITEMS,
  ...TAXATION_ITEMS,
  ...TAXATION_PERSONAL_ITEMS,
  ...HUMAN_RESOURCES_EMPLOYMENT_ITEMS,
  ...HUMAN_RESOURCES_SERVICE_ITEMS,
  ...HUMAN_RESOURCES_PENSION_ITEMS,
  ...HOUSING_FUND_ITEMS,
  ...MEDICAL_SECURITY_ITEMS,
  ...MEDICAL_SECURITY_ASSISTANCE_ITEMS,
  ...HOUSING_CONSTRUCTION_ITEMS,
  ...NATURAL_RESOURCES_ITEMS,
  ...NATURAL_RESOURCES_LAND_ITEMS,
  ...HEALTH_ITEMS,
  ...CIVIL_AFFAIRS_ITEMS,
  ...VETERANS_AFFAIRS_ITEMS,
  ...EDUCATION_ITEMS,
  ...URBAN_MANAGEMENT_ITEMS,
  ...FIRE_RESCUE_ITEMS,
  ...DISABLED_PERSONS_ITEMS,
  ...TRANSPORT_ITEMS,
  ...FORESTRY_ITEMS,
  ...POWER_SUPPLY_ITEMS,
  ...CENTRAL_BANK_ITEMS,
  ...MILITARY_SERVICE_ITEMS,
];
