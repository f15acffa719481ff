/** Text helpers for the SVG: XML escaping and a conservative text-width estimate. */

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

const NARROW = new Set("iljtfr.,:;'!|()[] ".split(""));
const WIDE = new Set("mwMW@%".split(""));

/**
 * Estimated rendered width of `text` at `fontSize` px in a common sans-serif (DejaVu Sans,
 * Arial, Segoe UI). Errs on the wide side, so boxes that do not collide here do not collide on
 * screen either.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.36;
    else if (WIDE.has(ch)) em += 0.92;
    else if (ch >= "A" && ch <= "Z") em += 0.72;
    else if (ch >= "0" && ch <= "9") em += 0.64;
    else em += 0.62;
  }
  return em * fontSize;
}

/** The narrowest character's width in em (see estimateTextWidth). */
const NARROWEST_EM = 0.36;

/**
 * Splits a name into at most `maxLines` lines of at most `maxWidth` px; the last line ends in "…" when cut.
 * Linear in the name: a name longer than any label can show is cut before it is split, and a line
 * is shortened in one pass (a 32,767-character cell once took 13 s, one character at a time).
 */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines: number): string[] {
  // No more characters fit than lines × (narrowest characters per line + the space a break drops).
  const mostShown = maxLines * (Math.ceil(maxWidth / (NARROWEST_EM * fontSize)) + 1);
  let name = text.trim();
  const tooLong = name.length > mostShown;
  if (tooLong) name = name.slice(0, /[\ud800-\udbff]/.test(name[mostShown - 1]) ? mostShown - 1 : mostShown);
  const words = name.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let current = "";
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index];
    const candidate = current === "" ? word : `${current} ${word}`;
    if (estimateTextWidth(candidate, fontSize) <= maxWidth || current === "") {
      current = candidate;
    } else {
      lines.push(current);
      current = word;
      if (lines.length === maxLines) break;
    }
  }
  if (lines.length < maxLines && current !== "") {
    lines.push(current);
    current = "";
    index = words.length;
  }
  const cut = tooLong || index < words.length || current !== "";
  const ellipsisWidth = estimateTextWidth("…", fontSize);
  const shorten = (line: string) => {
    // The longest prefix that leaves room for "…" (at least one character).
    let width = ellipsisWidth;
    let end = 0;
    for (const ch of line) {
      width += estimateTextWidth(ch, fontSize);
      if (width > maxWidth && end > 0) break;
      end += ch.length;
    }
    return `${line.slice(0, end).trimEnd()}…`;
  };
  // A single word wider than the label (a long compound name) is cut too.
  return lines.map((line, i) => ((i === lines.length - 1 && cut) || estimateTextWidth(line, fontSize) > maxWidth ? shorten(line) : line));
}
