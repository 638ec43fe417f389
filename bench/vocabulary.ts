/**
 * Word lists of the synthetic graph: ASCII only, so that evidence offsets computed in SQL
 * (characters) equal JavaScript's (UTF-16 code units).
 */

/** Organizations: acronym, name, aliases. */
export const organizations: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['NATO', 'North Atlantic Treaty Organization', ['the Alliance', 'North Atlantic Alliance']],
  ['EU', 'European Union', ['Brussels']],
  ['UN', 'United Nations', []],
  ['ASEAN', 'Association of Southeast Asian Nations', []],
  ['SCO', 'Shanghai Cooperation Organisation', []],
  ['CSTO', 'Collective Security Treaty Organization', []],
  ['AU', 'African Union', []],
  ['OSCE', 'Organization for Security and Co-operation in Europe', []],
  ['IAEA', 'International Atomic Energy Agency', ['the UN nuclear watchdog']],
  ['G7', 'Group of Seven', []],
  ['G20', 'Group of Twenty', []],
  ['BRICS', 'BRICS', []],
  ['GCC', 'Gulf Cooperation Council', []],
  ['OAS', 'Organization of American States', []],
  ['APEC', 'Asia-Pacific Economic Cooperation', []],
  ['EAEU', 'Eurasian Economic Union', []],
  ['CTBTO', 'Comprehensive Nuclear-Test-Ban Treaty Organization', []],
  ['OPCW', 'Organisation for the Prohibition of Chemical Weapons', []],
  ['ARF', 'ASEAN Regional Forum', []],
  ['AUKUS', 'AUKUS', []],
  ['QUAD', 'Quadrilateral Security Dialogue', ['the Quad']],
  ['CIS', 'Commonwealth of Independent States', []],
  ['ECOWAS', 'Economic Community of West African States', []],
  ['OIC', 'Organisation of Islamic Cooperation', []],
  ['NAM', 'Non-Aligned Movement', []],
  ['CD', 'Conference on Disarmament', []],
  ['EDA', 'European Defence Agency', []],
  ['PACOM', 'Indo-Pacific Command', []],
  ['CICA', 'Conference on Interaction and Confidence-Building Measures in Asia', []],
  ['IISS', 'International Institute for Strategic Studies', []],
];

// The word lists below are packed many to a line on purpose; Prettier would put each word on a line of its own.
// prettier-ignore
export const firstNames = [
  'Wei', 'Li', 'Jun', 'Hui', 'Sergei', 'Igor', 'Dmitry', 'Maria', 'Anna', 'John', 'Robert', 'Linda', 'Susan', 'James', 'Min-jun', 'Seo-yeon',
  'Ji-ho', 'Kyung-wha', 'Hiroshi', 'Yuki', 'Takeshi', 'Akiko', 'Pierre', 'Claire', 'Hans', 'Ursula', 'Anil', 'Priya', 'Ali', 'Fatima', 'Olena',
  'Andriy', 'Mehmet', 'Ayse', 'Piotr', 'Agnieszka', 'David', 'Miriam', 'Nguyen', 'Carlos',
];

// prettier-ignore
export const lastNames = [
  'Zhang', 'Wang', 'Chen', 'Liu', 'Zhao', 'Ivanov', 'Petrov', 'Sokolov', 'Morozov', 'Volkov', 'Smith', 'Johnson', 'Brown', 'Miller', 'Davis',
  'Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Tanaka', 'Suzuki', 'Watanabe', 'Sato', 'Dubois', 'Martin', 'Bernard', 'Schmidt', 'Muller', 'Weber',
  'Sharma', 'Singh', 'Patel', 'Rahimi', 'Hosseini', 'Kovalenko', 'Shevchenko', 'Yilmaz', 'Demir', 'Nowak', 'Kowalski', 'Cohen', 'Levi',
  'Tran', 'Garcia', 'Rodriguez', 'Rossi', 'Bianchi', 'Andersson', 'Nielsen', 'Popescu', 'Horvath', 'Novak', 'Papadopoulos', 'Okafor',
  'Mensah', 'Haddad', 'Nasser', 'Santos', 'Silva',
];

// prettier-ignore
export const titles = [
  'Foreign Minister', 'Deputy Foreign Minister', 'Foreign Ministry Spokesperson', 'Defense Minister', 'Deputy Defense Minister',
  'Ambassador to the United Nations', 'National Security Adviser', 'President', 'Prime Minister', 'Chief of the General Staff',
  'Director-General of the Department of Arms Control', 'Special Envoy for Korean Peninsula Affairs',
];

/**
 * Weapon systems: short name, full name, usual operator (ISO code), usual hosts (ISO codes).
 * Earlier systems are deployed more often.
 */
