/**
 * The writes countries and organizations share (both are rows of Actor): deleting one, and
 * merging a duplicate into the record kept. Apart from actor.ts, so that the models that use
 * them are not imported back by the reading of mixed lists.
 */
import { snapshot } from '../checks.ts';
import { UserErrorCode, type FieldPath } from '../user-errors.ts';
import { changedBy, ChangeAction, type Tx, type Write } from '../write.ts';
import { aliasesWith } from './names.ts';

/** The two kinds of actor. */
export type ActorKindName = 'Country' | 'Organization';

/** Ids of the rows a statement touched, for the change log. */
async function ids(rows: Promise<{ id: number }[]>): Promise<number[]> {
  return (await rows).map((r) => r.id);
}

/** Moves link rows (positionId, actorId) from one actor to another, skipping those the other already has. */
async function moveActorLinks(tx: Tx, table: 'positionHolder' | 'positionAddressee', from: number, to: number): Promise<number[]> {
  const delegate = tx[table] as unknown as {
    findMany(args: object): Promise<{ positionId: number }[]>;
    createMany(args: object): Promise<unknown>;
    deleteMany(args: object): Promise<unknown>;
  };
  const rows = await delegate.findMany({ where: { actorId: from }, select: { positionId: true } });
  if (rows.length === 0) return [];
  await delegate.createMany({ data: rows.map((r) => ({ positionId: r.positionId, actorId: to })), skipDuplicates: true });
  await delegate.deleteMany({ where: { actorId: from } });
  return rows.map((r) => r.positionId);
}

/**
 * Refuses to delete an actor that positions name as holder or addressee (a position must keep
 * its holders; an addressee removed would be lost silently); detaches everything else.
 * Returns what was detached, for the change log.
 */
