/**
 * What the graph already knows, as the extractor reads it: countries, organizations, officials,
 * deployments and topics with the names an article may use for them. Another module builds it
 * from the database; `gazetteerFromDocuments` builds it from import documents (the evaluation).
 */
import type { ArticleDocument } from '../import/format.ts';

export interface GazetteerCountry {
  isoCode: string | null;
  name: string;
  aliases: string[];
}
export interface GazetteerOrganization {
  acronym: string | null;
  name: string;
  aliases: string[];
  members: string[];
}
export interface GazetteerOfficial {
  name: string;
  title: string | null;
  aliases: string[];
  country: string | null;
  organization: string | null;
}
export interface GazetteerDeployment {
  name: string;
  system: string | null;
  systemName: string | null;
  location: string | null;
  host: string | null;
  hosts: string[];
  operator: string | null;
  aliases: string[];
}
export interface Gazetteer {
  countries: GazetteerCountry[];
  organizations: GazetteerOrganization[];
  officials: GazetteerOfficial[];
  deployments: GazetteerDeployment[];
  topics: Array<{ name: string; aliases: string[] }>;
}

/**
 * The forms articles use for a country beyond its recorded name and aliases: demonyms (which name
 * an actor only before a word such as "government" or "spokesperson"), capitals and other
 * metonyms, and short forms. The first name is the country's (withKnownCountries).
 */
export const COUNTRY_FORMS: Record<string, { demonyms: string[]; names: string[] }> = {
  CN: { demonyms: ['Chinese'], names: ['China', 'Beijing', "People's Republic of China", 'PRC'] },
  RU: { demonyms: ['Russian'], names: ['Russia', 'Moscow', 'Kremlin', 'the Kremlin', 'Russian Federation'] },
  US: {
    demonyms: ['American', 'U.S.', 'US'],
    names: ['United States', 'U.S.', 'US', 'USA', 'Washington', 'America', 'Pentagon', 'the Pentagon', 'White House'],
  },
  KR: { demonyms: ['South Korean'], names: ['South Korea', 'Seoul', 'ROK', 'Republic of Korea'] },
  KP: { demonyms: ['North Korean'], names: ['North Korea', 'Pyongyang', 'DPRK', "Democratic People's Republic of Korea"] },
  JP: { demonyms: ['Japanese'], names: ['Japan', 'Tokyo'] },
  PH: { demonyms: ['Philippine', 'Filipino'], names: ['Philippines', 'the Philippines', 'Manila'] },
  BY: { demonyms: ['Belarusian', 'Belarussian'], names: ['Belarus', 'Minsk'] },
  LT: { demonyms: ['Lithuanian'], names: ['Lithuania', 'Vilnius'] },
  UA: { demonyms: ['Ukrainian'], names: ['Ukraine', 'Kyiv', 'Kiev'] },
  AU: { demonyms: ['Australian'], names: ['Australia', 'Canberra'] },
  PL: { demonyms: ['Polish'], names: ['Poland', 'Warsaw'] },
  DE: { demonyms: ['German'], names: ['Germany', 'Berlin'] },
  FR: { demonyms: ['French'], names: ['France', 'Paris'] },
  GB: { demonyms: ['British'], names: ['United Kingdom', 'Britain', 'UK', 'U.K.', 'London'] },
  TW: { demonyms: ['Taiwanese'], names: ['Taiwan', 'Taipei'] },
  IN: { demonyms: ['Indian'], names: ['India', 'New Delhi'] },
  TR: { demonyms: ['Turkish'], names: ['Turkey', 'Türkiye', 'Ankara'] },
  IR: { demonyms: ['Iranian'], names: ['Iran', 'Tehran'] },
  IL: { demonyms: ['Israeli'], names: ['Israel'] },
  EE: { demonyms: ['Estonian'], names: ['Estonia', 'Tallinn'] },
  LV: { demonyms: ['Latvian'], names: ['Latvia', 'Riga'] },
  FI: { demonyms: ['Finnish'], names: ['Finland', 'Helsinki'] },
  SE: { demonyms: ['Swedish'], names: ['Sweden', 'Stockholm'] },
  RO: { demonyms: ['Romanian'], names: ['Romania', 'Bucharest'] },
  VN: { demonyms: ['Vietnamese'], names: ['Vietnam', 'Hanoi'] },
  CA: { demonyms: ['Canadian'], names: ['Canada', 'Ottawa'] },
  IT: { demonyms: ['Italian'], names: ['Italy', 'Rome'] },
  ES: { demonyms: ['Spanish'], names: ['Spain', 'Madrid'] },
  NL: { demonyms: ['Dutch'], names: ['Netherlands', 'the Netherlands', 'The Hague'] },
  NO: { demonyms: ['Norwegian'], names: ['Norway', 'Oslo'] },
  DK: { demonyms: ['Danish'], names: ['Denmark', 'Copenhagen'] },
  CZ: { demonyms: ['Czech'], names: ['Czech Republic', 'Czechia', 'Prague'] },
  HU: { demonyms: ['Hungarian'], names: ['Hungary', 'Budapest'] },
  BG: { demonyms: ['Bulgarian'], names: ['Bulgaria', 'Sofia'] },
  GR: { demonyms: ['Greek'], names: ['Greece', 'Athens'] },
  GE: { demonyms: ['Georgian'], names: ['Georgia', 'Tbilisi'] },
  MD: { demonyms: ['Moldovan'], names: ['Moldova', 'Chisinau'] },
  KZ: { demonyms: ['Kazakh'], names: ['Kazakhstan', 'Astana'] },
  PK: { demonyms: ['Pakistani'], names: ['Pakistan', 'Islamabad'] },
  SA: { demonyms: ['Saudi'], names: ['Saudi Arabia', 'Riyadh'] },
  SY: { demonyms: ['Syrian'], names: ['Syria', 'Damascus'] },
  KH: { demonyms: ['Cambodian'], names: ['Cambodia', 'Phnom Penh'] },
  MN: { demonyms: ['Mongolian'], names: ['Mongolia', 'Ulaanbaatar'] },
  SG: { demonyms: ['Singaporean'], names: ['Singapore'] },
  ID: { demonyms: ['Indonesian'], names: ['Indonesia', 'Jakarta'] },
  MY: { demonyms: ['Malaysian'], names: ['Malaysia', 'Kuala Lumpur'] },
  TH: { demonyms: ['Thai'], names: ['Thailand', 'Bangkok'] },
  NZ: { demonyms: ['New Zealand'], names: ['New Zealand', 'Wellington'] },
};