export const systems: ReadonlyArray<readonly [string, string, string, readonly string[]]> = [
  ['THAAD', 'Terminal High Altitude Area Defense', 'US', ['KR', 'US', 'GU', 'JP', 'RO', 'IL', 'SA']],
  ['Patriot PAC-3', 'Patriot Advanced Capability-3', 'US', ['PL', 'DE', 'JP', 'KR', 'RO', 'SA', 'UA', 'TW', 'SE']],
  ['S-400', 'S-400 Triumf', 'RU', ['RU', 'BY', 'CN', 'TR', 'IN']],
  ['Aegis Ashore', 'Aegis Ballistic Missile Defense System, land-based', 'US', ['RO', 'PL', 'JP']],
  ['Iskander-M', 'Iskander-M tactical ballistic missile system', 'RU', ['RU', 'BY']],
  ['HQ-9', 'Hongqi-9 surface-to-air missile system', 'CN', ['CN']],
  ['HIMARS', 'High Mobility Artillery Rocket System', 'US', ['PL', 'RO', 'UA', 'TW', 'EE', 'LT']],
  ['SM-3', 'Standard Missile 3', 'US', ['JP', 'US', 'RO']],
  ['DF-26', 'Dongfeng-26 intermediate-range ballistic missile', 'CN', ['CN']],
  ['Typhon', 'Typhon Mid-Range Capability', 'US', ['PH', 'DE', 'JP']],
  ['S-300', 'S-300 air defense system', 'RU', ['RU', 'SY', 'IR']],
  ['Pantsir-S1', 'Pantsir-S1 air defense system', 'RU', ['RU', 'SY']],
  ['DF-21D', 'Dongfeng-21D anti-ship ballistic missile', 'CN', ['CN']],
  ['Tomahawk', 'Tomahawk Land Attack Missile', 'US', ['US', 'DE', 'AU']],
  ['Bastion-P', 'Bastion-P coastal defense missile system', 'RU', ['RU']],
  ['Iron Dome', 'Iron Dome air defense system', 'IL', ['IL']],
  ['Arrow 3', 'Arrow 3 exoatmospheric interceptor', 'IL', ['IL', 'DE']],
  ['NASAMS', 'National Advanced Surface-to-Air Missile System', 'NO', ['UA', 'LT', 'US', 'NO']],
  ['IRIS-T SLM', 'IRIS-T Surface Launched Medium Range', 'DE', ['DE', 'UA', 'EE']],
  ['SAMP/T', 'Sol-Air Moyenne Portee/Terrestre', 'FR', ['FR', 'IT', 'UA']],
  ['KN-23', 'KN-23 short-range ballistic missile', 'KP', ['KP']],
  ['Hwasong-17', 'Hwasong-17 intercontinental ballistic missile', 'KP', ['KP']],
  ['Kinzhal', 'Kh-47M2 Kinzhal', 'RU', ['RU', 'BY']],
  ['GBI', 'Ground-Based Interceptor', 'US', ['US']],
  ['Hyunmoo-5', 'Hyunmoo-5 ballistic missile', 'KR', ['KR']],
];

/**
 * Places a deployment may be located in, by host country. Seongju is left out: the generator
 * places exactly one deployment there (the THAAD battery of the seed article).
 */
export const sites: Readonly<Record<string, readonly string[]>> = {
  KR: ['Pyeongtaek', 'Osan', 'Gunsan', 'Wonju', 'Daegu', 'Chuncheon', 'Busan'],
  US: ['Fort Bliss', 'Fort Greely', 'Vandenberg', 'Fort Sill', 'Hawaii'],
  GU: ['Andersen Air Force Base'],
  JP: ['Kyogamisaki', 'Shariki', 'Yonaguni', 'Akita', 'Okinawa', 'Hokkaido'],
  RO: ['Deveselu', 'Mihail Kogalniceanu', 'Constanta'],
  PL: ['Redzikowo', 'Rzeszow', 'Torun', 'Orzysz'],
  DE: ['Ansbach', 'Ramstein', 'Wiesbaden', 'Grafenwoehr'],
  RU: ['Kaliningrad', 'Far Eastern region', 'Crimea', 'Kamchatka', 'Kuril Islands', 'Leningrad region', 'Novosibirsk'],
  BY: ['Brest', 'Grodno', 'Baranovichi'],
  CN: ['Xinjiang', 'Fujian', 'Hainan', 'Inner Mongolia', 'Jilin', 'Shandong', 'Paracel Islands'],
  TR: ['Ankara', 'Incirlik'],
  IN: ['Punjab', 'Rajasthan', 'Ladakh'],
  SA: ['Riyadh', 'Dhahran'],
  IL: ['Negev', 'Palmachim', 'Haifa'],
  UA: ['Kyiv', 'Odesa', 'Kharkiv', 'Dnipro'],
  TW: ['Hualien', 'Taoyuan', 'Penghu'],
  SE: ['Gotland'],
  PH: ['Luzon', 'Palawan'],
  EE: ['Tapa'],
  LT: ['Vilnius', 'Rukla'],
  SY: ['Latakia', 'Tartus'],
  IR: ['Isfahan', 'Bushehr'],
  KP: ['Sinpo', 'Sohae', 'Pyongyang region'],
  AU: ['Darwin'],
  FR: ['Toulon'],
  IT: ['Sigonella'],
  NO: ['Oslo'],
};

