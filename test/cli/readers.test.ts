import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseCsv, snapshotOfCsv } from "../../src/cli/csv";
import { readXlsx } from "../../src/cli/readers";

describe("CSV", () => {
  it("splits on ; when the header uses ;, and on , otherwise", () => {
    expect(parseCsv("a;b;c\n1,5;2;3\n")).toEqual([
      ["a", "b", "c"],
      ["1,5", "2", "3"],
    ]);
    expect(parseCsv("a,b\n1.5,2")).toEqual([
      ["a", "b"],
      ["1.5", "2"],
    ]);
  });

  it("handles a BOM, CRLF, quoted separators, doubled quotes and line breaks in quotes", () => {
    const text = '\uFEFFPartner,Note\r\n"Vervangbare, effectieve opdrachtnemer","zegt ""ja""\nmet nieuwe regel"\r\n';
    expect(parseCsv(text)).toEqual([
      ["Partner", "Note"],
      ["Vervangbare, effectieve opdrachtnemer", 'zegt "ja"\nmet nieuwe regel'],
    ]);
  });

  it("pads short rows so that every row has the same columns", () => {
    const snapshot = snapshotOfCsv("a;b;c\n1\n", "blad");
    expect(snapshot.values).toEqual([
      ["a", "b", "c"],
      ["1", "", ""],
    ]);
    expect(snapshot.sheetName).toBe("blad");
  });
});

describe(".xlsx", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "partnerkaart-readers-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads values as Excel shows them, with formats, hidden columns (a hidden row is read like any other), merges and tables", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    ws.getCell("B2").value = "Titel";
    ws.mergeCells("B2:D2");
    ws.getCell("B4").value = { formula: "1+1", result: 2 };
    ws.getCell("C4").value = 0.25;
    ws.getCell("C4").numFmt = "0%";
    ws.getCell("D4").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    ws.getCell("B5").value = { richText: [{ text: "Stichting " }, { text: "Vet", font: { bold: true } }] };
    ws.getCell("C5").value = new Date(Date.UTC(2026, 2, 1));
    ws.getCell("C5").numFmt = "dd-mm-yyyy";
    ws.getRow(5).hidden = true;
    ws.getColumn(4).hidden = true;
    ws.addTable({ name: "T", ref: "F3", headerRow: true, totalsRow: true, columns: [{ name: "X", totalsRowLabel: "Totaal" }, { name: "Y", totalsRowFunction: "sum" }], rows: [["a", 1], ["b", 2]] });
    const file = join(dir, "reader.xlsx");
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const [snapshot] = await readXlsx(file);
    const at = (row: number, column: number) => snapshot.values[row - snapshot.origin.row][column - snapshot.origin.column];
    expect(snapshot.sheetName).toBe("Data");
    expect(snapshot.origin).toEqual({ row: 1, column: 1 });
    expect(at(1, 1)).toBe("Titel");
    expect(at(1, 2)).toBe(""); // merged, not the top-left cell
    expect(at(3, 1)).toBe(2);
    expect(snapshot.formulas![3 - 1][0]).toBe("=1+1");
    expect(at(3, 2)).toBe(0.25);
    expect(snapshot.numberFormats![3 - 1][1]).toBe("0%");
    expect(at(3, 3)).toBe("#REF!");
    expect(at(4, 1)).toBe("Stichting Vet");
    expect(at(4, 2)).toBe(46082); // the date as Excel's day number
    expect(snapshot.hiddenColumns).toEqual([3]);
    expect(snapshot.mergedAreas).toEqual([{ row: 1, column: 1, rowCount: 1, columnCount: 3 }]);
    expect(snapshot.tables).toEqual([
      { name: "T", rect: { row: 2, column: 5, rowCount: 4, columnCount: 2 }, showHeaders: true, showTotals: true, columnNames: ["X", "Y"] },
    ]);
  });
});
