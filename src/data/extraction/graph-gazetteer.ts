/**
 * The graph as the extractor's gazetteer: every country, organization, official, deployment and
 * topic with the names and aliases a report may use for it, keyed as import documents key them
 * (ISO code, acronym or name, official's name), so that a proposal refers to recorded entities.
 */
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Gazetteer } from './extract.ts';

/** Reads the gazetteer from the database: five statements, whatever the size of the graph's positions. */
export async function loadGazetteer(prisma: PrismaClient): Promise<Gazetteer> {
  const [countries, organizations, officials, deployments, topics] = await Promise.all([
    prisma.country.findMany({ select: { isoCode: true, actor: { select: { name: true, aliases: true } } }, orderBy: { id: 'asc' } }),
    prisma.organization.findMany({
      select: { acronym: true, actor: { select: { name: true, aliases: true } }, members: { select: { country: { select: { isoCode: true } } } } },
      orderBy: { id: 'asc' },
    }),
    prisma.official.findMany({
      select: {
        name: true,
        title: true,
        aliases: true,
        country: { select: { isoCode: true } },
        organization: { select: { acronym: true, actor: { select: { name: true } } } },
      },
      orderBy: { id: 'asc' },
    }),
    prisma.deployment.findMany({
      select: {
        name: true,
        system: true,
        systemName: true,
        location: true,
        aliases: true,
        host: { select: { isoCode: true } },
        hosts: { select: { country: { select: { isoCode: true } } } },
        operator: { select: { name: true, country: { select: { isoCode: true } }, organization: { select: { acronym: true } } } },
      },
      orderBy: { id: 'asc' },
    }),
    prisma.topic.findMany({ select: { name: true, aliases: true }, orderBy: { id: 'asc' } }),
  ]);
  return {
    countries: countries.map((c) => ({ isoCode: c.isoCode, name: c.actor.name, aliases: c.actor.aliases })),
    organizations: organizations.map((o) => ({
      acronym: o.acronym,
      name: o.actor.name,
      aliases: o.actor.aliases,
      members: o.members.map((m) => m.country.isoCode),
    })),
    officials: officials.map((o) => ({
      name: o.name,
      title: o.title,
      aliases: o.aliases,
      country: o.country?.isoCode ?? null,
      organization: o.organization ? (o.organization.acronym ?? o.organization.actor.name) : null,
    })),
    deployments: deployments.map((d) => ({
      name: d.name,
      system: d.system,
      systemName: d.systemName,
      location: d.location,
      host: d.host?.isoCode ?? null,
      hosts: [...new Set(d.hosts.map((h) => h.country.isoCode))].filter((code) => code !== d.host?.isoCode),
      operator: d.operator ? (d.operator.country?.isoCode ?? d.operator.organization?.acronym ?? d.operator.name) : null,
      aliases: d.aliases,
    })),
    topics: topics.map((t) => ({ name: t.name, aliases: t.aliases })),
  };
}
