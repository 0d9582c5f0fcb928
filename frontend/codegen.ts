import type { CodegenConfig } from "@graphql-codegen/cli";

// The backend generates ../schema.graphql from its code (`crm360 schema`); it is the authority.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: "string", NaiveDate: "string", JSON: "unknown", Decimal: "string" },
      },
    },
  },
};

export default config;
