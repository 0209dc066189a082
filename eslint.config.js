// @ts-check
import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Import boundaries (DESIGN.md): a module's queries are private; web never reaches into server. */
const queriesAreModulePrivate = {
  group: ["**/modules/*/*.queries", "**/modules/*/*.queries.js", "../*/*.queries", "../*/*.queries.js"],
  message: "Another module's *.queries.ts is private: call its service instead (DESIGN.md “A module”).",
};

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "dist/", "coverage/", ".ci-out/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/require-await": "off",
      eqeqeq: ["error", "always"],
      "no-restricted-imports": ["error", { patterns: [queriesAreModulePrivate] }],
    },
  },
  {
    files: ["src/server/modules/**/*.ts"],
    rules: {
      // Inside a module, its own queries are fine (./x.queries.js); other modules' are not.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../*/*.queries", "../*/*.queries.js", "**/modules/*/*.queries.js"],
              message: queriesAreModulePrivate.message,
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/server/modules/**/*.routes.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["*.queries", "*.queries.js", "**/*.queries.js", "kysely"],
              message: "Routes call services; no SQL in routes.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/web/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/server"],
              message: "src/web never imports src/server: share code through src/shared.",
            },
            queriesAreModulePrivate,
          ],
        },
      ],
    },
  },
  {
    files: ["src/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "fs", "path", "crypto", "os", "child_process"],
              message: "src/shared runs in the browser too: no node imports.",
            },
            {
              group: ["react", "react-dom", "**/server/**", "**/web/**"],
              message: "src/shared imports neither server nor web nor react.",
            },
          ],
        },
      ],
    },
  },
  {
    // The web client (React): hooks rules, browser globals.
    files: ["src/web/**/*.{ts,tsx}", "src/server/modules/pages/**/*.tsx"],
    ...reactHooks.configs.flat["recommended-latest"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["eslint.config.js", "scripts/**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  // credentials: the `tongban` CLI launcher (plain JS, outside the TypeScript project).
  {
    files: ["bin/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
