/**
 * @jest-environment jsdom
 *
 * What ships: the production build's page, scripts and copied files, checked as a reviewer of the
 * add-in (or AppSource validation) would: the page's security policy, Office.js from Microsoft's
 * CDN, no eval, no network calls, and the initial download within budget.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { shellTexts } from "../../src/taskpane/manifest-texts";
import { productionBuild, readBuild, repositoryRoot } from "./build-output";

const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_ORIGIN = new URL(OFFICE_JS_URL).origin;
/** Initial JavaScript budget, gzip: what the pane downloads before it can render. */
const INITIAL_JS_BUDGET_BYTES = 125 * 1024;

/**
 * URLs that may appear inside our bundles, each with why it is harmless (none is ever requested):
 * XML namespaces passed to createElementNS/setAttributeNS, and React's error-decoder link, which is
 * only part of the text of a thrown production error.
 */
const HARMLESS_URLS: { pattern: RegExp; reason: string }[] = [
  { pattern: /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1999\/xlink|1998\/Math\/MathML|XML\/1998\/namespace|2000\/xmlns\/?)$/, reason: "XML namespace identifier" },
  { pattern: /^https:\/\/(reactjs\.org\/docs\/error-decoder\.html|react\.dev\/errors\/)/, reason: "React production error message text" },
];

/**
 * webpack's runtime helper for `global` tries `globalThis` first and only falls back to
 * `new Function("return this")` where globalThis is missing, which no browser running Office.js
 * lacks; under our CSP that fallback would throw and be caught. Removed before the eval check.
 */
const WEBPACK_GLOBAL_FALLBACK = /if\("object"==typeof globalThis\)return globalThis;try\{return this\|\|new Function\("return this"\)\(\)\}/g;

const output = readBuild(productionBuild());
const page = new DOMParser().parseFromString(text("taskpane.html"), "text/html");
const scriptSources = [...page.querySelectorAll("script")].map((script) => script.getAttribute("src"));
const ourScripts = scriptSources.filter((src): src is string => src !== null && !/^https?:/.test(src));
const allJsFiles = [...output.keys()].filter((file) => /^[^/]+\.js$/.test(file));

/** A built file's content; fails the test naming the file when it is missing. */
function bytes(file: string): Buffer {
  const content = output.get(file);
  if (content === undefined) throw new Error(`${file} is not in the build`);
  return content;
}

function text(file: string): string {
  return bytes(file).toString("utf8");
}

function policy(): Map<string, string[]> {
  const meta = page.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const directives = new Map<string, string[]>();
  for (const directive of (meta?.getAttribute("content") ?? "").split(";")) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

const js = text;

describe("taskpane.html", () => {
  test("loads Office.js from Microsoft's CDN, before our scripts, and has no inline script", () => {
    expect(scriptSources[0]).toBe(OFFICE_JS_URL);
    expect(scriptSources.filter((src) => src === OFFICE_JS_URL)).toHaveLength(1);
    expect(scriptSources).not.toContain(null);
    expect(ourScripts.length).toBeGreaterThan(0);
  });

  test("has a language, a title from the shell texts and the #root element the pane renders into", () => {
    expect(page.documentElement.getAttribute("lang")).toMatch(/^(en|nl)/);
    expect(page.title).toBe(shellTexts.en.taskpaneTitle);
    expect(page.getElementById("root")).not.toBeNull();
  });

  test("its Content-Security-Policy allows scripts only from itself and Office's CDN, and no eval", () => {
    const directives = policy();
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(new Set(directives.get("script-src"))).toEqual(new Set(["'self'", OFFICE_JS_ORIGIN]));
    expect(new Set(directives.get("connect-src"))).toEqual(new Set(["'self'", OFFICE_JS_ORIGIN]));
    expect(directives.get("object-src")).toEqual(["'none'"]);
    for (const [name, values] of directives) {
      expect({ name, unsafeEval: values.includes("'unsafe-eval'") }).toEqual({ name, unsafeEval: false });
      expect({ name, wildcard: values.some((v) => v === "*" || v === "https:" || v === "http:") }).toEqual({ name, wildcard: false });
    }
  });
});

describe("JavaScript bundles", () => {
  test("our scripts exist and carry a content hash in their names", () => {
    for (const src of ourScripts) {
      expect(allJsFiles).toContain(src);
      expect(src).toMatch(/\.[0-9a-f]{8,}\.js$/);
    }
  });

  test.each(allJsFiles)("%s contains no eval and no Function constructor", (file) => {
    const code = js(file).replace(WEBPACK_GLOBAL_FALLBACK, "");
    expect(code.match(/(^|[^\w$.])eval\s*\(/g)).toBeNull();
    expect(code.match(/(^|[^\w$.])(new\s+)?Function\s*\(/g)).toBeNull();
    expect(code.match(/set(Timeout|Interval)\(\s*["'`]/g)).toBeNull();
  });

  test.each(allJsFiles)("%s makes no network requests", (file) => {
    const code = js(file);
    const networkApis = ["fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "EventSource", "importScripts"];
    expect(networkApis.filter((api) => code.includes(api))).toEqual([]);
    const urls = [...new Set(code.match(/https?:\/\/[^\s"'`)\\]+/g) ?? [])];
    const unexplained = urls.filter((url) => !HARMLESS_URLS.some(({ pattern }) => pattern.test(url)));
    expect(unexplained).toEqual([]);
  });

  test("the initial JavaScript (every bundle the page loads) stays within 125 KB gzip", () => {
    const sizes = ourScripts.map((src) => ({ src, raw: js(src).length, gzip: gzipSync(bytes(src), { level: 9 }).length }));
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    console.log(
      `initial JS: ${sizes.map(({ src, raw, gzip }) => `${src} ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`).join("; ")}` +
        ` — total ${(total / 1024).toFixed(1)} KB gzip (budget ${INITIAL_JS_BUDGET_BYTES / 1024} KB)`,
    );
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});

describe("copied and generated files", () => {
  test("the manifest and icons are copied byte for byte", () => {
    expect(text("manifest.xml")).toBe(readFileSync(join(repositoryRoot, "manifest.xml"), "utf8"));
    for (const icon of readdirSync(join(repositoryRoot, "assets")).filter((f) => f.endsWith(".png"))) {
      expect(bytes(`assets/${icon}`).equals(readFileSync(join(repositoryRoot, "assets", icon)))).toBe(true);
    }
  });

  test("every page and image the manifest points at is in the build", () => {
    const manifest = readFileSync(join(repositoryRoot, "manifest.xml"), "utf8");
    const paths = [...new Set([...manifest.matchAll(/https:\/\/localhost:3000(\/[^"]*)/g)].map((match) => match[1]))];
    expect(paths).toEqual(expect.arrayContaining(["/taskpane.html", "/support.html"]));
    const built = new Set([...output.keys()].map((file) => `/${file}`));
    expect(paths.filter((path) => !built.has(path))).toEqual([]);
  });

  test("the support page shows the help in Dutch and English and runs no script", () => {
    const support = new DOMParser().parseFromString(text("support.html"), "text/html");
    const sections = [...support.querySelectorAll("section")].map((section) => ({ lang: section.lang, text: section.textContent ?? "" }));
    expect(sections).toEqual(expect.arrayContaining([
      { lang: "nl", text: expect.stringContaining(shellTexts.nl.supportBody) },
      { lang: "en", text: expect.stringContaining(shellTexts.en.supportBody) },
    ]));
    expect(support.querySelectorAll("script")).toHaveLength(0);
  });
});
