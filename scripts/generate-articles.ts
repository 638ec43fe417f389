/**
 * `npx tsx scripts/generate-articles.ts [count] [--seed n] > articles.jsonl`: writes `count`
 * (default 1000) made-up articles in the import format, one JSON document per line, for
 * measuring and testing the import (`npm run import -- articles.jsonl`).
 *
 * The articles are fiction built from templates, deterministic for a seed. They reuse a small
 * world (20 countries, 2 organizations, 60 officials, 12 weapon systems), so that an import
 * exercises matching as well as creation: most countries, officials and deployments are met
 * again, some positions recur (and gain evidence), and a few articles have no URL (matched by
 * the hash of their body).
 */
import { parseArgs } from 'node:util';
import { seededRandom } from './seeded-random.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string' } } });
const count = Number(positionals[0] ?? 1000);
if (!Number.isInteger(count) || count < 1) {
  console.error('usage: npx tsx scripts/generate-articles.ts [count] [--seed n] > articles.jsonl');
  process.exit(2);
}

const random = seededRandom(Number(values.seed ?? 42));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
function pickSome<T>(items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  return out;
}

// The lists below are packed many to a line on purpose; Prettier would put each item on a line of its own.
// prettier-ignore
const countries = [
  ['CN', 'China', 'Beijing'], ['RU', 'Russia', 'Moscow'], ['US', 'United States', 'Washington'], ['KR', 'South Korea', 'Seoul'], ['KP', 'North Korea', 'Pyongyang'],
  ['JP', 'Japan', 'Tokyo'], ['DE', 'Germany', 'Berlin'], ['FR', 'France', 'Paris'], ['GB', 'United Kingdom', 'London'], ['PL', 'Poland', 'Warsaw'],
  ['RO', 'Romania', 'Bucharest'], ['TR', 'Turkey', 'Ankara'], ['IN', 'India', 'New Delhi'], ['PK', 'Pakistan', 'Islamabad'], ['IR', 'Iran', 'Tehran'],
  ['IL', 'Israel', 'Jerusalem'], ['AU', 'Australia', 'Canberra'], ['PH', 'Philippines', 'Manila'], ['UA', 'Ukraine', 'Kyiv'], ['BY', 'Belarus', 'Minsk'],
] as const;
const organizations = [
  { acronym: 'NATO', name: 'North Atlantic Treaty Organization', members: ['US', 'DE', 'FR', 'GB', 'PL', 'RO', 'TR'] },
  { acronym: 'EU', name: 'European Union', members: ['DE', 'FR', 'PL', 'RO'] },
];
// prettier-ignore
const systems = [
  ['THAAD', 'Terminal High Altitude Area Defense'], ['Patriot', 'MIM-104 Patriot'], ['S-400', 'S-400 Triumf'], ['Aegis Ashore', 'Aegis Ashore'],
  ['Iskander', 'Iskander-M'], ['HIMARS', 'M142 High Mobility Artillery Rocket System'], ['Typhon', 'Typhon Mid-Range Capability'], ['SM-3', 'Standard Missile 3'],
  ['Oreshnik', 'Oreshnik'], ['Iron Dome', 'Iron Dome'], ['Arrow 3', 'Arrow 3'], ['NASAMS', 'National Advanced Surface-to-Air Missile System'],
] as const;
const operators = ['US', 'RU', 'CN', 'IL', 'DE', 'FR', 'GB', 'NATO'];
// prettier-ignore
const titles = ['Foreign Minister', 'Deputy Foreign Minister', 'Defense Minister', 'Foreign Ministry spokesperson', 'Ambassador to the United Nations', 'National Security Adviser'];
// prettier-ignore
const given = ['Anna', 'Wei', 'Sergei', 'Min-jun', 'Hiroshi', 'Klaus', 'Marie', 'James', 'Piotr', 'Elena', 'Mehmet', 'Ravi', 'Ayesha', 'Ali', 'David', 'Grace', 'Jose', 'Olena', 'Ivan', 'Mei'];
// prettier-ignore
const family = ['Li', 'Petrov', 'Smith', 'Kim', 'Tanaka', 'Schmidt', 'Dubois', 'Brown', 'Nowak', 'Popescu', 'Yilmaz', 'Sharma', 'Khan', 'Rahimi', 'Cohen', 'Wilson', 'Santos', 'Kovalenko', 'Ivanov', 'Chen'];
const officials = Array.from({ length: 60 }, (_, i) => {
  const [code] = countries[i % countries.length]!;
  return { name: `${given[(i * 7) % given.length]} ${family[(i * 3 + Math.floor(i / 20)) % family.length]}`, title: titles[i % titles.length]!, country: code };
});
const phrasing: Record<string, string[]> = {
  SUPPORT: ['welcomed', 'endorsed', 'defended'],
  OPPOSE: ['rejected', 'declared firm opposition to', 'opposed'],
  CONCERN: ['voiced serious concern over', 'expressed worry about'],
  CRITICIZE: ['condemned', 'criticized', 'denounced'],
  URGE: ['urged restraint over', 'called for talks on'],
  COMMIT: ['pledged to support', 'agreed to coordinate on'],
  THREATEN: ['warned of countermeasures against', 'threatened a response to'],
};
const stances = Object.keys(phrasing);
const topics = [
  'denuclearization of the Korean Peninsula',
  'the Six Party Talks',
  'military drills in the region',
  'arms control talks',
  'freedom of navigation',
];
const sources = ['Xinhua', 'Reuters', 'TASS', 'Yonhap', 'Kyodo', 'AFP', 'AP'];
const day = (d: Date) => d.toISOString().slice(0, 10);