export const units = ['battery', 'site', 'unit', 'regiment', 'brigade', 'launcher group'];

// prettier-ignore
export const topics = [
  'denuclearization of the Korean Peninsula', 'Six Party Talks', 'strategic stability', 'military drills in the region', 'inter-Korean dialogue',
  'the Iran nuclear deal', 'the New START treaty', 'freedom of navigation in the South China Sea', 'the INF Treaty', 'arms control',
  'missile defense cooperation', 'nuclear non-proliferation', 'sanctions against North Korea', 'the Comprehensive Test Ban Treaty',
  'regional security architecture', 'the war in Ukraine', 'tensions in the Taiwan Strait', 'cyber security', 'weapons in outer space',
  'hypersonic missiles', 'chemical weapons', 'peacekeeping', 'maritime disputes', 'nuclear energy cooperation', 'export controls',
  'military transparency', 'confidence-building measures', 'the ABM Treaty', 'ballistic missile tests', 'joint patrols',
];

// prettier-ignore
export const sources = [
  'Xinhua', 'TASS', 'Yonhap', 'Reuters', 'Associated Press', 'AFP', 'Kyodo', 'KCNA', 'Global Times', 'RIA Novosti', 'NHK', 'BBC', 'Al Jazeera',
  'Korea Herald', 'Interfax',
];

/** Meeting venues by host country. */
// prettier-ignore
export const cities: Readonly<Record<string, readonly string[]>> = {
  CN: ['Beijing', 'Shanghai', 'Qingdao'], RU: ['Moscow', 'Saint Petersburg', 'Vladivostok'], US: ['Washington', 'New York', 'Honolulu'],
  KR: ['Seoul', 'Busan'], KP: ['Pyongyang'], JP: ['Tokyo', 'Osaka'], GB: ['London'], FR: ['Paris'], DE: ['Berlin', 'Munich'], IN: ['New Delhi'],
  IR: ['Tehran'], UA: ['Kyiv'], TR: ['Ankara', 'Istanbul'], PL: ['Warsaw'], IL: ['Jerusalem'], TW: ['Taipei'], PH: ['Manila'], AU: ['Canberra'],
  RO: ['Bucharest'], SA: ['Riyadh'], VN: ['Hanoi'], MN: ['Ulaanbaatar'], BY: ['Minsk'], KZ: ['Astana'], CA: ['Ottawa'], IT: ['Rome'],
  ES: ['Madrid'], NL: ['The Hague'], NO: ['Oslo'], SE: ['Stockholm'], FI: ['Helsinki'], CH: ['Geneva'], AT: ['Vienna'], SG: ['Singapore'],
};

// prettier-ignore
export const meetingSeries = [
  'Northeast Asia security', 'strategic stability', 'arms control', 'the Korean Peninsula', 'missile defense', 'regional security',
  'nuclear non-proliferation', 'maritime security', 'defense cooperation', 'the Six Party Talks',
];

export const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/**
 * How each stance is put in a summary and in a quoted sentence: `{H}` is the holder's name, `{T}`
 * the target (a deployment's name, "the THAAD battery in Seongju", or a topic).
 */
export const stanceWords: Readonly<Record<string, readonly [summary: string, evidence: string]>> = {
  SUPPORT: ['{H} supports {T}.', '{H} voiced support for {T}, calling it a legitimate and necessary step.'],
  OPPOSE: ['{H} opposes {T}.', '{H} firmly opposes {T} and demanded that it be halted.'],
  CONCERN: ['{H} is concerned about {T}.', '{H} expressed serious concern over {T}, saying it undermines regional stability.'],
  CRITICIZE: ['{H} criticizes {T}.', '{H} criticized {T} as damaging to the strategic balance and to mutual trust.'],
  URGE: ['{H} urges restraint over {T}.', '{H} urged all parties concerned to exercise restraint over {T} and to return to dialogue.'],
  COMMIT: ['{H} commits to work with partners on {T}.', '{H} pledged to work closely with its partners on {T}.'],
  THREATEN: ['{H} threatens countermeasures over {T}.', '{H} warned that it would take countermeasures over {T} if it went ahead.'],
};

/** Sentences of context between the quotes of an article body. */
export const fillers = [
  'The remarks came during a regular press briefing.',
  'The statement was issued after talks that lasted several hours.',
  'Officials did not give further details.',
  'Analysts said the move could reshape the security balance in the region.',
  'The two sides agreed to keep in close contact on the issue.',
  'Neither side announced a date for the next round of talks.',
  'The issue has strained relations between the neighbors for months.',
  'Diplomats described the atmosphere of the meeting as frank.',
  'A joint statement was published at the end of the visit.',
  'The ministry said it would closely follow developments.',
  'Observers expect the issue to dominate the coming summit.',
  'The announcement drew a swift response from neighboring capitals.',
  'Military experts questioned the technical rationale of the decision.',
  'Local residents have staged protests against the plan.',
  'The government has defended the decision as purely defensive.',
  'Talks on the matter are expected to resume next month.',
];
