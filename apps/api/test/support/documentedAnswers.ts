import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const DOCUMENT_ID = 'https://promwall.invalid/api/v1/openapi.json';

/** Problems of an answer against its schema in the OpenAPI document; none when it conforms. */
export type AnswerCheck = (path: string, method: string, status: number, body: unknown) => string[];

/**
 * Checks answers against the schemas of the OpenAPI document that the API serves, with Ajv in
 * strict mode: a field the document does not have, a wrong type or a missing field is a problem.
 */
export function documentedAnswers(document: unknown): AnswerCheck {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // The document's own keys; its schemas sit below them and are checked in full.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components']);
  ajv.addSchema(document as object, DOCUMENT_ID);

  return (path, method, status, body) => {
    let pointer = `#/paths/${escape(path)}/${method}/responses/${status}`;
    const response = resolve(document, pointer) as { $ref?: string } | undefined;
    if (response === undefined) return [`the document has no ${status} answer for ${method.toUpperCase()} ${path}`];
    if (response.$ref) pointer = response.$ref;
    const validate = ajv.getSchema(`${DOCUMENT_ID}${pointer}/content/application~1json/schema`);
    if (!validate) return [`the document has no JSON schema at ${pointer}`];
    return validate(body)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  };
}

function escape(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function resolve(document: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
}
