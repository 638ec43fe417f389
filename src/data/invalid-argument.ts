/**
 * A client mistake in an argument of a read (a filter, a cursor, an ID, a page size): the data
 * layer names the argument and says what is wrong; the GraphQL layer reports it as an error with
 * code BAD_USER_INPUT and `argumentName` (src/graphql/errors.ts). Writes report their problems as
 * userErrors instead (src/data/user-errors.ts).
 */
export class InvalidArgument extends Error {
  override name = 'InvalidArgument';
  constructor(
    message: string,
    readonly argumentName?: string,
  ) {
    super(message);
  }
}
