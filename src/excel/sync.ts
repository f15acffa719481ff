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
