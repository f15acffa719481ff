/**
 * Enough of Excel's number formatting to give `range.text` for the formats registers use:
 * General, fixed decimals, thousands separators, percentages, text ("@"). Others fall back to General.
 */
export function formatGeneral(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) return value.toExponential(5).replace(/\.?0+e/, "E").replace("E+", "E+");
  // General shows up to 11 significant characters.
  const digits = Math.max(0, 10 - Math.floor(Math.log10(Math.max(abs, 1e-300))));
  return String(Number(value.toFixed(Math.min(digits, 10))));
}

export function formatCellText(value: string | number | boolean, format: string): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const section = format.split(";")[value < 0 && format.includes(";") ? 1 : 0] ?? format;
  if (format === "General" || format === "" || format === "@") return formatGeneral(value);
  const percent = section.includes("%");
  const core = section.replace(/"[^"]*"|\\.|[^0#.,]/g, "");
  const m = /^([#0,]*)(?:\.([0#]*))?$/.exec(core);
  if (!m) return formatGeneral(value);
  const decimals = (m[2] ?? "").length;
  const grouped = m[1].includes(",");
  const shown = Math.abs(percent ? value * 100 : value);
  let text = shown.toFixed(decimals);
  if (grouped) {
    const [int, frac] = text.split(".");
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac}` : "");
  }
  const sign = value < 0 && !format.includes(";") ? "-" : "";
  const prefix = /^[^0#]*/.exec(section.replace(/"/g, ""))?.[0].replace(/[%\\]/g, "") ?? "";
  const suffix = section.replace(/"/g, "").replace(/^.*[0#]/, "").replace(/\\/g, "");
  return `${sign}${prefix}${text}${suffix}`;
}
