// @module-tag any-database
/**
 * The Date scalar (src/graphql/scalars.ts): graphql-scalars' Date, with a faster writer of a Date's
 * day (src/data/rules.ts `formatDay`) that must write what graphql-scalars writes.
 */
import { DateResolver } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/data/rules.ts';
import { DateScalar } from '../../src/graphql/scalars.ts';

/** Instants on either side of the years 0 to 9999, at any time of day, and ~440 days between. */
function instants(): number[] {
  const list = [
    Date.UTC(2016, 6, 28),
    Date.UTC(2016, 6, 28, 23, 59, 59, 999),
    Date.UTC(2000, 1, 29, 12),
    Date.UTC(1999, 11, 31, 0, 0, 0, 1),
    Date.UTC(9999, 11, 31, 23),
    Date.UTC(10_000, 0, 1),
    Date.UTC(-1, 0, 1),
    new Date('0000-01-01T00:00:00Z').getTime(),
    new Date('0099-03-04T00:00:00Z').getTime(),
    8.64e15,
    -8.64e15,
  ];
  for (let day = 0; day < 3000; day += 7) list.push(Date.UTC(1900, 0, 1 + day * 13));
  return list;
}

const outcome = (serialize: (value: unknown) => unknown, value: unknown) => {
  try {
    return { value: serialize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('the Date scalar', () => {
  it("writes every Date's UTC day as graphql-scalars does, at any time of day and in any year", () => {
    for (const instant of instants()) {
      expect(
        outcome((v) => DateScalar.serialize(v), new Date(instant)),
        new Date(instant).toISOString(),
      ).toEqual(outcome((v) => DateResolver.serialize(v), new Date(instant)));
    }
  });

  it('leaves the rest to graphql-scalars: an invalid Date, text, and values of other types', () => {
    for (const value of [new Date(Number.NaN), '2016-07-28', '2016-02-30', 'July', 20160728, null]) {
      expect(outcome((v) => DateScalar.serialize(v), value)).toEqual(outcome((v) => DateResolver.serialize(v), value));
    }
    expect(DateScalar.parseValue('2016-07-28')).toEqual(DateResolver.parseValue('2016-07-28'));
    expect(DateScalar.description).toBe(DateResolver.description);
  });

  it("formatDay, its writer, writes what toISOString's day is, and throws as it does for an invalid Date", () => {
    for (const instant of instants()) {
      const date = new Date(instant);
      expect(formatDay(date), date.toISOString()).toBe(date.toISOString().slice(0, 10));
    }
    expect(() => formatDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});
