/** Assessments over time (issue 19): records, matching partners, movement and the money shift. */
export * from "./record";
export * from "./match";
export * from "./compare";
export * from "./years";
export * from "./sheet";
export * from "./formulas";
export { COMPARISON_HEADERS, comparisonHeader, ourComparisonHeaders } from "./headers";
export * from "./live";
