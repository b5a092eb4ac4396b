// Checks a whole qbXML document against Intuit's qbXML 16.0 schema (tests/fixtures/qbd, byte-exact
// copies; SOURCES.md there) with libxml2 compiled to WebAssembly (xmllint-wasm), the way QuickBooks'
// own parser refuses a document with an element out of its xsd:sequence order.
//
// Where the schema lives: by default it is found from this file's own location (electron/qbd-sim/ →
// ../../tests/fixtures/qbd/), which holds when the simulator runs from source (tests, scripts);
// a caller that moves the files (a packaged build) passes the folder instead.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** Intuit's schema folder as seen from this source file. */
const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../tests/fixtures/qbd/', import.meta.url));

const ENTRY = 'qbxmlops160.xsd';
const INCLUDED = ['qbxml160.xsd', 'qbxmltypes160.xsd', 'qbxmlso160.xsd'];

/** Validation messages for a document; none when it is valid. */
export type SchemaCheck = (xml: string) => Promise<string[]>;

/** Reads the four schema files once and returns a checker that reuses them for every document. */
export function loadSchema(schemaDir: string = DEFAULT_SCHEMA_DIR): SchemaCheck {
  const read = (fileName: string) => ({ fileName, contents: readFileSync(join(schemaDir, fileName), 'utf8') });
  const schema = read(ENTRY);
  const preload = INCLUDED.map(read);
  return async (xml) => {
    const result = await validateXML({ xml: [{ fileName: 'request.xml', contents: xml }], schema, preload });
    return result.errors.map((e) => e.message);
  };
}
