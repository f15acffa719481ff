/**
 * The built page in a real browser (Debian's Chromium) under its own Content-Security-Policy:
 * Fluent UI's runtime styles and Office.js must work with it, and the page must ask for nothing
 * beyond its own files and Office.js. Office's CDN is answered from the @microsoft/office-js
 * package (no network here); outside Office the pane shows its "open this in Excel" message.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { productionBuild, readBuild, repositoryRoot } from "./build-output";

const CHROMIUM_PATH = "/usr/bin/chromium";
const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";
const OFFICE_JS_LOCAL = join(repositoryRoot, "node_modules", "@microsoft", "office-js", "dist");
const CONTENT_TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".png": "image/png", ".xml": "application/xml" };

const ready = existsSync(CHROMIUM_PATH) && existsSync(OFFICE_JS_LOCAL);
if (!ready) console.warn(`Built page test skipped: ${existsSync(CHROMIUM_PATH) ? "@microsoft/office-js missing" : `no Chromium at ${CHROMIUM_PATH}`}.`);

/** Serves the build's files on 127.0.0.1 at a free port; nothing else. */
function serve(files: Map<string, Buffer>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname).replace(/^\//, "");
    const content = files.get(path);
    if (content === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream" }).end(content);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

(ready ? describe : describe.skip)("the built task pane in Chromium", () => {
  let browser: Browser;
  let site: { server: Server; origin: string };

  beforeAll(async () => {
    site = await serve(readBuild(productionBuild()));
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 600_000); // includes the production build when the sources changed

  afterAll(async () => {
    await browser?.close();
    site?.server.closeAllConnections();
    await new Promise((resolve) => site?.server.close(resolve));
  });

  test("renders with Fluent styles applied, no CSP violation and no request beyond itself and Office.js", async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    const page = await context.newPage();
    const violations: string[] = [];
    const foreignRequests: string[] = [];
    const officeRequests: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === site.origin) return route.continue();
      if (url.origin === OFFICE_JS_ORIGIN && url.pathname.startsWith("/lib/1/hosted/")) {
        officeRequests.push(url.pathname);
        const file = join(OFFICE_JS_LOCAL, url.pathname.slice("/lib/1/hosted/".length));
        if (existsSync(file)) return route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(file, "utf8") });
        return route.fulfill({ status: 404, body: "" });
      }
      foreignRequests.push(url.href);
      return route.abort();
    });

    await page.goto(`${site.origin}/taskpane.html`);
    await page.waitForSelector("#root h1", { timeout: 20_000 });
    const rendered = await page.evaluate(() => {
      const bar = document.querySelector(".fui-MessageBar");
      const style = bar ? getComputedStyle(bar) : undefined;
      return {
        heading: document.querySelector("#root h1")?.textContent ?? "",
        messageBar: bar !== null,
        // Griffel's rules reached the element: a MessageBar is a grid with a border radius and padding.
        messageBarDisplay: style?.display,
        messageBarRadius: style?.borderTopLeftRadius,
        styleElements: document.querySelectorAll("style").length,
        cspViolations: (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
      };
    });
    await context.close();

    expect(officeRequests).toContain("/lib/1/hosted/office.js");
    expect(rendered.heading.trim()).not.toBe("");
    expect(rendered.messageBar).toBe(true);
    expect(rendered.styleElements).toBeGreaterThan(0);
    expect(rendered.messageBarDisplay).not.toBe("block");
    expect(rendered.messageBarRadius).not.toBe("0px");
    expect([...violations, ...rendered.cspViolations]).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