export async function deleteActor(w: Write, kind: ActorKindName, id: number, field: FieldPath): Promise<Record<string, unknown>> {
  const tx = w.tx;
  // One statement at a time: a transaction is one connection, which runs them in turn anyway.
  const held = await tx.positionHolder.count({ where: { actorId: id } });
  const addressed = await tx.positionAddressee.count({ where: { actorId: id } });
  if (held + addressed > 0) {
    const parts = [
      held ? `holds ${held} position${held === 1 ? '' : 's'}` : '',
      addressed ? `is the addressee of ${addressed} position${addressed === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    const merge = kind === 'Country' ? 'countryMerge' : 'organizationMerge';
    w.abort(
      field,
      `this ${kind.toLowerCase()} ${parts.join(' and ')}: merge it into another ${kind.toLowerCase()} (${merge}) or change those positions first`,
      UserErrorCode.IN_USE,
    );
  }
  const detached = {
    officials: await ids(tx.official.findMany({ where: kind === 'Country' ? { countryId: id } : { organizationId: id }, select: { id: true } })),
    operatedDeployments: await ids(tx.deployment.findMany({ where: { operatorId: id }, select: { id: true } })),
    hostedDeployments: kind === 'Country' ? await ids(tx.deployment.findMany({ where: { hostId: id }, select: { id: true } })) : [],
    hostedMeetings: kind === 'Country' ? await ids(tx.meeting.findMany({ where: { countryId: id }, select: { id: true } })) : [],
    memberships: (await tx.organizationMembership.findMany({ where: kind === 'Country' ? { countryId: id } : { organizationId: id } })).map((m) =>
      kind === 'Country' ? m.organizationId : m.countryId,
    ),
  };
  // The records that lose their reference to the actor change: their version moves on.
  const touch = changedBy(w.actor);
  if (detached.officials.length) await tx.official.updateMany({ where: { id: { in: detached.officials } }, data: touch });
  const deployments = [...new Set([...detached.operatedDeployments, ...detached.hostedDeployments])];
  if (deployments.length) await tx.deployment.updateMany({ where: { id: { in: deployments } }, data: touch });
  if (detached.hostedMeetings.length) await tx.meeting.updateMany({ where: { id: { in: detached.hostedMeetings } }, data: touch });
  const actor = await tx.actor.delete({ where: { id }, include: { country: true, organization: true } });
  await w.log(ChangeAction.DELETE, kind, id, {
    deleted: { ...snapshot(actor), isoCode: actor.country?.isoCode, acronym: actor.organization?.acronym },
    detached,
  });
  return detached;
}

/**
 * Moves every relation of `duplicateId` onto `keepId` (held and addressed positions, operated and
 * hosted deployments, hosted meetings, officials, memberships), adds the duplicate's name and
 * aliases to the kept record's aliases, deletes the duplicate, and records the merge.
 * Both must exist and be of `kind` (checked by the caller).
 */
export async function mergeActors(
  w: Write,
  kind: ActorKindName,
  keep: { id: number; name: string; aliases: string[] },
  duplicate: { id: number; name: string; aliases: string[] },
  duplicateDetails: Record<string, unknown>,
): Promise<void> {
  const tx = w.tx;
  const touch = changedBy(w.actor);
  const from = duplicate.id;
  const to = keep.id;
  const moved: Record<string, number[]> = {
    heldPositions: await moveActorLinks(tx, 'positionHolder', from, to),
    addressedPositions: await moveActorLinks(tx, 'positionAddressee', from, to),
    operatedDeployments: await ids(tx.deployment.findMany({ where: { operatorId: from }, select: { id: true } })),
  };
  if (moved.operatedDeployments!.length) await tx.deployment.updateMany({ where: { operatorId: from }, data: { operatorId: to, ...touch } });
  if (kind === 'Country') {
    moved.officials = await ids(tx.official.findMany({ where: { countryId: from }, select: { id: true } }));
    await tx.official.updateMany({ where: { countryId: from }, data: { countryId: to, ...touch } });
    moved.hostedDeployments = await ids(tx.deployment.findMany({ where: { hostId: from }, select: { id: true } }));
    await tx.deployment.updateMany({ where: { hostId: from }, data: { hostId: to, ...touch } });
    moved.hostedMeetings = await ids(tx.meeting.findMany({ where: { countryId: from }, select: { id: true } }));
    await tx.meeting.updateMany({ where: { countryId: from }, data: { countryId: to, ...touch } });
    const memberships = await tx.organizationMembership.findMany({ where: { countryId: from } });
    moved.memberships = memberships.map((m) => m.organizationId);
    if (memberships.length)
      await tx.organizationMembership.createMany({ data: memberships.map((m) => ({ organizationId: m.organizationId, countryId: to })), skipDuplicates: true });
  } else {
    moved.officials = await ids(tx.official.findMany({ where: { organizationId: from }, select: { id: true } }));
    await tx.official.updateMany({ where: { organizationId: from }, data: { organizationId: to, ...touch } });
    const memberships = await tx.organizationMembership.findMany({ where: { organizationId: from } });
    moved.members = memberships.map((m) => m.countryId);
    if (memberships.length)
      await tx.organizationMembership.createMany({ data: memberships.map((m) => ({ organizationId: to, countryId: m.countryId })), skipDuplicates: true });
  }
  const positions = [...new Set([...moved.heldPositions!, ...moved.addressedPositions!])];
  if (positions.length) await tx.position.updateMany({ where: { id: { in: positions } }, data: touch });
  // Deleting the duplicate removes its remaining links (memberships, link rows already copied).
  await tx.actor.delete({ where: { id: from } });
  const aliases = aliasesWith(keep, duplicate);
  await tx.actor.update({ where: { id: to }, data: { ...(aliases ? { aliases } : {}), ...touch } });
  await w.log(ChangeAction.MERGE, kind, to, {
    mergedFrom: from,
    duplicate: duplicateDetails,
    moved,
    aliasesAdded: aliases ? aliases.filter((a) => !keep.aliases.includes(a)) : [],
  });
}
