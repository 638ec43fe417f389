/**
 * The cue lexicon: reporting and stance expressions, and the stance each one carries (the
 * vocabulary of DESIGN.md, "Stance vocabulary"). `weight` is how reliably the words carry that
 * stance; it becomes the position's confidence before the deductions for what was inferred.
 */
import type { ImportPosition } from '../import/format.ts';

type Stance = ImportPosition['stance'];

export interface Cue {
  stance: Stance;
  pattern: RegExp;
  weight: number;
  /** The cue's words say the statement is an intention ("would further strengthen", "plans to deploy"). */
  intended?: boolean;
  /** The cue's words say the statement is a possibility weighed ("is considering deploying"). */
  hypothetical?: boolean;
  /** Its own words hold a "not" that does not deny it ("will not stand idly by"). */
  negationInside?: boolean;
  /** The actors before it are those called on or judged, not who speaks ("the US and Japan should", "U.S. plans are dangerous"). */
  subjectIsAddressee?: boolean;
  /** It only frames the cue that follows it ("vowed to take countermeasures" is a threat, not a pledge). */
  yieldsToNext?: boolean;
}

const cue = (stance: Stance, weight: number, source: string, options: Omit<Cue, 'stance' | 'pattern' | 'weight'> = {}): Cue => ({
  stance,
  weight,
  // Not after a hyphen: "U.S.-backed" is no one backing anything.
  pattern: new RegExp(`(?<![\\p{L}\\p{N}-])(?:${source})(?![\\p{L}\\p{N}])`, 'giu'),
  ...options,
});

