/**
 * Linking a renamed partner to its earlier name (issue 19): a new name and a name no longer in the
 * register, picked from the comparison's lists; the link is stored in the workbook by the host.
 */
import { useState } from "react";
import { Button, Field, Select, Text } from "@fluentui/react-components";
import type { PartnerRename } from "../core/history";
import { useTexts } from "./i18n";
import { historyPaneText, type HistoryPaneKey } from "./i18n/history";

export interface RenameLinkProps {
  /** Names in the register that the earlier assessment does not hold, and the reverse. */
  newNames: string[];
  goneNames: string[];
  busy: boolean;
  className: string;
  onLink: (rename: PartnerRename) => void;
}

export function RenameLink({ newNames, goneNames, busy, className, onLink }: RenameLinkProps) {
  const { language } = useTexts();
  const h = (key: HistoryPaneKey) => historyPaneText(language, key);
  const [linkCurrent, setLinkCurrent] = useState("");
  const [linkEarlier, setLinkEarlier] = useState("");
  const current = newNames.includes(linkCurrent) ? linkCurrent : (newNames[0] ?? "");
  const earlier = goneNames.includes(linkEarlier) ? linkEarlier : (goneNames[0] ?? "");
  if (current === "" || earlier === "") return null;
  const options = (names: string[]) =>
    names.map((name) => (
      <option key={name} value={name}>
        {name}
      </option>
    ));
  return (
    <>
      <Text weight="semibold">{h("history.link.heading")}</Text>
      <Field label={h("history.link.current")} className={className}>
        <Select value={current} onChange={(_, data) => setLinkCurrent(data.value)}>
          {options(newNames)}
        </Select>
      </Field>
      <Field label={h("history.link.earlier")} className={className}>
        <Select value={earlier} onChange={(_, data) => setLinkEarlier(data.value)}>
          {options(goneNames)}
        </Select>
      </Field>
      <Button disabled={busy} onClick={() => onLink({ earlierName: earlier, currentName: current })}>
        {h("history.link.button")}
      </Button>
    </>
  );
}
