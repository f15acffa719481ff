/**
 * Counting round trips: every context.sync() of the adapter goes through one SyncCounter, so
 * ApplyResult.syncs and the bench report what really happened.
 */
export class SyncCounter {
  private count = 0;

  constructor(private readonly context: Excel.RequestContext) {}

  async sync(): Promise<void> {
    this.count += 1;
    await this.context.sync();
  }

  get syncs(): number {
    return this.count;
  }
}

/** A range's position as our 0-based CellRect, from loaded rowIndex/columnIndex/rowCount/columnCount. */
export function rectOf(range: Pick<Excel.Range, "rowIndex" | "columnIndex" | "rowCount" | "columnCount">) {
  return { row: range.rowIndex, column: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount };
}

/** "Sheet 1" from "'Sheet 1'!A1:B2" or "Data!A1"; null if the address has no sheet part. */
export function sheetOfAddress(address: string): string | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  const sheetPart = address.slice(0, bang);
  if (sheetPart.startsWith("'") && sheetPart.endsWith("'")) return sheetPart.slice(1, -1).replace(/''/g, "'");
  return sheetPart;
}

/** A sheet name as it must appear in a formula or an address: quoted when it is not a plain word. */
export function quoteSheetName(sheetName: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheetName) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheetName)
    ? sheetName
    : `'${sheetName.replace(/'/g, "''")}'`;
}
