/**
 * Validation problems a mutation reports in its payload (Shopify's `userErrors`), instead of a
 * GraphQL error: the request was understood, but the data it asks for breaks a rule. A payload
 * with userErrors has changed nothing (the write transaction is rolled back).
 */
import { Field, ObjectType } from 'type-graphql';
import { UserErrorCode, type UserErrorData } from '../data/user-errors.ts';
import { enumType } from './enum-type.ts';

export { UserErrorCode, userError, UserErrorsAbort, type FieldPath } from '../data/user-errors.ts';

/** The UserErrorCode enum type. */
export const UserErrorCodeEnum = enumType({
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input. Stable: clients may branch on it; the message is for people.',
  values: {
    BLANK: 'A required text is missing or only whitespace (an empty name, summary or body).',
    INVALID: 'A value has the wrong form (a URL, a date, a number out of range, a document that does not follow the import format).',
    INVALID_ID: 'An ID is malformed, or is the ID of another type of object than the field takes.',
    NOT_FOUND: 'An ID is well formed but names no existing object.',
    TAKEN: 'A value that must be unique (ISO code, acronym, URL, article body, key name) already belongs to another record.',
    DUPLICATE:
      'The same item is given twice, or an identical record already exists (a position with the same stance, target and holders on the same occasion; the same evidence span).',
    UNKNOWN_ISO_CODE: 'Not an assigned ISO 3166-1 alpha-2 country code (two capital letters, such as "KR").',
    FUTURE_DATE: 'A date that cannot be in the future is (a statement, a publication, an announcement); "future" means after today in every time zone.',
    TARGET_REQUIRED: 'A position must be about a deployment or a topic: it has neither.',
    TARGET_CONFLICT: 'Not given any more: a position may be about deployments and topics both (kept so that clients that name it still validate).',
    HOLDER_REQUIRED: 'A position needs at least one holder (a country or an organization).',
    SPEAKER_NOT_HOLDER: "A speaker speaks for a country or organization that is not among the position's holders.",
    EVIDENCE_REQUIRED: 'A position needs at least one piece of evidence; the last one cannot be removed (delete the position instead).',
    EVIDENCE_NOT_IN_ARTICLE: 'The evidence text is not in the article body (or not at the given start).',
    EVIDENCE_AMBIGUOUS: 'The evidence text occurs more than once in the article body: give its start.',
    ARTICLE_CITED: 'The article is cited as evidence by positions: deleting it needs `deletePositions: true`.',
    IN_USE: 'The record cannot be deleted while other records depend on it (the message says which); merge it or change them first.',
    SAME_RECORD: 'A merge names the same record as the one to keep and the duplicate.',
    VERSION_CONFLICT: 'The record changed since the version the client read (`expectedVersion`): read it again and retry.',
    UNKNOWN_REFERENCE: 'An import document refers to a country, organization, official, meeting or deployment it does not declare.',
    AMBIGUOUS_MATCH: 'An import document names an entity that matches several existing records; nothing can tell which one is meant.',
    CONFLICT: 'An import document contradicts the database in a way that cannot be merged (an article URL already holding another body).',
    NOT_A_PROPOSAL:
      'Only positions proposed by automatic extraction (provenance EXTRACTED) are accepted or rejected; correct or delete the others with positionUpdate and positionDelete.',
  },
});

@ObjectType('UserError', { description: 'A problem with the input of a mutation. A payload that has any has changed nothing.' })
export class UserError implements UserErrorData {
  @Field(() => [String], {
    nullable: true,
    description:
      'The path to the input field at fault, from the argument down (`["input", "evidence", "0", "text"]`); null when the problem is not one field\'s.',
  })
  field!: string[] | null;

  @Field(() => String, { description: 'What is wrong, for people.' })
  message!: string;

  @Field(() => UserErrorCodeEnum, { description: 'What is wrong, for programs.' })
  code!: UserErrorCode;
}
