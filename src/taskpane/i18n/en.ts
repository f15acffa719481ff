/**
 * English texts of the task pane. The keys are the source of truth: nl.ts must provide every key
 * (typed). Placeholders are written {name}. Core texts (strategies, concepts, skip reasons) come
 * from src/core/i18n and are not repeated here.
 */
export const en = {
  "app.title": "Partnerkaart",
  "app.loading": "Reading the active sheet…",
  "app.noExcel.title": "Open Partnerkaart in Excel",
  "app.noExcel.body":
    "This task pane works inside Excel (desktop or on the web). Open a workbook with a partner register and start Partnerkaart from the Home tab.",

  "register.heading": "Register",
  "register.foundTable": "Table {table} on sheet \"{sheet}\", {address}",
  "register.foundRange": "Range {address} on sheet \"{sheet}\"",
  "register.partners": "Partners analysed: {count}",
  "register.skippedCount": "Rows skipped: {count} (see below)",
  "register.noneSkipped": "No rows skipped",
  "register.reread": "Analyse again",
  "register.announceFound": "Register found on sheet {sheet}: {count} partners.",

  "nothing.title": "No partner register found",
  "nothing.help":
    "Select the table with your partners and choose Analyse again, or add a header row with the columns Partner, Invloed (influence) and Afhankelijkheid (dependency).",
  "nothing.resetCorrections": "Undo my corrections",

  "mapping.heading": "Columns",
  "mapping.hint": "Check how each column was recognised; choose another column where the guess is wrong.",
  "mapping.none": "(none)",
  "mapping.columnOption": "{letter}: {header}",
  "mapping.userChosen": "chosen by you",

  "scale.heading": "Scales",
  "scale.influence": "Influence scale",
  "scale.dependency": "Dependency scale",
  "scale.min": "Lowest",
  "scale.max": "Highest",
  "scale.summary": "{min}–{max} ({source})",
  "scale.source.header": "from header",
  "scale.source.labels": "from labels",
  "scale.source.percentFormat": "from percentage format",
  "scale.source.values": "from the values",
  "scale.source.user": "chosen by you",
  "scale.labels": "Labels: {labels}",
  "scale.labelsFixed": "A label scale follows its labels and cannot be changed here.",
  "scale.invalid": "Enter numbers with the lowest below the highest.",

  "line.heading": "Ambition line",
  "line.atLowest": "Required influence of a replaceable partner",
  "line.atHighest": "Required influence of an irreplaceable partner",
  "line.threshold": "High dependency above",
  "line.hintInfluence": "Between {min} and {max} on the influence scale.",
  "line.hintThreshold": "From {min} up to (not including) {max} on the dependency scale.",
  "line.notNumber": "Enter a number, for example {example}.",
  "line.outsideInfluence": "Must lie between {min} and {max}, the influence scale.",
  "line.outsideDependency": "Must lie from {min} up to (not including) {max}, the dependency scale.",
  "line.notRising": "The line rises: an irreplaceable partner needs at least as much influence as a replaceable one ({value}).",
  "line.preview": "Preview of the partners and the ambition line",
  "line.previewUnavailable": "The preview appears when the values are valid.",

  "options.heading": "Options",
  "options.mode": "What to write",
  "options.mode.formulas": "Live formulas (Excel recalculates)",
  "options.mode.values": "Values only",
  "options.chart": "Chart",
  "options.chart.enabled": "Draw a chart",
  "options.chart.placement": "Place the chart",
  "options.chart.placement.parameter-sheet": "On the parameter sheet",
  "options.chart.placement.beside-register": "Beside the register",
  "options.chart.labels": "Name labels",
  "options.chart.labels.auto": "Automatic",
  "options.chart.labels.hint": "Automatic: all partners, or only those below the line when there are many.",
  "options.chart.labels.all": "All partners",
  "options.chart.labels.below-line": "Partners below the line",
  "options.chart.labels.largest-subsidies": "Largest subsidies",
  "options.chart.labels.none": "No labels",
  "options.chart.movement": "Show where partners should move",
  "options.chart.sizeBySubsidy": "Marker size by subsidy",
  "options.chart.goal": "Societal goal",
  "options.chart.goal.all": "All goals",
  "options.chart.perGoal": "One chart per societal goal",

  "apply.button": "Apply to the workbook",
  "apply.again": "Apply again",
  "apply.busy": "Applying…",
  "apply.progress": "Progress",
  "apply.step.reading": "Reading the sheet",
  "apply.step.analysing": "Analysing",
  "apply.step.waiting-for-cell-edit":
    "Excel is editing a cell: finish editing it (Enter or Esc), then Partnerkaart writes. You can also cancel.",
  "apply.step.writing-columns": "Writing the columns",
  "apply.step.writing-parameters": "Writing the parameter sheet",
  "apply.step.writing-summary": "Writing the summary",
  "apply.step.chart": "Drawing the chart",
  "apply.step.done": "Done",
  "notice.selfCheck.mismatch":
    "Excel computed something else than Partnerkaart in {rows} rows (first: row {row}, Excel shows \"{excel}\", expected \"{expected}\"). A formula reads a text differently in this Excel. Choose Values only and apply again to write values instead of formulas.",
  "apply.fixFirst": "Correct the highlighted values first.",

  "result.heading": "Result",
  "result.done": "Written to sheet \"{sheet}\" and parameter sheet \"{parameterSheet}\".",
  "result.announce": "Applied: {count} partners written to sheet {sheet}.",
  "result.byStrategy": "Per strategy",
  "result.byPosition": "Per position",
  "result.col.strategy": "Strategy",
  "result.col.position": "Position",
  "result.col.count": "Count",
  "result.col.subsidy": "Subsidy",
  "result.total": "Total",
  "result.notices": "Notes",
  "result.chart": "Chart \"{name}\" on sheet \"{sheet}\".",
  "result.charts": "Charts on sheet \"{sheet}\": {names}.",
  "result.columns": "New columns on sheet \"{sheet}\":",
  "result.column": "{letter}: {header}",
  "result.columnUnnamed": "Column {letter}",
  "result.position.above": "On or above the line",
  "result.position.below": "Below the line",

  "skipped.heading": "Skipped rows",
  "skipped.select": "Select row {row}",
  "skipped.byReason": "Skipped rows per reason",
  "skipped.reasonCount": "{reason}: {count}",
  "skipped.shownOf": "The first {shown} of {count} skipped rows:",
  "skipped.showMore": "Show {count} more",
  "skipped.reason.missing-partner": "No partner name",
  "skipped.reason.missing-influence": "No influence score",
  "skipped.reason.missing-dependency": "No dependency score",
  "skipped.reason.unusable-influence": "Influence is not a usable score",
  "skipped.reason.unusable-dependency": "Dependency is not a usable score",
  "skipped.reason.influence-out-of-scale": "Influence outside the scale",
  "skipped.reason.dependency-out-of-scale": "Dependency outside the scale",
  "skipped.reason.error-value": "A cell with an error value",

  "notes.heading": "Notes on the register",
  "notes.moreDuplicates": "…and {count} more partners that appear on more than one row.",

  "changed.title": "The register changed",
  "changed.body": "Sheet \"{sheet}\" was edited after it was analysed. Nothing is written until you ask.",
  "changed.reanalyse": "Analyse again",
  "changed.reapply": "Analyse and apply again",

  "failure.title": "That did not work",
  "failure.details": "Technical details",
  "failure.dismiss": "Dismiss",
  "failure.protected-sheet": "Partnerkaart cannot write to {sheetRef}: it is protected. Unprotect it (Review > Unprotect Sheet) and try again.",
  "failure.protected-workbook":
    "The structure of this workbook is protected, so Partnerkaart cannot add its parameter sheet for {sheetRef}. Unprotect it (Review > Protect Workbook, enter the password if asked) and try again.",
  "failure.write-dropped":
    "Excel did not keep what Partnerkaart wrote on {sheetRef} (this happens on the web while a cell is being edited). Nothing was changed: finish editing the cell (Enter or Esc) and apply again.",
  "failure.cancelled":
    "Stopped: nothing was written to {sheetRef}.",
  "failure.invalid-selection":
    "Excel cannot read the selection while a chart or shape is selected. Click a cell of the register on {sheetRef} and try again.",
  "failure.too-many-cells":
    "Excel on the web cannot add columns to a table this long on {sheetRef} (more than 33,554,000 cells would move). Remove any content right of the table, or apply in Excel for Windows or Mac.",
  "failure.no-room-to-insert":
    "Excel cannot insert the new columns on {sheetRef}: something in the sheet's last columns (a value or only formatting) would be pushed off the sheet. Clear the columns at the far right (XFD and before) and try again.",
  "failure.insert-delete-conflict":
    "Excel cannot insert the new columns on {sheetRef}: a table, merged cells or an array formula beside the register is in the way. Move it, or convert the register to a table, and try again.",
  "failure.merged-range-conflict":
    "Merged cells on {sheetRef} are in the way of the new columns. Unmerge the cells right of the register (Home > Merge & Center) and try again.",
  "failure.filtered-range-conflict":
    "A filter on {sheetRef} is in the way. Clear the filter (Data > Clear) so every row shows, and try again.",
  "failure.pivot-table-conflict":
    "A PivotTable on {sheetRef} is where Partnerkaart wants to write. Move the PivotTable elsewhere and try again.",
  "failure.formula-too-long":
    "A formula Partnerkaart writes on {sheetRef} became longer than Excel allows. Shorten long label texts on the parameter sheet, or choose Values only.",
  "failure.empty-chart-series":
    "Excel refused a chart series without points for the register on {sheetRef}. Turn the chart off or check that partners have scores, then try again.",
  "failure.cell-edit-mode": "Excel is busy editing a cell. Press Enter or Esc in the cell and try again.",
  "failure.register-changed": "The register on {sheetRef} changed after it was analysed. Analyse again, check the result and apply again.",
  "failure.item-not-found": "Something on {sheetRef} was removed or renamed in the meantime. Analyse again and retry.",
  "failure.payload-too-large": "The register on {sheetRef} is too large for Excel to handle in one request. Try Values only or a smaller register.",
  "failure.invalid-argument": "Excel refused a value Partnerkaart tried to write on {sheetRef}. Please report the technical details.",
  "failure.unsupported-requirement-set": "This version of Excel lacks a feature Partnerkaart needs. Update Excel or use Excel on the web.",
  "failure.no-register": "No partner register was found on {sheetRef}. Select the table and analyse again.",
  "failure.missing-column": "The register on {sheetRef} lacks a column Partnerkaart needs. Check the column choices.",
  "failure.unknown": "Something unexpected went wrong on {sheetRef}. Try again; if it keeps happening, report the technical details.",
  "failure.sheetNamed": "sheet \"{sheet}\"",
  "failure.noSheet": "the active sheet",
} as const;

export type PaneMessageKey = keyof typeof en;
