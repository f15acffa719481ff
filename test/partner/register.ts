/** The register the partner-page tests on the Excel double make pages from: a name with brackets, a colon and a slash, goals and subsidies. */
import type { CellValue } from "../../src/core/types";

export const REGISTER: CellValue[][] = [
  ["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Subsidie", "Doel"],
  ["Schoolbestuur Noord", 2, 4, "nee", 120001, "Kansengelijkheid"],
  ["Stichting [Welzijn]: Noord/Zuid", 3, 5, "ja", 230002, "Participatie"],
  ["Bibliotheek", 5, 5, "nee", 340003, "Geletterdheid"],
  ["Vervuilend bedrijf", 2, 4.5, "nee", 450004, "Gezonde leefomgeving"],
  ["Opdrachtnemer", 4, 2, "ja", 560005, "Participatie"],
];
