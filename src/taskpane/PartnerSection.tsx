import { useId, useState } from "react";
import { Button, Checkbox, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { isHostFailure, type ShareCheckResult, type WorkbookHost } from "../core/host";
import { isAbove } from "../core/partners";
import type { Analysis } from "../core/types";
import { useTexts } from "./i18n";
import { partnerText, type PartnerMessageKey } from "./i18n/partner";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // A register can hold hundreds of partners: the list scrolls, the buttons stay in view.
  list: { display: "flex", flexDirection: "column", maxHeight: "240px", overflowY: "auto", border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS },
  finding: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  // "Ga naar" on one line beside a long finding.
  goTo: { flexShrink: 0, whiteSpace: "nowrap" },
  findings: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

interface PartnerSectionProps {
  host: WorkbookHost;
  analysis: Analysis;
  /** The date shown on the pages (yyyy-mm-dd, the user's own day). */
  today: string;
}

/** Partner pages (one sheet per chosen partner) and the check before sharing the whole workbook. */
export function PartnerSection({ host, analysis, today }: PartnerSectionProps) {
  const { language } = useTexts();
  const p = (key: PartnerMessageKey, params?: Record<string, string | number>) => partnerText(language, key, params);
  const styles = useStyles();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [includeSubsidy, setIncludeSubsidy] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [share, setShare] = useState<ShareCheckResult | null>(null);
  const failureText = (error: unknown) => (isHostFailure(error) ? error.details : String(error));

  const make = async () => {
    if (!host.makePartnerPages) return;
    setBusy(true);
    setMessage(null);
    try {
      const rows = [...chosen].sort((a, b) => a - b);
      const result = await host.makePartnerPages(analysis, { rows, includeSubsidy, date: today });
      setMessage({ intent: "success", text: p("partner.made", { sheets: result.pages.map((page) => `"${page.sheetName}"`).join(", ") }) });
    } catch (error) {
      setMessage({ intent: "error", text: failureText(error) });
    } finally {
      setBusy(false);
    }
  };
  const check = async () => {
    if (!host.checkBeforeSharing) return;
    setBusy(true);
    try {
      setShare(await host.checkBeforeSharing(analysis));
    } catch (error) {
      setMessage({ intent: "error", text: failureText(error) });
    } finally {
      setBusy(false);
    }
  };

  const goTo = async (sheet: string, address: string) => {
    try {
      await host.goTo?.(sheet, address);
    } catch (error) {
      setMessage({ intent: "error", text: failureText(error) });
    }
  };

  return (
    <div className={styles.stack}>
      <span>{p("partner.intro")}</span>
      {host.makePartnerPages && (
        <>
          <PartnerChoice partners={analysis.partners} chosen={chosen} onChosenChange={setChosen} />
          <Checkbox checked={includeSubsidy} label={p("partner.subsidy")} onChange={(_, data) => setIncludeSubsidy(data.checked === true)} />
          <Button appearance="primary" disabled={busy || chosen.size === 0} onClick={() => void make()}>
            {busy ? p("partner.making") : p("partner.make")}
          </Button>
        </>
      )}
      {message && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {host.checkBeforeSharing && (
        <Button disabled={busy} onClick={() => void check()}>
          {p("partner.share.check")}
        </Button>
      )}
      {share && <ShareFindings share={share} onGoTo={host.goTo ? (sheet, address) => void goTo(sheet, address) : undefined} />}
    </div>
  );
}

interface PartnerChoiceProps {
  partners: Analysis["partners"];
  /** The chosen partners' sheet rows. */
  chosen: ReadonlySet<number>;
  onChosenChange: (chosen: ReadonlySet<number>) => void;
}

/** A checkbox per partner, and a button that chooses every partner below the line. */
function PartnerChoice({ partners, chosen, onChosenChange }: PartnerChoiceProps) {
  const { language } = useTexts();
  const p = (key: PartnerMessageKey) => partnerText(language, key);
  const styles = useStyles();
  const toggle = (row: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(row);
    else next.delete(row);
    onChosenChange(next);
  };
  const chooseBelowLine = () => {
    const rows = new Set<number>();
    for (let i = 0; i < partners.count; i++) if (!isAbove(partners, i)) rows.add(partners.row[i]);
    onChosenChange(rows);
  };
  const rows: number[] = [];
  for (let i = 0; i < partners.count; i++) rows.push(i);
  return (
    <>
      <div role="group" aria-label={p("partner.choose")} className={styles.list}>
        {rows.map((i) => (
          <Checkbox key={partners.row[i]} checked={chosen.has(partners.row[i])} label={partners.partner[i]} onChange={(_, data) => toggle(partners.row[i], data.checked === true)} />
        ))}
      </div>
      <Button onClick={chooseBelowLine}>{p("partner.belowLine")}</Button>
    </>
  );
}

/** What a partner would see in the whole workbook, each finding with "go to" where Excel can select it. */
function ShareFindings({ share, onGoTo }: { share: ShareCheckResult; onGoTo?: (sheet: string, address: string) => void }) {
  const { language } = useTexts();
  const p = (key: PartnerMessageKey, params?: Record<string, string | number>) => partnerText(language, key, params);
  const styles = useStyles();
  const findingId = useId();
  // Excel cannot select on a hidden sheet: its findings say how to unhide it instead of offering "go to".
  const hiddenSheets = new Set(share.findings.filter((finding) => finding.kind === "hidden-sheet").map((finding) => finding.sheet));
  return (
    <div className={styles.stack}>
      <span>{share.findings.length > 0 ? p("partner.share.intro") : p("partner.share.none")}</span>
      <ul className={styles.findings} aria-label={p("partner.share.check")}>
        {share.findings.map((finding, k) => {
          const address = finding.address;
          return (
            <li key={k} className={styles.finding}>
              <span id={`${findingId}-${k}`}>{p(`partner.share.${finding.kind}`, { sheet: finding.sheet, address: address ?? "", detail: finding.detail })}</span>
              {onGoTo && address !== null && !hiddenSheets.has(finding.sheet) && (
                <Button size="small" className={styles.goTo} aria-describedby={`${findingId}-${k}`} onClick={() => onGoTo(finding.sheet, address)}>
                  {p("partner.share.goTo")}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {!share.commentsChecked && <span>{p("partner.share.commentsUnchecked")}</span>}
      {!share.notesChecked && <span>{p("partner.share.notesUnchecked")}</span>}
    </div>
  );
}
