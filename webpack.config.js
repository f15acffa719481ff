/**
 * Build of the task pane: TypeScript/TSX through esbuild-loader, the page from
 * src/taskpane/taskpane.html, icons and manifest copied as they are (never minified).
 * Office.js is not bundled: the page loads it from Microsoft's CDN.
 *
 *   npm run build        production build in dist/, content-hashed bundles
 *   npm run dev-server   https://localhost:3000 with the office-addin-dev-certs certificate
 *
 * ADDIN_ORIGIN=https://addins.example.nl npm run build  writes a dist/manifest.xml whose URLs point
 * at that origin instead of the development origin https://localhost:3000.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const shellTexts = require("./src/taskpane/manifest-texts/texts.json");

const DEV_ORIGIN = "https://localhost:3000";
const DEV_PORT = 3000;
const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";

/**
 * The pane's Content-Security-Policy (a meta tag: Office on the web frames the page, and a static
 * host may not let us set headers).
 * - script-src: our bundles and Office.js's CDN only; no 'unsafe-eval' (so no eval-based source maps).
 * - style-src 'unsafe-inline': Fluent UI v9 (Griffel) inserts its rules into <style> elements it
 *   creates at run time, and Office.js's Excel runtime sets inline styles. A nonce would need a
 *   per-response server; CSS cannot run script, and with img/font/connect locked to 'self' injected
 *   CSS has nowhere to send data.
 * - connect-src: the page itself and Office's CDN; the add-in calls no network service.
 * frame-ancestors cannot be set from a meta tag; a deployment that wants it sets it as a header.
 */
function contentSecurityPolicy({ devServer }) {
  const liveReload = devServer ? ` ws://localhost:${DEV_PORT} wss://localhost:${DEV_PORT}` : "";
  return [
    "default-src 'none'",
    `script-src 'self' ${OFFICE_JS_ORIGIN}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${OFFICE_JS_ORIGIN}${liveReload}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** The office-addin-dev-certs certificate, read from its files (getHttpsServerOptions() fails without sudo). */
function devServerTransport() {
  const directory = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const paths = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, path.join(directory, file)]));
  if (fs.existsSync(paths.key) && fs.existsSync(paths.cert)) {
    const options = { key: fs.readFileSync(paths.key), cert: fs.readFileSync(paths.cert) };
    if (fs.existsSync(paths.ca)) options.ca = fs.readFileSync(paths.ca);
    return { type: "https", options };
  }
  console.warn(
    `\n[partnerkaart] WARNING: no certificate in ${directory}; serving plain http://localhost:${DEV_PORT}.\n` +
      "Office only loads add-ins over https. Run `npx office-addin-dev-certs install` and restart.\n",
  );
  return { type: "http" };
}

/** A static help page (the manifest's SupportUrl) in both languages, from the same resource as the manifest. */
function supportPage(csp) {
  const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const section = (lang) =>
    `<section lang="${lang}"><h1>${escape(shellTexts[lang].supportTitle)}</h1><p>${escape(shellTexts[lang].supportBody)}</p></section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Security-Policy" content="${csp}" />
<title>${escape(shellTexts.en.supportTitle)}</title>
</head>
<body>
<img src="assets/icon-64.png" width="64" height="64" alt="" />
${section("nl")}
${section("en")}
</body>
</html>
`;
}

/**
 * Minifiers. "..." is webpack's default: terser (compress passes 2) on JS assets only; copied PNG and
 * XML are marked minimized and never touched. MINIFIER=esbuild builds several times faster but
 * measured ~30 KB gzip larger here, so it is only for quick local builds.
 */
function minimizers() {
  if (process.env.MINIFIER !== "esbuild") return ["..."];
  const { EsbuildPlugin } = require("esbuild-loader");
  return [new EsbuildPlugin({ target: "es2020", legalComments: "external" })];
}

module.exports = (_env, argv) => {
  const production = argv.mode === "production";
  const devServer = Boolean(process.env.WEBPACK_SERVE);
  const csp = contentSecurityPolicy({ devServer });
  const deploymentOrigin = (process.env.ADDIN_ORIGIN || DEV_ORIGIN).replace(/\/+$/, "");
  if (!deploymentOrigin.startsWith("https://")) throw new Error(`ADDIN_ORIGIN must be an https origin, got ${deploymentOrigin}`);

  return {
    mode: production ? "production" : "development",
    // Not eval-based: the page's CSP forbids eval in development too.
    devtool: production ? false : "source-map",
    entry: { taskpane: "./src/taskpane/index.tsx" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:10].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:10].js" : "[name].js",
      // Lazy chunks sit beside taskpane.html, so URLs relative to the page are right; the default
      // ("auto") adds a runtime that guesses the script's URL and mentions importScripts.
      publicPath: "",
      clean: true,
    },
    resolve: { extensions: [".tsx", ".ts", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { loader: "tsx", target: "es2020", jsx: "automatic" },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        template: "./src/taskpane/taskpane.html",
        filename: "taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        title: shellTexts.en.taskpaneTitle,
        lang: "en",
        contentSecurityPolicy: csp,
      }),
      new HtmlWebpackPlugin({
        filename: "support.html",
        chunks: [],
        inject: false,
        templateContent: supportPage("default-src 'none'; img-src 'self'"),
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]", info: { minimized: true } },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            info: { minimized: true },
            transform: (content) => content.toString("utf8").split(DEV_ORIGIN).join(deploymentOrigin),
          },
        ],
      }),
    ],
    optimization: {
      // React and Fluent change less often than our code: a separate chunk stays cached across releases.
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // Only what the first screen needs: packages used only by lazily loaded parts (the line
          // editor's fields, the options' radios) go into those parts' chunks, not the first download.
          vendor: { test: /[\\/]node_modules[\\/]/, name: "vendor", chunks: "initial", priority: 10, reuseExistingChunk: true },
        },
      },
      runtimeChunk: false,
      minimizer: minimizers(),
    },
    performance: {
      // Uncompressed sizes; the real budget (≤ 150 KB gzip of initial JS) is asserted in test/bundle.
      hints: production ? "warning" : false,
      maxEntrypointSize: 600 * 1024,
      maxAssetSize: 600 * 1024,
    },
    devServer: {
      host: "localhost",
    port: DEV_PORT,
      server: devServer ? devServerTransport() : undefined,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      client: { overlay: false },
    },
  };
};
