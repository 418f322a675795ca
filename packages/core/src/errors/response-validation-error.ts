// Tests: ./errors.test.ts, ../transport/transport.test.ts

import { redactBodyText } from '../internal/redact-value.js';
import { redactUrl, scrubText } from '../internal/redaction.js';
import { AnaplanAccessError } from './anaplan-access-error.js';

/** Largest part of the raw body kept on a {@link ResponseValidationError}, in characters. */
const maxRawBodyLength = 2048;

/** One schema problem found in a response body. */
export interface ValidationIssue {
  /** The validator's issue code, e.g. `invalid_type`. */
  code: string;
  /** Where in the body, as keys and indexes. */
  path: (string | number)[];
  /** What was wrong. */
  message: string;
}

/** What a {@link ResponseValidationError} is built from. */
export interface ResponseValidationErrorInit {
  method: string;
  url: string;
  /** HTTP status of the (2xx) response. */
  status: number;
  issues: ValidationIssue[];
  /** The raw body text; credential-named JSON keys are masked and the text is cut to 2 KB. */
  rawBody: string;
  /** Known secret values to scrub; not kept. */
  secrets?: Iterable<string>;
}

/**
 * The server answered 2xx, but the body did not match the schema the SDK expects (or was not valid JSON).
 * This is kept apart from {@link ApiError}: the server did not reject the request, our expectation of its answer
 * was wrong. Report it with `issues` and `rawBody`.
 */
export class ResponseValidationError extends AnaplanAccessError {
  static override readonly kind: string = 'response-validation';
  override readonly name: string = 'ResponseValidationError';
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];
  /** Path of the first problem, dotted (`tokenInfo.expiresAt`); empty for the body itself. */
  readonly path: string;
  /** The body as received, redacted and cut to 2 KB. */
  readonly rawBody: string;

  constructor(init: ResponseValidationErrorInit) {
    const secrets = [...(init.secrets ?? [])];
    const url = redactUrl(init.url, secrets);
    const method = init.method.toUpperCase();
    const first = init.issues[0];
    const path = first ? first.path.join('.') : '';
    super(
      `${method} ${url} returned a body that does not match the expected shape` +
        (first ? ` at "${path}": ${first.message}` : ''),
      { secrets },
    );
    this.method = method;
    this.url = url;
    this.status = init.status;
    this.issues = init.issues.map((issue) => ({
      code: issue.code,
      path: [...issue.path],
      message: scrubText(issue.message, secrets),
    }));
    this.path = path;
    this.rawBody = redactBodyText(init.rawBody, secrets, maxRawBodyLength);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      method: this.method,
      url: this.url,
      status: this.status,
      path: this.path,
      issues: this.issues,
      rawBody: this.rawBody,
    };
  }
}