const lines: string[] = [];
for (let n = 1; n <= count; n++) {
  const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 3600) * 86_400_000);
  const [system, systemName] = pick(systems);
  const host = pick(countries);
  const operator = pick(operators);
  const dkey = 'deployment';
  const speakers = pickSome(
    officials.filter((o) => o.country !== host[0]),
    1 + Math.floor(random() * 3),
  );
  const sentences: string[] = [`${host[2].toUpperCase()}, ${day(date)} (${pick(sources)}) -- Report ${n}-${Math.floor(random() * 1e9).toString(36)}.`];
  sentences.push(`The deployment of the ${systemName} (${system}) in ${host[1]} was discussed again this week.`);
  const positions: object[] = [];
  const used = new Set<string>();
  for (const speaker of speakers) {
    const stance = pick(stances);
    const aboutTopic = random() < 0.25;
    const topic = aboutTopic ? pick(topics) : null;
    const identity = `${stance}|${topic ?? dkey}|${speaker.country}`;
    if (used.has(identity)) continue;
    used.add(identity);
    const country = countries.find((c) => c[0] === speaker.country)!;
    const sentence = `${country[1]}'s ${speaker.title} ${speaker.name} ${pick(phrasing[stance]!)} ${topic ?? `the ${system} deployment in ${host[1]}`} on ${day(date)}, in remarks numbered ${n}.${positions.length}.`;
    sentences.push(sentence);
    positions.push({
      stance,
      summary: `${speaker.name} of ${country[1]} took a ${stance.toLowerCase()} stance on ${topic ?? `the ${system} deployment in ${host[1]}`}.`,
      holders: [speaker.country],
      speakers: [speaker.name],
      addressees: random() < 0.3 ? [host[0]].filter((c) => c !== speaker.country) : [],
      deployment: topic ? null : dkey,
      topic,
      meeting: null,
      statedOn: day(date),
      evidence: [{ quote: sentence }],
    });
  }
  sentences.push(`Officials in ${host[2]} did not comment.`);
  const codes = new Set<string>([host[0], ...speakers.map((s) => s.country), ...(operator !== 'NATO' ? [operator] : [])]);
  const document = {
    format: 'stancegraph.article/1',
    article: {
      source: pick(sources),
      headline: `${system} in ${host[1]}: reactions (${n})`,
      url: random() < 0.9 ? `https://news.example/${day(date)}/${n}` : null,
      publishedAt: `${day(date)}T08:00:00Z`,
      photoCredit: null,
      body: sentences.join('\n'),
    },
    countries: [...codes].map((code) => {
      const c = countries.find((x) => x[0] === code)!;
      return { isoCode: c[0], name: c[1], aliases: [c[2]] };
    }),
    organizations:
      operator === 'NATO'
        ? [{ acronym: 'NATO', name: organizations[0]!.name, aliases: [], members: organizations[0]!.members.filter((m) => codes.has(m)) }]
        : [],
    officials: speakers.map((s) => ({ name: s.name, title: s.title, aliases: [s.name.split(' ')[1]], country: s.country, organization: null })),
    meetings: [],
    deployments: [
      {
        key: dkey,
        name: `${system} in ${host[1]}`,
        system,
        systemName,
        status: pick(['PROPOSED', 'ANNOUNCED', 'UNDER_CONSTRUCTION', 'OPERATIONAL']),
        location: null,
        operator,
        host: host[0],
        announcedOn: null,
      },
    ],
    positions,
  };
  lines.push(JSON.stringify(document));
}
process.stdout.write(`${lines.join('\n')}\n`);
