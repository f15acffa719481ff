/** Two assessments of one register, a year apart, shared by the live-comparison tests. */
export const HEADER = ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Subsidie"];
export const EARLIER: (string | number)[][] = [
  ["Schoolbestuur", 2, 4, "nee", 1000],
  ["Welzijn", 3, 5, "ja", 2000],
  ["Oud BV", 4, 2, "ja", 500],
  ["Weg", 1, 1, "ja", 10],
  ["Buurt*", 2, 2, "nee", 300],
];
export const NOW: (string | number)[][] = [
  ["Schoolbestuur", 4.5, 4, "nee", 1500],
  ["Welzijn", 3, 4, "ja", 2000],
  ["Nieuw BV", 4, 2, "ja", 500],
  ["Buurthuis", 2, 2, "nee", 100],
  ["Buurt*", 4, 1, "nee", 300],
];
