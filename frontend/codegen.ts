import { existsSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";

// The backend generates ../schema.graphql from code; it is the authority.
// provisional-schema.graphql is a local, uncommitted stand-in for when it does not exist yet.
const schema = existsSync("../schema.graphql") ? "../schema.graphql" : "provisional-schema.graphql";

const config: CodegenConfig = {
  schema,
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
        scalars: { DateTime: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
