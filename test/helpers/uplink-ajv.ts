import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";

type FormatsPlugin = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS with a `default` property: NodeNext sees the module, vitest may see the function.
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

/** A validator for a JSON schema file, with formats, `strict: false` as the GS1 schema needs. */
export function compileSchemaFile(file: string | URL): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(file, "utf8")) as object);
}

/**
 * The official EPCIS 2.0 schema, from the shared standards directory beside the checkout
 * (`../shared/standards/...` from the repository root; CI clones shared/ beside the repo).
 */
export const EPCIS_SCHEMA_FILE = new URL(
  "../../../shared/standards/epcis/EPCIS-JSON-Schema.json",
  import.meta.url,
);
