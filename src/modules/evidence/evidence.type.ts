import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';

@ObjectType('Evidence', {
  implements: [Node, Audited],
  description: 'An exact span of one article\'s body that reports a position: `text` equals `article.body` sliced from `start` to `end`.',
})
export class Evidence implements Node, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;
  articleRowId!: number;
  positionRowId!: number;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this evidence.' })
  id!: string;

  @Field(() => String, { description: 'The quoted text, exactly as it appears in the article.' })
  text!: string;

  @Field(() => Int, { description: 'Offset of the first character of the quote in the article body (UTF-16 code units, as JavaScript\'s String.prototype.slice counts).' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character of the quote in the article body.' })
  end!: number;
}
