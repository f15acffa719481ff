/**
 * Offline check of manifest.xml: what Office and AppSource validation would reject, checked
 * without the online service (`npm run validate` remains the online check).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import { ICON_SIZES, iconFileName, renderIcon } from "../../scripts/make-icons";
import { manifestLocales, shellTexts, type ShellTextKey } from "../../src/taskpane/manifest-texts";
import { childrenNamed, descendants, onlyChild, parseXml, type XmlElement } from "./xml-tree";

const root = resolve(__dirname, "..", "..");
const manifest = parseXml(readFileSync(join(root, "manifest.xml"), "utf8"));
const versionOverrides = onlyChild(manifest, "VersionOverrides");
const resources = onlyChild(versionOverrides, "Resources");

/** Order of OfficeApp's children in the 1.1 schema's xs:sequence (a subset: those a task pane app uses). */
const OFFICE_APP_SEQUENCE = [
  "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
  "VersionOverrides",
];
/** Schema limits: ShortString/DisplayName 125 characters, LongString/Description 250. */
const SHORT_LIMIT = 125;
const LONG_LIMIT = 250;

function text(name: string): string {
  return onlyChild(manifest, name).text;
}

function resourceStrings(group: "bt:ShortStrings" | "bt:LongStrings"): XmlElement[] {
  return childrenNamed(onlyChild(resources, group), "bt:String");
}

function overrideValue(element: XmlElement, overrideName: string, locale: string): string | undefined {
  return childrenNamed(element, overrideName).find((o) => o.attributes.Locale === locale)?.attributes.Value;
}