const unionOf = (a: string[], b: string[]) => [...new Set([...a, ...b])];

const withCountries = new WeakMap<Gazetteer, Gazetteer>();

/**
 * The gazetteer with the countries of COUNTRY_FORMS it does not hold yet: countries are a closed
 * set, and a graph that has only just been started (the seed knows five) should not keep the
 * extractor from reading "Japan" or "Warsaw". A proposal names them by ISO code, and the import
 * creates them. Computed once per gazetteer.
 */
export function withKnownCountries(gazetteer: Gazetteer): Gazetteer {
  const known = withCountries.get(gazetteer);
  if (known) return known;
  const held = new Set(gazetteer.countries.map((c) => c.isoCode));
  const added = Object.entries(COUNTRY_FORMS)
    .filter(([isoCode]) => !held.has(isoCode))
    .map(([isoCode, forms]) => ({ isoCode, name: forms.names[0] as string, aliases: [] }));
  const complete = added.length === 0 ? gazetteer : { ...gazetteer, countries: [...gazetteer.countries, ...added] };
  withCountries.set(gazetteer, complete);
  return complete;
}

/**
 * A gazetteer of what a graph of this domain would hold after importing `documents`: their
 * countries, organizations, deployments (one per system, or name, and host) and topics. Officials
 * come only from `officialDocuments`, so that speakers of other documents must be found by pattern.
 */
export function gazetteerFromDocuments(documents: ArticleDocument[], officialDocuments: ArticleDocument[] = documents): Gazetteer {
  const countries = new Map<string, GazetteerCountry>();
  const organizations = new Map<string, GazetteerOrganization>();
  const officials = new Map<string, GazetteerOfficial>();
  const deployments = new Map<string, GazetteerDeployment>();
  const topics = new Map<string, { name: string; aliases: string[] }>();
  for (const d of documents) {
    for (const c of d.countries) {
      const key = c.isoCode ?? c.name;
      const known = countries.get(key);
      countries.set(key, known ? { ...known, aliases: unionOf(known.aliases, c.aliases) } : { ...c });
    }
    for (const o of d.organizations) {
      const key = o.acronym ?? o.name;
      const known = organizations.get(key);
      organizations.set(key, known ? { ...known, aliases: unionOf(known.aliases, o.aliases), members: unionOf(known.members, o.members) } : { ...o });
    }
    for (const x of d.deployments) {
      const hosts = x.host === null ? [] : [x.host, ...(x.hosts ?? [])];
      const key = `${x.system ?? x.name}|${hosts.join(',')}`;
      const known = deployments.get(key);
      if (known) {
        known.aliases = unionOf(known.aliases, [...(x.aliases ?? []), ...(known.name === x.name ? [] : [x.name])]);
        continue;
      }
      deployments.set(key, {
        name: x.name,
        system: x.system,
        systemName: x.systemName,
        location: x.location,
        host: x.host,
        hosts: x.hosts ?? [],
        operator: x.operator,
        aliases: x.aliases ?? [],
      });
    }
    for (const p of d.positions) {
      for (const topic of [p.topic, ...(p.topics ?? [])]) if (topic) topics.set(topic.toLowerCase(), { name: topic, aliases: [] });
    }
  }
  for (const d of officialDocuments) {
    for (const o of d.officials) {
      const known = officials.get(o.name);
      officials.set(o.name, known ? { ...known, aliases: unionOf(known.aliases, o.aliases), title: known.title ?? o.title } : { ...o });
    }
  }
  return {
    countries: [...countries.values()],
    organizations: [...organizations.values()],
    officials: [...officials.values()],
    deployments: [...deployments.values()],
    topics: [...topics.values()],
  };
}
