/** The host's sheet events: activation, selection and data changes, for the pane to re-read. */
import type { SheetEvent } from "../core/host";
import type { Requirements } from "./env";
import type { RunBatch } from "./host-run";

/** Registers the handlers; the returned function removes them (in one sync). */
export function watchSheetEvents(run: RunBatch, requirements: Requirements, listener: (event: SheetEvent) => void): () => void {
  let active = true;
  let removers: (() => Promise<void>)[] = [];
  const sheetNameOf = (worksheetId: string) => sheetNameById(run, worksheetId);
  const registering = run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const onSelection = async (args: { worksheetId: string }) => {
      if (active) listener({ kind: "selection-changed", sheetName: await sheetNameOf(args.worksheetId) });
    };
    const onData = async (args: { worksheetId: string }) => {
      if (active) listener({ kind: "data-changed", sheetName: await sheetNameOf(args.worksheetId) });
    };
    // worksheets.onActivated is ExcelApi 1.7 (within the manifest's 1.8).
    const handlers = [
      worksheets.onActivated.add(async (args) => {
        if (active) listener({ kind: "activated", sheetName: await sheetNameOf(args.worksheetId) });
      }),
    ];
    if (requirements.excelApi("1.9")) {
      // The collection's onSelectionChanged/onChanged (ExcelApi 1.9) also cover sheets added later.
      handlers.push(worksheets.onSelectionChanged.add(onSelection), worksheets.onChanged.add(onData));
    } else {
      // Under 1.9 only each worksheet's own events exist (1.7): one more sync to learn the sheets.
      worksheets.load("items/id");
      await context.sync();
      for (const sheet of worksheets.items) handlers.push(sheet.onSelectionChanged.add(onSelection), sheet.onChanged.add(onData));
    }
    await context.sync();
    // One sync removes every handler (a sync per handler would be a round trip each).
    removers = [
      async () => {
        for (const handler of handlers) handler.remove();
        await context.sync();
      },
    ];
  }).catch(() => {
    // Events are a convenience (the pane can re-read by hand); a host without them is not an error.
    removers = [];
  });

  return () => {
    active = false;
    void registering.then(() => Promise.all(removers.map((remove) => remove().catch(() => undefined))));
  };
}

function sheetNameById(run: RunBatch, worksheetId: string): Promise<string> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(worksheetId);
    sheet.load("name");
    await context.sync();
    return sheet.isNullObject ? "" : sheet.name;
  });
}
