import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The layers of lib/ (test/architecture.test.ts checks the same from the import graph; lint says it
// where the import is written). Each file group gets one rule: flat config replaces, not merges.
const GENERATED = {
  regex: "generated/(sqlite|postgres)|^@prisma/client",
  message: "Reach the database through lib/platform/db (model types: lib/platform/db/models).",
};
const above = (...layers) => ({
  regex: `^(\\.\\./)+(${layers.join("|")})/|^@/lib/(${layers.join("|")})/`,
  message: `A layer imports only from itself and the layers below it (core < platform < domain < http): not ${layers.join(", ")}.`,
});
const restrict = (files, patterns, extra = {}) => ({
  files,
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  rules: { "no-restricted-imports": ["error", { patterns, ...extra }] },
});

const config = [
  {
    ignores: [
      "lib/platform/db/generated/**",
      "sdk/dist/**",
      ".next/**",
      "node_modules/**",
      "next-env.d.ts",
      "dist/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  // Playwright fixtures receive a `use` callback that is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { varsIgnorePattern: "^_", argsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  restrict(["lib/core/**"], [GENERATED, above("platform", "domain", "http")]),
  restrict(["lib/platform/**"], [GENERATED, above("domain", "http")]),
  restrict(["lib/platform/db/**"], [above("domain", "http")]),
  restrict(["lib/domain/**"], [GENERATED, above("http")]),
  restrict(["lib/http/**"], [GENERATED]),
  restrict(
    ["app/**", "components/**"],
    [
      GENERATED,
      { regex: "^@/lib/platform/db(/|$)", message: "app/ and components/ call lib/domain or lib/http, which reach the database." },
    ],
    {
      paths: [
        {
          name: "zod",
          message: "Import z from @/lib/core/zod (it keeps zod from probing eval under the console's CSP).",
          allowTypeImports: true,
        },
      ],
    },
  ),
];

export default config;
