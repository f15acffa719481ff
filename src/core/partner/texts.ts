/**
 * What each strategy means and what the government proposes, as a partner page says it: long texts
 * kept out of the core catalogs, so the pane's first download does not carry them.
 */
import type { Language } from "../host";
import type { StrategyKey } from "../types";

const en = {
  "strategy.meaning.secure": "A strong partner we cannot easily replace. A partner far above the line can also act as an ambassador for others.",
  "strategy.meaning.contract": "An effective partner that can be replaced: a businesslike client relationship fits.",
  "strategy.meaning.raise-influence": "We depend on this partner, but its contribution to the goal is too small.",
  "strategy.meaning.reduce-dependency": "A near-monopoly where alternatives are desirable: healthy competition helps the goal.",
  "strategy.meaning.strengthen-or-replace": "Replaceable and not yet effective enough for the goal.",
  "strategy.proposal.secure": "Keep the partner where it is with a structural, multi-year partnership or covenant instead of yearly negotiation.",
  "strategy.proposal.contract": "Work with an assignment or tender, renewed on performance.",
  "strategy.proposal.raise-influence": "Invest so that the partner's influence rises to the line: resources, motivation, multi-year certainty; for companies also enforcement or joint agreements.",
  "strategy.proposal.reduce-dependency": "Admit other providers, so that our dependency on this partner decreases.",
  "strategy.proposal.strengthen-or-replace": "Invest only where it pays off, or choose an alternative partner.",
} as const;

type PageTextKey = keyof typeof en;

const nl: Record<PageTextKey, string> = {
  "strategy.meaning.secure": "Een sterke partner die we niet makkelijk kunnen vervangen. Een partner ver boven de lijn kan ook ambassadeur zijn voor anderen.",
  "strategy.meaning.contract": "Een effectieve partner die vervangbaar is: een zakelijke opdrachtgeversrelatie past.",
  "strategy.meaning.raise-influence": "We zijn afhankelijk van deze partner, maar zijn bijdrage aan het doel is te klein.",
  "strategy.meaning.reduce-dependency": "Een bijna-monopolie waar alternatieven wenselijk zijn: gezonde concurrentie helpt het doel.",
  "strategy.meaning.strengthen-or-replace": "Vervangbaar en nog niet effectief genoeg voor het doel.",
  "strategy.proposal.secure": "Houd de partner waar hij staat met een structureel, meerjarig partnerschap of convenant in plaats van jaarlijkse onderhandeling.",
  "strategy.proposal.contract": "Werk met een opdracht of aanbesteding, verlengd op basis van prestaties.",
  "strategy.proposal.raise-influence": "Investeer zodat de invloed van de partner stijgt tot de lijn: middelen, motivatie, meerjarige zekerheid; bij bedrijven ook handhaving of gezamenlijke afspraken.",
  "strategy.proposal.reduce-dependency": "Laat andere aanbieders toe, zodat onze afhankelijkheid van deze partner afneemt.",
  "strategy.proposal.strengthen-or-replace": "Investeer alleen waar het loont, of kies een andere partner.",
};

const catalogs: Record<Language, Record<PageTextKey, string>> = { en, nl };

/** What `strategy` means, from the framework's source article. */
export function strategyMeaning(language: Language, strategy: StrategyKey): string {
  return catalogs[language][`strategy.meaning.${strategy}`];
}

/** What the government proposes to do with a partner of `strategy`. */
export function strategyProposal(language: Language, strategy: StrategyKey): string {
  return catalogs[language][`strategy.proposal.${strategy}`];
}
