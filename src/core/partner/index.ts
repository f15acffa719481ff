export { buildPartnerPage, findPartner, partnerPageText, partnersBelowLine } from "./page";
export type { PartnerChartSpec, PartnerPageLine, PartnerPageOptions, PartnerPageSpec, PartnerPoint } from "./page";
export { isValidSheetName, MAX_SHEET_NAME_LENGTH, partnerSheetName, sheetNameKey } from "./sheet-name";
export { renderPartnerChartSvg } from "./svg";
