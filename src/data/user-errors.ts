/**
 * The problems a write reports instead of changing anything (the API's `userErrors`): plain data,
 * free of GraphQL, so that the import and the command-line tools use them too.
 * src/graphql/user-error.ts exposes them in the schema (with a description of every code).
 */
export enum UserErrorCode {
  BLANK = 'BLANK',
  INVALID = 'INVALID',
  INVALID_ID = 'INVALID_ID',
  NOT_FOUND = 'NOT_FOUND',
  TAKEN = 'TAKEN',
  DUPLICATE = 'DUPLICATE',
  UNKNOWN_ISO_CODE = 'UNKNOWN_ISO_CODE',
  FUTURE_DATE = 'FUTURE_DATE',
  TARGET_REQUIRED = 'TARGET_REQUIRED',
  TARGET_CONFLICT = 'TARGET_CONFLICT',
  HOLDER_REQUIRED = 'HOLDER_REQUIRED',
  SPEAKER_NOT_HOLDER = 'SPEAKER_NOT_HOLDER',
  EVIDENCE_REQUIRED = 'EVIDENCE_REQUIRED',
  EVIDENCE_NOT_IN_ARTICLE = 'EVIDENCE_NOT_IN_ARTICLE',
  EVIDENCE_AMBIGUOUS = 'EVIDENCE_AMBIGUOUS',
  ARTICLE_CITED = 'ARTICLE_CITED',
  IN_USE = 'IN_USE',
  SAME_RECORD = 'SAME_RECORD',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  UNKNOWN_REFERENCE = 'UNKNOWN_REFERENCE',
  AMBIGUOUS_MATCH = 'AMBIGUOUS_MATCH',
  CONFLICT = 'CONFLICT',
  NOT_A_PROPOSAL = 'NOT_A_PROPOSAL',
}

/** A path to the input field at fault, from the mutation's argument down: `["input", "evidence", 0, "text"]`. */
export type FieldPath = readonly (string | number)[];

export interface UserErrorData {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

export function userError(field: FieldPath | null, message: string, code: UserErrorCode): UserErrorData {
  return { field: field === null ? null : field.map(String), message, code };
}

/** Thrown inside a write transaction to roll it back and report `errors` in the payload. */
export class UserErrorsAbort extends Error {
  override name = 'UserErrorsAbort';
  constructor(readonly errors: UserErrorData[]) {
    super(errors.map((e) => `${e.field?.join('.') ?? '-'}: ${e.message}`).join('; '));
  }
}
