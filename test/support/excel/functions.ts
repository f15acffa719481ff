/**
 * Functions that Excel 2016+ and LibreOffice both have but HyperFormula 3.5 lacks, registered as a
 * HyperFormula plugin so the double evaluates formulas the add-in writes. Test support only.
 *
 * NUMBERVALUE(text, [decimal_separator], [group_separator]) follows Excel's documented rules:
 * spaces anywhere are ignored (U+0020 only: which spaces the page means is not said); "" is 0; only
 * the first character of a separator counts; a second decimal separator or a group separator after
 * the decimal separator is #VALUE!; trailing percent signs each divide by 100. Omitted separators
 * are those of the double's locale (en-US: "." and ",").
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula } from "hyperformula";

export function numberValue(text: string, decimalSeparator = ".", groupSeparator = ","): number | null {
  const decimal = decimalSeparator.charAt(0);
  const group = groupSeparator.charAt(0);
  if (decimal === "" || decimal === group) return null;
  let body = text.replace(/ +/g, "");
  if (body === "") return 0;
  let percents = 0;
  while (body.endsWith("%")) {
    percents++;
    body = body.slice(0, -1);
  }
  const decimalAt = body.indexOf(decimal);
  if (decimalAt >= 0 && body.indexOf(decimal, decimalAt + 1) >= 0) return null;
  let integerPart = decimalAt >= 0 ? body.slice(0, decimalAt) : body;
  const fractionPart = decimalAt >= 0 ? body.slice(decimalAt + 1) : "";
  if (group !== "") {
    if (fractionPart.includes(group)) return null;
    integerPart = integerPart.split(group).join("");
  }
  const normalized = decimalAt >= 0 ? `${integerPart}.${fractionPart}` : integerPart;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normalized)) return null;
  return Number(normalized) / 100 ** percents;
}

export class ExcelCompatibilityPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    NUMBERVALUE: {
      method: "numbervalue",
      parameters: [
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.STRING, optionalArg: true },
        { argumentType: FunctionArgumentType.STRING, optionalArg: true },
      ],
    },
  };

  numbervalue(ast: { args: unknown[] }, state: unknown) {
    // The plugin base class types its arguments loosely; the runtime passes the parsed call.
    const run = this.runFunction as unknown as (
      args: unknown[],
      state: unknown,
      metadata: unknown,
      fn: (text: string, decimal?: string, group?: string) => number | CellError,
    ) => unknown;
    return run(ast.args, state, this.metadata("NUMBERVALUE"), (text, decimal, group) => {
      const value = numberValue(text, decimal ?? ".", group ?? ",");
      return value === null ? new CellError(ErrorType.VALUE, "NUMBERVALUE cannot read this text as a number") : value;
    });
  }
}

let registered = false;

export function registerExcelFunctionPlugins(): void {
  if (registered) return;
  registered = true;
  const names = { NUMBERVALUE: "NUMBERVALUE" };
  HyperFormula.registerFunctionPlugin(ExcelCompatibilityPlugin, { enGB: names, enUS: names });
}
