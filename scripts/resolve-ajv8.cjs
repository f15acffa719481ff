/**
 * Lock workaround, preloaded with `node -r` (package.json scripts) and by webpack.config.js.
 * ajv-keywords 5, ajv-formats 3 and ajv-draft-04 need ajv 8, but with legacy-peer-deps their peer is
 * not installed next to them and Node finds the hoisted ajv 6 (eslint's), so schema-utils
 * (copy-webpack-plugin, webpack-dev-server), office-addin-manifest and office-addin-debugging fail
 * with "Cannot find module 'ajv/dist/...'". This points their `ajv` requests at the ajv 8 that
 * schema-utils carries. It does nothing once the hoisted ajv is 8 or later: fix the lock, delete this.
 */
const path = require("node:path");
const Module = require("node:module");

const projectRoot = path.resolve(__dirname, "..");
const hoistedAjvMajor = Number(require(require.resolve("ajv/package.json", { paths: [projectRoot] })).version.split(".")[0]);

if (hoistedAjvMajor < 8) {
  const schemaUtilsDir = path.dirname(require.resolve("schema-utils/package.json", { paths: [projectRoot] }));
  const ajv8Dir = path.dirname(require.resolve("ajv/package.json", { paths: [schemaUtilsDir] }));
  const needsAjv8 = /[\\/]node_modules[\\/](ajv-keywords|ajv-formats|ajv-draft-04)[\\/]/;
  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function resolveAjv8(request, parent, ...rest) {
    if (/^ajv(\/|$)/.test(request) && parent && needsAjv8.test(parent.filename || "")) {
      return originalResolve.call(this, ajv8Dir + request.slice("ajv".length), parent, ...rest);
    }
    return originalResolve.call(this, request, parent, ...rest);
  };
}
