import { registerEnumType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SortKey } from '../../db/pages.ts';
import { acceptsDay } from '../../data/listing.ts';
import { recordedKey } from '../../data/listing.ts';
import { OrderInputType } from '../../graphql/list-args.ts';

/** Fields deployments can be ordered by. */
export enum DeploymentOrderField {
  RECORDED_AT = 'RECORDED_AT',
  NAME = 'NAME',
  ANNOUNCED_ON = 'ANNOUNCED_ON',
}

registerEnumType(DeploymentOrderField, {
  name: 'DeploymentOrderField',
  description: 'Fields deployments can be ordered by.',
  valuesConfig: {
    RECORDED_AT: { description: 'The order the graph recorded them in (the default).' },
    NAME: { description: 'The descriptive name, by Unicode code point.' },
    ANNOUNCED_ON: { description: 'The day the deployment was announced; deployments with no known day count as earlier than any dated one.' },
  },
});

export const DeploymentOrder = OrderInputType<DeploymentOrderField>(DeploymentOrderField, 'DeploymentOrder', 'deployments');
export type DeploymentOrder = InstanceType<typeof DeploymentOrder>;

export const deploymentSortKeys: Record<DeploymentOrderField, SortKey> = {
  RECORDED_AT: recordedKey,
  NAME: { order: 'NAME', sql: Prisma.sql`n.name`, type: 'text' },
  ANNOUNCED_ON: { order: 'ANNOUNCED_ON', sql: Prisma.sql`COALESCE(n."announcedOn", '-infinity'::date)`, type: 'date', accepts: acceptsDay },
};
