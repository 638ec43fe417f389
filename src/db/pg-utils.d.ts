/** pg's encoding of a parameter's value as text (lists, bytes, dates), which @types/pg does not declare. */
declare module 'pg/lib/utils.js' {
  const utils: {
    /** The text pg sends for a parameter (a list as an array literal); bytes stay bytes (sent in binary); null and undefined stay null. */
    prepareValue(value: unknown): string | Buffer | null;
  };
  export default utils;
}