/** Every URL-valued setting in the manifest, with where it was found. */
function allUrls(): { where: string; url: string }[] {
  const urls: { where: string; url: string }[] = [];
  for (const element of [manifest, ...descendants(manifest)]) {
    for (const [attribute, value] of Object.entries(element.attributes)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !attribute.startsWith("xmlns")) {
        urls.push({ where: `<${element.name} ${attribute}>`, url: value });
      }
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(element.text)) urls.push({ where: `<${element.name}>`, url: element.text });
  }
  return urls;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG file`);
  if (bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error(`${file} has no IHDR chunk first`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The committed file an icon URL points at: the path below the origin, relative to the repository. */
function assetFileFor(url: string): string {
  return join(root, new URL(url).pathname);
}

describe("manifest.xml structure", () => {
  test("is a task pane app in the 1.1 schema with its elements in schema order", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    const present = manifest.children.map((child) => child.name);
    for (const name of present) expect(OFFICE_APP_SEQUENCE).toContain(name);
    const positions = present.map((name) => OFFICE_APP_SEQUENCE.indexOf(name));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
      "HighResolutionIconUrl", "SupportUrl", "Hosts", "Requirements", "DefaultSettings", "Permissions"]) {
      expect(present).toContain(required);
    }
  });

  test("Id is a GUID and Version has four numeric parts", () => {
    expect(text("Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text("Version")).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test("targets Excel workbooks only, with the least permission that still lets us write", () => {
    expect(childrenNamed(onlyChild(manifest, "Hosts"), "Host").map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    const overrideHosts = childrenNamed(onlyChild(versionOverrides, "Hosts"), "Host");
    expect(overrideHosts.map((h) => h.attributes["xsi:type"])).toEqual(["Workbook"]);
    expect(text("Permissions")).toBe("ReadWriteDocument");
  });

  test("requires ExcelApi 1.8 or later", () => {
    const sets = childrenNamed(onlyChild(onlyChild(manifest, "Requirements"), "Sets"), "Set");
    const excelApi = sets.find((set) => set.attributes.Name === "ExcelApi");
    expect(excelApi).toBeDefined();
    const [major, minor] = (excelApi?.attributes.MinVersion ?? "0.0").split(".").map(Number);
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(1008);
  });

  test("the Home tab carries a button that shows the task pane at the add-in's start page", () => {
    const extensionPoint = descendants(versionOverrides).find((e) => e.name === "ExtensionPoint");
    expect(extensionPoint?.attributes["xsi:type"]).toBe("PrimaryCommandSurface");
    const tab = onlyChild(extensionPoint as XmlElement, "OfficeTab");
    expect(tab.attributes.id).toBe("TabHome");
    const button = onlyChild(onlyChild(tab, "Group"), "Control");
    expect(button.attributes["xsi:type"]).toBe("Button");
    const action = onlyChild(button, "Action");
    expect(action.attributes["xsi:type"]).toBe("ShowTaskpane");
    const sourceResid = onlyChild(action, "SourceLocation").attributes.resid;
    const paneUrl = childrenNamed(onlyChild(resources, "bt:Urls"), "bt:Url").find((u) => u.attributes.id === sourceResid);
    expect(paneUrl?.attributes.DefaultValue).toBe(onlyChild(onlyChild(manifest, "DefaultSettings"), "SourceLocation").attributes.DefaultValue);
  });

  test("every resid names a resource of the right kind, and every resource is used", () => {
    const kindOf = new Map<string, string>();
    for (const group of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
      for (const entry of onlyChild(resources, group).children) {
        expect(kindOf.has(entry.attributes.id)).toBe(false);
        kindOf.set(entry.attributes.id, group);
      }
    }
    const expectedKind: Record<string, string[]> = {
      "bt:Image": ["bt:Images"],
      SourceLocation: ["bt:Urls"],
      LearnMoreUrl: ["bt:Urls"],
      Label: ["bt:ShortStrings"],
      Title: ["bt:ShortStrings"],
      Description: ["bt:LongStrings"],
    };
    const used = new Set<string>();
    const wrong: string[] = [];
    for (const element of descendants(onlyChild(versionOverrides, "Hosts"))) {
      const resid = element.attributes.resid;
      if (resid === undefined) continue;
      used.add(resid);
      const kind = kindOf.get(resid) ?? "(no such resource)";
      if (!(expectedKind[element.name] ?? []).includes(kind)) wrong.push(`<${element.name} resid="${resid}"> refers to ${kind}`);
    }
    expect(wrong).toEqual([]);
    expect([...kindOf.keys()].filter((id) => !used.has(id))).toEqual([]);
  });
});

describe("manifest.xml URLs", () => {
  test("every URL is https and all share one origin, so a deployment replaces a single origin", () => {
    const urls = allUrls();
    expect(urls.length).toBeGreaterThan(5);
    const notHttps = urls.filter(({ url }) => !url.startsWith("https://"));
    expect(notHttps).toEqual([]);
    expect(new Set(urls.map(({ url }) => new URL(url).origin))).toEqual(new Set(["https://localhost:3000"]));
  });
});

describe("manifest.xml icons", () => {
  const declared: { where: string; url: string; size: number }[] = [
    { where: "IconUrl", url: onlyChild(manifest, "IconUrl").attributes.DefaultValue, size: 32 },
    { where: "HighResolutionIconUrl", url: onlyChild(manifest, "HighResolutionIconUrl").attributes.DefaultValue, size: 64 },
  ];
  const images = new Map(childrenNamed(onlyChild(resources, "bt:Images"), "bt:Image").map((i) => [i.attributes.id, i.attributes.DefaultValue]));
  const ribbonImages = descendants(onlyChild(versionOverrides, "Hosts")).filter((e) => e.name === "bt:Image");
  for (const image of ribbonImages) {
    if (declared.some((d) => d.where === `bt:Image ${image.attributes.resid}` && d.size === Number(image.attributes.size))) continue;
    declared.push({ where: `bt:Image ${image.attributes.resid}`, url: images.get(image.attributes.resid) ?? "(missing)", size: Number(image.attributes.size) });
  }

  test.each(declared)("$where points at a committed $size px PNG", ({ url, size }) => {
    const file = assetFileFor(url);
    expect(existsSync(file)).toBe(true);
    expect(pngSize(file)).toEqual({ width: size, height: size });
  });

  test("ribbon icons come in the 16, 32 and 80 px sizes Office asks for", () => {
    const ribbonSizes = declared.filter((d) => d.where.startsWith("bt:Image")).map((d) => d.size);
    expect(new Set(ribbonSizes)).toEqual(new Set([16, 32, 80]));
  });

  test.each([...ICON_SIZES])("assets/icon-%i.png is what scripts/make-icons.ts draws (rerun it after changing the mark)", (size) => {
    const committed = PNG.sync.read(readFileSync(join(root, "assets", iconFileName(size))));
    expect({ width: committed.width, height: committed.height }).toEqual({ width: size, height: size });
    expect(Buffer.compare(committed.data, renderIcon(size).data)).toBe(0);
  });

  test("the mark is visible: opaque inside, transparent in the rounded corners, more than one colour", () => {
    const icon = renderIcon(32);
    const alphaAt = (x: number, y: number) => icon.data[(y * 32 + x) * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(16, 16)).toBe(255);
    const colours = new Set<string>();
    for (let i = 0; i < icon.data.length; i += 4) if (icon.data[i + 3] === 255) colours.add(icon.data.subarray(i, i + 3).join(","));
    expect(colours.size).toBeGreaterThanOrEqual(3);
  });
});

describe("manifest.xml texts", () => {
  const defaultLanguage = "en" as const;
  const otherLanguage = "nl" as const;
  const nlLocale = manifestLocales[otherLanguage];

  test("DefaultLocale is English with Dutch overrides", () => {
    expect(text("DefaultLocale")).toBe(manifestLocales[defaultLanguage]);
    expect(nlLocale).toBe("nl-NL");
  });

  /** Manifest element or resource id → the resource key that must hold its text. */
  const topLevel: [string, ShellTextKey][] = [["DisplayName", "displayName"], ["Description", "description"]];
  const resourceKeys: Record<string, ShellTextKey> = {
    "Group.Label": "groupLabel",
    "Button.Label": "buttonLabel",
    "Button.Tooltip.Title": "buttonTooltipTitle",
    "Button.Tooltip.Description": "buttonTooltipDescription",
    "Taskpane.Title": "taskpaneTitle",
    "GetStarted.Title": "getStartedTitle",
    "GetStarted.Description": "getStartedDescription",
  };

  test.each(topLevel)("<%s> equals the %s resource in English and Dutch", (element, key) => {
    const node = onlyChild(manifest, element);
    expect(node.attributes.DefaultValue).toBe(shellTexts.en[key]);
    expect(overrideValue(node, "Override", nlLocale)).toBe(shellTexts.nl[key]);
  });

  test("every ribbon string equals its resource in English and Dutch", () => {
    const strings = [...resourceStrings("bt:ShortStrings"), ...resourceStrings("bt:LongStrings")];
    expect(strings.map((s) => s.attributes.id).sort()).toEqual(Object.keys(resourceKeys).sort());
    for (const string of strings) {
      const key = resourceKeys[string.attributes.id];
      expect({ id: string.attributes.id, en: string.attributes.DefaultValue, nl: overrideValue(string, "bt:Override", nlLocale) })
        .toEqual({ id: string.attributes.id, en: shellTexts.en[key], nl: shellTexts.nl[key] });
    }
  });

  test("texts fit the schema's length limits", () => {
    const tooLong: string[] = [];
    const check = (where: string, value: string | undefined, limit: number) => {
      if (value !== undefined && value.length > limit) tooLong.push(`${where}: ${value.length} > ${limit}`);
    };
    for (const [element, limit] of [["DisplayName", SHORT_LIMIT], ["Description", LONG_LIMIT]] as const) {
      const node = onlyChild(manifest, element);
      check(element, node.attributes.DefaultValue, limit);
      check(`${element} nl`, overrideValue(node, "Override", nlLocale), limit);
    }
    for (const [group, limit] of [["bt:ShortStrings", SHORT_LIMIT], ["bt:LongStrings", LONG_LIMIT]] as const) {
      for (const string of resourceStrings(group)) {
        check(string.attributes.id, string.attributes.DefaultValue, limit);
        check(`${string.attributes.id} nl`, overrideValue(string, "bt:Override", nlLocale), limit);
      }
    }
    expect(tooLong).toEqual([]);
  });

  test("both languages of the shell texts have the same keys and no empty text", () => {
    expect(Object.keys(shellTexts.nl).sort()).toEqual(Object.keys(shellTexts.en).sort());
    for (const language of [defaultLanguage, otherLanguage]) {
      for (const value of Object.values(shellTexts[language])) expect(value.trim()).not.toBe("");
    }
  });
});