/** In order of precedence: where two cues overlap, the one listed first is kept. */
export const CUES: Cue[] = [
  // THREATEN before URGE and CRITICIZE: "warned of countermeasures" is a threat.
  cue('THREATEN', 0.9, String.raw`(?:take|taking|took|adopt)\s+(?:\w+\s+)?counter-?measures?|counter-?measures?`),
  cue(
    'THREATEN',
    0.85,
    String.raw`(?:take|taking|took)\s+(?:all\s+)?(?:the\s+)?(?:necessary|appropriate|resolute|firm|corresponding|reciprocal|retaliatory)\s+(?:[\w-]+\s+)?measures`,
  ),
  cue('THREATEN', 0.8, String.raw`(?:will|would)\s+not\s+stand\s+idly\s+by|(?:will|would)\s*(?:not|n[’']t)\s+hesitate\s+to`, { negationInside: true }),
  cue('THREATEN', 0.8, String.raw`military\s+response|retaliat(?:e|es|ed|ion|ory)|(?:will|would)\s+not\s+sit\s+idly\s+by`, { negationInside: true }),
  cue(
    'THREATEN',
    0.75,
    String.raw`warn(?:s|ed|ing)?\s+of\s+(?:serious\s+|grave\s+|severe\s+)?consequences|reserves?\s+the\s+right\s+to\s+(?:respond|take)|pay\s+(?:a|the)\s+(?:heavy\s+)?price`,
  ),
  cue('THREATEN', 0.7, String.raw`(?:will|would|shall)\s+(?:firmly\s+|resolutely\s+|decisively\s+)?(?:respond|react|retaliate)`),
  cue('THREATEN', 0.7, String.raw`ready\s+to\s+take\s+(?:[^.;]{0,30}?\s)?action`),
  cue(
    'THREATEN',
    0.75,
    String.raw`warn(?:s|ed|ing)?\s+(?:[^.,;]{1,30}?\s+)?of\s+(?:possible\s+|further\s+|new\s+|tough\s+)?(?:sanctions|retaliation|reprisals)`,
  ),
  cue('THREATEN', 0.75, String.raw`(?:impose|slap|introduce)\s+(?:further\s+|more\s+|new\s+|additional\s+)?sanctions`),
  cue('CONCERN', 0.9, String.raw`(?:voic|express|rais)(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,2}concerns?`),
  cue('CONCERN', 0.8, String.raw`concerned\s+(?:about|over|by)|(?:deep|serious|grave)\s+concerns?`),
  cue('CONCERN', 0.6, String.raw`views?\s+it\s+as\s+a\s+threat`),
  cue('CONCERN', 0.55, String.raw`(?:closely|carefully)\s+(?:monitoring|watching|following)`),
  cue('CONCERN', 0.7, String.raw`(?:our|their|its|his|her)\s+(?:only\s+|main\s+|biggest\s+|primary\s+)?concerns?\s+(?:about|over|is|was|are)`),
  cue('OPPOSE', 0.9, String.raw`(?:firmly\s+|strongly\s+|resolutely\s+|always\s+)?oppos(?:e|es|ed|ing)`),
  cue('OPPOSE', 0.9, String.raw`(?:firm|strong|resolute|clear)?\s*opposition\s+(?:to|of|against)|(?:firm|strong|resolute)\s+opposition`),
  // Not "rejected demands to close the base": what is rejected there is the demand, not the base.
  cue(
    'OPPOSE',
    0.8,
    String.raw`reject(?:s|ed|ing)?(?!\s+(?:the\s+|all\s+|these\s+|such\s+)?(?:[\w-]+\s+)?(?:demands?|calls?|requests?|accusations?|claims?|allegations?|reports?|criticism|concerns?|charges?|pressure)\b)|protest(?:s|ed)?\s+(?:against|over)|object(?:s|ed)?\s+to`,
  ),
  cue('OPPOSE', 0.75, String.raw`lodged\s+(?:\w+\s+){0,2}(?:representations|protests?)`),
  cue('OPPOSE', 0.7, String.raw`zero[- ]tolerance\s+(?:policy\s+)?(?:toward|towards|for|on|against)`),
  cue('OPPOSE', 0.7, String.raw`dissatisfaction\s+with`),
  cue('OPPOSE', 0.8, String.raw`(?:express|voic|reiterat|restat)\w*\s+(?:\w+\s+){0,2}opposition`),
  cue('OPPOSE', 0.7, String.raw`(?:is|are|was|were|remains?)\s+(?:firmly\s+|strongly\s+|resolutely\s+)?against`),
  cue('URGE', 0.8, String.raw`warn(?:s|ed|ing)?\s+[^.,;]{1,40}?\s+not\s+to`, { negationInside: true }),
  // "warned Japan against deploying", "against the deal": a call to refrain; "warned Japan over its
  // decision" criticizes.
  cue('URGE', 0.8, String.raw`warn(?:s|ed|ing)?\s+(?:[^.,;]{1,30}?\s+)?against`),
  cue('URGE', 0.9, String.raw`urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|upon|for)|demand(?:s|ed)?\s+(?:that|the)`),
  // Not "asked about reports that ... to deploy": a journalist's question is no request.
  cue(
    'URGE',
    0.75,
    String.raw`(?:require|requires|required|advise|advised|advises|asked|asks)\s+(?!about\b|whether\b|if\b|why\b|how\b|what\b)[^.,;]{1,40}?\s+to\s+\w+`,
  ),
  cue('URGE', 0.85, String.raw`press(?:es|ed)\s+[^.,;]{1,30}?\s+to\s+\w+|appeal(?:s|ed)?\s+to|request(?:s|ed)\s+[^.,;]{1,30}?\s+to\s+\w+`),
  cue('URGE', 0.6, String.raw`hopes?|hoped|expressed\s+(?:\w+\s+)?hopes?|suggested\s+that|calling\s+to`),
  cue('URGE', 0.55, String.raw`should\s+(?!be\b|have\b)\w+`, { subjectIsAddressee: true }),
  cue('URGE', 0.55, String.raw`must\s+(?:immediately\s+)?(?:stop|halt|withdraw|cease|remove|abandon|refrain|reverse)`, { subjectIsAddressee: true }),
  cue('URGE', 0.6, String.raw`it\s+is\s+(?:necessary|imperative)\s+to`),
  cue(
    'CRITICIZE',
    0.9,
    String.raw`slam(?:s|med)?|accus(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|denounc(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|lambast(?:s|ed)?|blast(?:s|ed)|rebuk(?:e|es|ed)`,
  ),
  cue('CRITICIZE', 0.7, String.raw`warn(?:s|ed|ing)?\s+(?:[^.,;]{1,30}?\s+)?(?:over|about)`),
  cue(
    'CRITICIZE',
    0.7,
    String.raw`call(?:s|ed|ing)\s+(?:the|it|this|that|such)\s+(?:[^.;]{0,40}?\s+)?(?:an?\s+)(?:[\w-]+\s+)?(?:threat|provocation|mistake|danger)`,
  ),
  cue(
    'CRITICIZE',
    0.6,
    String.raw`(?:affect|affects|affecting|harm|harms|harmed|harming|hurt|hurts|hurting)\s+(?:the\s+)?(?:normal\s+)?(?:development|relations|ties|interests|security)`,
  ),
  // "U.S. plans to deploy ... are dangerous", "... is a violation of": what is judged comes before
  // the verb, and whose it is is criticized; who judges is the frame.
  cue(
    'CRITICIZE',
    0.65,
    String.raw`(?:is|are|was|were)\s+(?:\w+ly\s+|also\s+)?(?:\w+\s+and\s+)?(?:reckless|dangerous|irresponsible|unacceptable|destabili[sz]ing|provocative)`,
    { subjectIsAddressee: true },
  ),
  cue('CRITICIZE', 0.85, String.raw`blam(?:e|es|ed)|deplor(?:e|es|ed)`),
  cue('CRITICIZE', 0.7, String.raw`(?:is|are|was|were|constitutes?)\s+(?:a\s+)?(?:[\w-]+\s+)?violation\s+of`, { subjectIsAddressee: true }),
  cue('CRITICIZE', 0.6, String.raw`provocati(?:on|ve)|(?:jeopardiz|jeopardis|endanger)(?:e|es|ed|ing)?|escalat(?:e|es|ed|ing)\s+(?:regional\s+)?tensions?`),
  cue('CRITICIZE', 0.65, String.raw`(?:undermin|damag)(?:e|es|ed|ing)\s+[^.,;]{0,30}?(?:security|interests|balance|stability|peace)`),
  cue(
    'CRITICIZE',
    0.6,
    String.raw`brings?\s+negative\s+effects?|contradicts?|destabili[sz]ing\s+step|poses?\s+an?\s+(?:[\w-]+\s+){0,3}threat|a\s+threat\s+to\s+regional`,
  ),
  cue('COMMIT', 0.9, String.raw`vow(?:s|ed|ing)?|pledg(?:e|es|ed|ing)|committed\s+to|promis(?:e|es|ed)\s+to`, { yieldsToNext: true }),
  cue('COMMIT', 0.7, String.raw`intention\s+(?:of|to)`),
  cue('COMMIT', 0.85, String.raw`agree(?:d|s)?\s+(?:to|on)|announced\s+(?:the|an|their)\s+agreement\s+to`),
  cue(
    'COMMIT',
    0.8,
    String.raw`decided\s+to\s+deploy|announced\s+the\s+deployment|(?:announced|confirmed)\s+(?:the|a|its|their)\s+(?:decision|plan)\s+to\s+deploy|signed\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:deal|contract|agreement)|(?:agreed|decided|plans?|planned)\s+to\s+(?:buy|purchase|acquire)|confirmed\s+(?:the|a|an)\s+(?:agreement|deal|contract)|ordered\s+[^.;]{0,60}?\s+to\s+be\s+deployed|ordered\s+the\s+deployment`,
  ),
  cue(
    'COMMIT',
    0.65,
    // Only verbs of cooperation and action: "would further destabilize" is no commitment.
    String.raw`(?:will|would)\s+(?:further\s+|continue\s+(?:to\s+)?)(?:strengthen|enhance|deepen|promot|push|support|work|cooperat|coordinat|maintain|pursu|uphold|safeguard|expand|develop|boost|deploy|step)\w*|would\s+remain\s+engaged|(?:will|would)\s+(?:deploy|send|dispatch|supply|deliver)|(?:will|would)\s+be\s+(?:deployed|delivered|installed|stationed)`,
    {
      intended: true,
    },
  ),
  cue('COMMIT', 0.65, String.raw`(?:plans?|planned|intends?|intended|wanted)\s+to\s+(?:deploy|pull|withdraw)`, { intended: true }),
  // Refusals to take part: commitments denied ("won't participate in", "will not be a base for").
  cue(
    'COMMIT',
    0.7,
    String.raw`(?:will|would|shall)\s*(?:not|n[’']t|never)\s+(?:participate\s+in|join|host|allow|permit|be\s+a\s+base)|(?:is|are)\s+not\s+considering`,
  ),
  cue('COMMIT', 0.6, String.raw`(?:has|have|had)\s+(?:already\s+)?(?:deployed|stationed|installed|placed)`),
  cue('SUPPORT', 0.75, String.raw`welcom(?:e|es|ed|ing)|backs|backed|support(?:s|ed|ing)?|endors(?:e|es|ed|ing)|defend(?:s|ed)|prais(?:e|es|ed)|hail(?:s|ed)`),
  // Justifications ("defends or justifies"): the system is defensive, aimed at a threat, at no third country.
  cue(
    'SUPPORT',
    0.6,
    String.raw`(?:purely|solely|strictly|exclusively)\s+(?:for\s+)?defensive|defensive\s+in\s+nature|aims?\s+(?:solely\s+|only\s+)?to\s+(?:solely\s+|only\s+)?(?:deter|counter|defend|protect)`,
  ),
  cue('SUPPORT', 0.6, String.raw`(?:is|was|are)\s+not\s+(?:directed|aimed|targeted)\s+at\s+(?:any\s+)?third`, { negationInside: true }),
  // Weighing a deployment of one's own is a (hypothetical) endorsement of it.
  cue('SUPPORT', 0.6, String.raw`(?:is|are|was|were|been)\s+(?:\w+ly\s+)?considering\s+(?:deploying|placing|stationing|basing|hosting|buying|acquiring)`, {
    hypothetical: true,
  }),
];

export interface CueMatch {
  cue: Cue;
  /** Offsets in the body. */
  start: number;
  end: number;
}

/** The cues of a sentence (offsets in the body), overlaps resolved by the lexicon's order. */
export function cuesIn(text: string, offset: number): CueMatch[] {
  const found: CueMatch[] = [];
  for (const c of CUES) {
    for (const m of text.matchAll(c.pattern)) {
      const start = offset + m.index;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      found.push({ cue: c, start, end });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.filter((c, k) => {
    const next = found[k + 1];
    return !(c.cue.yieldsToNext && next && next.start - c.end <= 30 && !/[.;]/.test(text.slice(c.end - offset, next.start - offset)));
  });
}
