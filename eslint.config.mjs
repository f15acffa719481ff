// Lint: TypeScript rules, Office add-in batching rules, and the architecture's direction of
// dependency (src/core <- src/excel <- src/taskpane) as import restrictions, not a hope.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";

const noUiOrHost = [
  { group: ["react", "react-dom", "react/*", "react-dom/*", "@fluentui/*"], message: "src/core is pure: no React or Fluent UI." },
  { group: ["@microsoft/office-js", "office-*"], message: "src/core is pure: no Office." },
  { group: ["**/excel/**", "**/excel", "**/taskpane/**", "**/taskpane", "**/cli/**"], message: "src/core must not depend on outer layers." },
  { group: ["exceljs", "fs", "node:*", "path"], message: "src/core is pure: no files, no Node." },
];

/**
 * Imports of a core folder's modules other than its index (`leaves`: modules a folder may still
 * take directly). Its own rule name (`@typescript-eslint/no-restricted-imports`), so it adds to the
 * layer rules above instead of replacing them.
 */
const throughIndex = (folder, leaves = []) => ({
  group: [`**/core/${folder}/*`, `**/${folder}/*`, `!**/${folder}/index`, ...leaves.map((leaf) => `!**/${folder}/${leaf}`)],
  message: `Import src/core/${folder} through its index.`,
});

/** A sync inside a loop costs a round trip per iteration: queue the work, then sync once (or per byte budget, in apply/batch.ts). */
const syncCall = "CallExpression[callee.property.name='sync']";
const syncInLoopSelectors = [
  `:matches(ForStatement, ForInStatement, ForOfStatement, WhileStatement, DoWhileStatement) ${syncCall}`,
  `CallExpression[callee.property.name=/^(forEach|map|flatMap|filter|reduce|some|every|find)$/] ${syncCall}`,
];
const syncInLoopMessage =
  "No sync() in a loop, whatever its receiver: queue the work and sync once, or let BudgetedBatch (src/excel/apply/batch.ts) decide by bytes.";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-artifacts/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2022, sourceType: "module" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: noUiOrHost }],
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "src/core is pure: no Office." },
        { name: "Office", message: "src/core is pure: no Office." },
        { name: "OfficeExtension", message: "src/core is pure: no Office." },
        { name: "document", message: "src/core is pure: no DOM." },
        { name: "window", message: "src/core is pure: no DOM." },
        { name: "fetch", message: "Nothing may call the network." },
      ],
    },
  },
  {
    files: ["src/excel/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      ...officeAddins.configs.recommended.rules,
      // office-addins' no-context-sync-in-loop sees only `context.sync()`: this sees any receiver
      // (`counter.sync()`, `batch.context.sync()`), in loop statements and in iteration callbacks.
      "no-restricted-syntax": ["error", ...syncInLoopSelectors.map((selector) => ({ selector, message: syncInLoopMessage }))],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "@fluentui/*"], message: "src/excel is the Office layer: no UI." },
            { group: ["**/taskpane/**", "**/taskpane", "**/cli/**"], message: "src/excel must not depend on outer layers." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The pane talks to Excel only through the WorkbookHost it is given; only the startup wiring knows Office.
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "Use the WorkbookHost passed in; only src/taskpane/index.tsx wires Office." },
        { name: "fetch", message: "Nothing may call the network." },
      ],
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/excel/*", "!**/excel/host"], message: "The pane reaches Excel only through the WorkbookHost interface." }] },
      ],
    },
  },
  {
    files: ["src/taskpane/index.tsx"],
    rules: { "no-restricted-globals": "off", "no-restricted-imports": "off" },
  },
  // Sizes outside the core (issue 17): a file a newcomer can read, a function that fits a screen.
  // Every line counts, comments and blank lines too.
  {
    files: ["src/cli/**/*.ts", "src/excel/**/*.ts", "src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    rules: {
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 80 }],
    },
  },
  // Sizes in the core: a file over 400 lines or a function over 80 is split, or says why it must be
  // one piece (an eslint-disable comment with its reason).
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 80 }],
    },
  },
  // Other folders import core/plan and core/chart through their index: what those folders offer is
  // their index, the rest may move.
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/core/plan/**", "src/core/chart/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [throughIndex("plan"), throughIndex("chart")] }] },
  },
  { files: ["src/core/plan/**/*.ts"], rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [throughIndex("chart")] }] } },
  { files: ["src/core/chart/**/*.ts"], rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [throughIndex("plan")] }] } },
);
