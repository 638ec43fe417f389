// @module-tag any-database
import { describe, expect, it } from 'vitest';
import { readSeedDocument } from '../src/data/import/seed.ts';
import { locateEvidence, sha256Hex } from '../src/data/rules.ts';
import { ArticleDocumentError, formatPath, prepareDocument as prepareSeedDocument } from '../src/data/import/document.ts';
import type { ArticleDocument as SeedDocument } from '../src/data/import/format.ts';

/** The problem as `path: message` (or its message, for a located quote), to match on text. */
const locateQuote = (body: string, quote: string, start?: number | null) => {
  const result = locateEvidence(body, quote, start);
  return 'code' in result ? result.message : result;
};

/**
 * sha256 of the source article, /work/shared/seeds/000_1424c33588068c25.txt (2887 bytes, ASCII,
 * no newline at the end): the seed's body must be that file byte for byte.
 */
const SOURCE_SHA256 = '6e4df927ec57ed3adf1aa02849878b9a11274266772cef0ceb99710908491eb6';
const SOURCE_BYTES = 2887;

const seed = () => readSeedDocument() as SeedDocument;

describe('the seed document (Xinhua, THAAD, 28 July 2016)', () => {
  it('holds the source article byte for byte', () => {
    const { article } = seed();
    expect(Buffer.byteLength(article.body, 'utf8')).toBe(SOURCE_BYTES);
    expect(sha256Hex(article.body)).toBe(SOURCE_SHA256);
    expect(article.body.endsWith('in the Far Eastern region.')).toBe(true);
  });

  it('states only what the article states about itself', () => {
    const { article } = seed();
    expect(article).toMatchObject({ source: 'Xinhua', headline: null, url: null, publishedAt: null, photoCredit: 'Xinhua/Evgeny Sinitsyn' });
  });

  it('validates: every reference resolves and every position has evidence', () => {
    const prepared = prepareSeedDocument(seed());
    expect(prepared.bodySha256).toBe(SOURCE_SHA256);
    expect(prepared.positions.length).toBeGreaterThanOrEqual(10);

    const doc = prepared.document;
    const countries = new Set(doc.countries.map((c) => c.isoCode));
    const actors = new Set([...countries, ...doc.organizations.map((o) => o.acronym)]);
    const officials = new Set(doc.officials.map((o) => o.name));
    const meetings = new Set(doc.meetings.map((m) => m.key));
    const deployments = new Set(doc.deployments.map((d) => d.key));
    for (const official of doc.officials) if (official.country) expect(countries).toContain(official.country);
    for (const meeting of doc.meetings) {
      if (meeting.country) expect(countries).toContain(meeting.country);
      for (const name of meeting.participants) expect(officials).toContain(name);
    }
    for (const deployment of doc.deployments) {
      if (deployment.host) expect(countries).toContain(deployment.host);
      if (deployment.operator) expect(actors).toContain(deployment.operator);
    }
    for (const position of doc.positions) {
      expect(position.holders.length).toBeGreaterThan(0);
      for (const ref of [...position.holders, ...position.addressees]) expect(actors).toContain(ref);
      for (const name of position.speakers) expect(officials).toContain(name);
      expect((position.deployment === null) !== (position.topic === null)).toBe(true);
      if (position.deployment) expect(deployments).toContain(position.deployment);
      if (position.meeting) expect(meetings).toContain(position.meeting);
      expect(position.evidence.length).toBeGreaterThan(0);
    }
  });

  it('cites every quote exactly once in the body, or at its given start', () => {
    const { body } = seed().article;
    const prepared = prepareSeedDocument(seed());
    for (const [i, position] of seed().positions.entries()) {
      for (const [j, evidence] of position.evidence.entries()) {
        const occurrences = body.split(evidence.quote).length - 1;
        if (evidence.start == null) expect(occurrences, evidence.quote).toBe(1);
        else expect(body.slice(evidence.start, evidence.start + evidence.quote.length)).toBe(evidence.quote);
        const span = prepared.positions[i]?.evidence[j];
        expect(span && body.slice(span.start, span.end)).toBe(evidence.quote);
      }
    }
  });
});

describe('seed document validation', () => {
  const body = 'THAAD is here. THAAD is there.';

  it('locates a quote and its offsets', () => {
    expect(locateQuote(body, 'is there')).toEqual({ text: 'is there', start: 21, end: 29 });
  });

  it('refuses a quote that is not in the body', () => {
    expect(locateQuote(body, 'THAAD is gone')).toMatch(/does not occur in the article body/);
    expect(locateEvidence(body, 'THAAD is gone')).toMatchObject({ code: 'EVIDENCE_NOT_IN_ARTICLE' });
  });

  it('refuses an ambiguous quote without a start, and takes it with one', () => {
    expect(locateQuote(body, 'THAAD is')).toMatch(/occurs 2 times .*at 0, 15.*give its start/);
    expect(locateQuote(body, 'THAAD is', 15)).toEqual({ text: 'THAAD is', start: 15, end: 23 });
    expect(locateQuote(body, 'THAAD is', 3)).toMatch(/not at start 3 of the article body \(it occurs at 0, 15\)/);
    expect(locateEvidence(body, 'THAAD is')).toMatchObject({ code: 'EVIDENCE_AMBIGUOUS' });
  });

  const problemsOf = (mutate: (doc: SeedDocument) => void): string[] => {
    const doc = structuredClone(seed());
    mutate(doc);
    try {
      prepareSeedDocument(doc);
    } catch (error) {
      if (error instanceof ArticleDocumentError) return error.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
      throw error;
    }
    return [];
  };

  it('names unknown references', () => {
    const problems = problemsOf((doc) => {
      doc.positions[0]!.holders.push('XX');
      doc.positions[0]!.speakers.push('Nobody');
      doc.positions[1]!.meeting = 'no-such-meeting';
      doc.positions[2]!.deployment = 'no-such-deployment';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^positions\[0\]\.holders\[2\]: unknown actor "XX"/),
        expect.stringMatching(/^positions\[0\]\.speakers\[2\]: unknown official "Nobody"/),
        expect.stringMatching(/^positions\[1\]\.meeting: unknown meeting key "no-such-meeting"/),
        expect.stringMatching(/^positions\[2\]\.deployment: unknown deployment key "no-such-deployment"/),
      ]),
    );
  });

  it('names evidence that is not in the body', () => {
    const problems = problemsOf((doc) => {
      doc.positions[3]!.evidence[0]!.quote = 'China and Russia welcomed the deployment.';
    });
    expect(problems).toEqual([expect.stringMatching(/^positions\[3\]\.evidence\[0\]\.quote: text "China and Russia welcomed/)]);
  });

  it('refuses a position without evidence, or about nothing', () => {
    const problems = problemsOf((doc) => {
      doc.positions[0]!.evidence = [];
      doc.positions[1]!.deployment = null;
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^positions\[0\]\.evidence: must cite at least one quote/),
        expect.stringMatching(/^positions\[1\]: must be about a deployment or a topic: it has neither/),
      ]),
    );
  });

  it('refuses two positions with the same identity (they should be one position with more evidence)', () => {
    const problems = problemsOf((doc) => {
      doc.positions.push(structuredClone(doc.positions[0]!));
    });
    expect(problems).toEqual([expect.stringMatching(/is already declared at positions\[0\]/)]);
  });
});
