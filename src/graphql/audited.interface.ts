import { Field, Int, InterfaceType } from 'type-graphql';
import { typeNameOf } from './node.interface.ts';
import { DateTimeScalar } from './scalars.ts';

/**
 * Who created and last changed a record, when, and its version. Object types that implement it
 * get these fields from here (type-graphql copies an interface's fields); every record carries
 * the columns (src/data/model-listing.ts recordOf).
 */
@InterfaceType('Audited', {
  resolveType: typeNameOf,
  description: 'A record that keeps when and by whom it was created and last changed, and a version number for optimistic concurrency.',
})
export abstract class Audited {
  @Field(() => DateTimeScalar, { description: 'When the record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the record was last changed (its creation, if it never was).' })
  updatedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'The label of the API key that created the record ("seed" for the seed data, the import command\'s label for its imports); null for records older than this field.',
  })
  createdBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The label of the API key (or command) that changed the record last.' })
  updatedBy!: string | null;

  @Field(() => Int, {
    description:
      'Starts at 1 and grows by one with every change. Pass it as `expectedVersion` to an update so that it fails (VERSION_CONFLICT) instead of overwriting a change you have not seen.',
  })
  version!: number;
}
