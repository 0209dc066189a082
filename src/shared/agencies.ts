/** Agency kinds (SPEC §2) with their Chinese names. */
export const AGENCY_KINDS = {
  service_admin: "政务服务管理机构",
  line_department: "业务主管部门",
  implementing: "实施机构",
  justice: "司法行政",
  staffing: "机构编制",
  public_utility: "公用企事业单位",
} as const;

export type AgencyKindCode = keyof typeof AGENCY_KINDS;

export const VENUE_KINDS = {
  service_center: "政务服务中心",
  convenience_center: "便民服务中心",
  convenience_station: "便民服务站",
} as const;

export type VenueKindCode = keyof typeof VENUE_KINDS;
