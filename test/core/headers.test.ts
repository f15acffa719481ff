import { conceptScore, mapHeaders, scaleHintFromHeader } from "../../src/core/headers";

const columns = (...headers: string[]) => headers.map((header, column) => ({ column, header }));
const mapped = (...headers: string[]) =>
  Object.fromEntries(Object.entries(mapHeaders(columns(...headers))).map(([concept, m]) => [concept, m!.header]));

describe("mapping headers to concepts", () => {
  it("maps framework.md's Dutch and English examples", () => {
    expect(mapped("Naam partner", "Invloed", "Afhankelijkheid", "Alternatief gewenst", "Bedrag")).toEqual({
      partner: "Naam partner",
      influence: "Invloed",
      dependency: "Afhankelijkheid",
      alternativesDesirable: "Alternatief gewenst",
      subsidy: "Bedrag",
    });
    expect(mapped("Organisation", "Influence (1-10)", "Dependency (1-10)", "Alternatives desirable", "Grant (EUR)", "Notes")).toEqual({
      partner: "Organisation",
      influence: "Influence (1-10)",
      dependency: "Dependency (1-10)",
      alternativesDesirable: "Alternatives desirable",
      subsidy: "Grant (EUR)",
    });
  });

  it("maps headers in other words, with scale hints, years and currency signs", () => {
    expect(mapped("Naam organisatie", "Mate van invloed op doel", "Mate van afhankelijkheid (1-5)", "Subsidie 2026 (€)", "Programma")).toEqual({
      partner: "Naam organisatie",
      influence: "Mate van invloed op doel",
      dependency: "Mate van afhankelijkheid (1-5)",
      subsidy: "Subsidie 2026 (€)",
      goal: "Programma",
    });
    expect(mapped("Partij", "Impact score", "AFHANKELIJKHEID", "Verleend bedrag")).toEqual({
      partner: "Partij",
      influence: "Impact score",
      dependency: "AFHANKELIJKHEID",
      subsidy: "Verleend bedrag",
    });
  });

  it("maps headers as civil servants write them", () => {
    expect(mapped("Subsidieontvanger", "Invloed (1-10)", "Mate waarin wij afhankelijk zijn", "Bedrag (€)", "Alternatieven?")).toEqual({
      partner: "Subsidieontvanger",
      influence: "Invloed (1-10)",
      dependency: "Mate waarin wij afhankelijk zijn",
      subsidy: "Bedrag (€)",
      alternativesDesirable: "Alternatieven?",
    });
    expect(mapped("Aanvrager", "Score invloed", "Score afhankelijkheid", "Alternatief wenselijk (ja/nee)", "Subsidie (EUR)", "Doelstelling")).toEqual({
      partner: "Aanvrager",
      influence: "Score invloed",
      dependency: "Score afhankelijkheid",
      alternativesDesirable: "Alternatief wenselijk (ja/nee)",
      subsidy: "Subsidie (EUR)",
      goal: "Doelstelling",
    });
    expect(mapped("Partner name", "Influence on goal", "Dependence on partner", "Alternatives wanted", "Funding", "Policy goal")).toEqual({
      partner: "Partner name",
      influence: "Influence on goal",
      dependency: "Dependence on partner",
      alternativesDesirable: "Alternatives wanted",
      subsidy: "Funding",
      goal: "Policy goal",
    });
    expect(mapped("Naam instelling", "Invloed op maatschappelijk doel", "Afhankelijkheid gemeente", "Toegekend bedrag").influence).toBe(
      "Invloed op maatschappelijk doel",
    );
  });

  it("prefers 'Partner' over 'Type organisatie', and never takes an attribute column as the name", () => {
    expect(mapped("Nr", "Partner", "Type organisatie", "Invloed", "Afhankelijkheid").partner).toBe("Partner");
    expect(mapped("Type organisatie", "Invloed", "Afhankelijkheid").partner).toBeUndefined();
  });

  it("keeps the goal and the influence apart in 'Invloed op doel' next to 'Doel'", () => {
    const m = mapped("Partner", "Doel", "Invloed op doel (1-5)", "Afhankelijkheid");
    expect(m.goal).toBe("Doel");
    expect(m.influence).toBe("Invloed op doel (1-5)");
  });

  it("does not read a target column as the current score", () => {
    expect(mapped("Partner", "Beoogde invloed", "Invloed", "Afhankelijkheid", "Gewenste afhankelijkheid")).toEqual({
      partner: "Partner",
      influence: "Invloed",
      dependency: "Afhankelijkheid",
      targetInfluence: "Beoogde invloed",
      targetDependency: "Gewenste afhankelijkheid",
    });
    expect(conceptScore("influence", "Beoogde invloed")).toBe(0);
  });

  it("uses each column once and respects columns the user fixed", () => {
    const result = mapHeaders(columns("Partner", "Invloed", "Afhankelijkheid", "Notitie"), { influence: 3, subsidy: null });
    expect(result.influence?.column).toBe(3);
    expect(result.subsidy).toBeUndefined();
    expect(result.dependency?.column).toBe(2);
  });
});

describe("scale hints in headers", () => {
  it.each([
    ["Invloed (1-5)", { min: 1, max: 5, percent: false }],
    ["Influence 1–10", { min: 1, max: 10, percent: false }],
    ["Afhankelijkheid (0 tot 100)", { min: 0, max: 100, percent: false }],
    ["Invloed (%)", { min: 0, max: 100, percent: true }],
    ["Invloed in procent", { min: 0, max: 100, percent: true }],
  ])("%s", (header, hint) => expect(scaleHintFromHeader(header)).toEqual(hint));

  it("does not take a period of years for a scale", () => {
    expect(scaleHintFromHeader("Subsidie 2025-2026")).toBeNull();
    expect(scaleHintFromHeader("Invloed")).toBeNull();
  });
});
