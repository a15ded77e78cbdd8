/**
 * The results of a consultation per skill: residents' votes, paper votes, and both together, each
 * as a count and a share of all votes of that kind. Sorted by total votes, most first; skills
 * that were later removed from the draft still show their votes, marked "removed".
 */
import { count, eq } from 'drizzle-orm';
import type { Results, Skill } from '../../shared/api/consultation';
import { DOCUMENT_LANGUAGES } from '../../shared/strategy/format';
import type { BirgaDatabase } from '../storage/database';
import { votes } from '../storage/schema';
import { toCsv } from './csv';
import { paperTallies } from './paper-votes';
import type { ConsultationState } from './window';

type Reader = Pick<BirgaDatabase, 'select'>;

function onlineTallies(db: Reader, consultationId: string): Map<string, number> {
  const rows = db
    .select({ skillKey: votes.skillKey, votes: count() })
    .from(votes)
    .where(eq(votes.consultationId, consultationId))
    .groupBy(votes.skillKey)
    .all();
  return new Map(rows.map((row) => [row.skillKey, row.votes]));
}

const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 1_000_000) / 1_000_000;

export function consultationResults(
  db: Reader,
  view: {
    strategyId: string;
    consultationId: string;
    closesAt: number;
    state: ConsultationState;
    final: boolean;
    skills: Skill[];
  },
): Results {
  const online = onlineTallies(db, view.consultationId);
  const paper = paperTallies(db, view.consultationId);
  const known = new Set(view.skills.map((skill) => skill.key));
  const removed = [...new Set([...online.keys(), ...paper.keys()])]
    .filter((key) => !known.has(key))
    .sort()
    .map((key) => ({ key, source: 'removed' as const, category: null, title: {} }));

  const totalOnline = [...online.values()].reduce((a, b) => a + b, 0);
  const totalPaper = [...paper.values()].reduce((a, b) => a + b, 0);
  const totalAll = totalOnline + totalPaper;
  const skills = [...view.skills, ...removed]
    .map((skill) => {
      const onlineCount = online.get(skill.key) ?? 0;
      const paperCount = paper.get(skill.key) ?? 0;
      return {
        ...skill,
        online: { count: onlineCount, share: share(onlineCount, totalOnline) },
        paper: { count: paperCount, share: share(paperCount, totalPaper) },
        all: { count: onlineCount + paperCount, share: share(onlineCount + paperCount, totalAll) },
      };
    })
    .sort((a, b) => b.all.count - a.all.count);

  return {
    strategyId: view.strategyId,
    state: view.state,
    final: view.final,
    closesAt: new Date(view.closesAt).toISOString(),
    totals: { online: totalOnline, paper: totalPaper, all: totalAll },
    skills,
  };
}

function titleLanguages(results: Results): string[] {
  const present = new Set(results.skills.flatMap((skill) => Object.keys(skill.title)));
  const known = ['uz-Latn', 'uz-Cyrl', ...DOCUMENT_LANGUAGES.filter((l) => l !== 'uz-Latn')];
  return [
    ...known.filter((l) => present.has(l)),
    ...[...present].filter((l) => !known.includes(l)).sort(),
  ];
}

const percent = (fraction: number) => (fraction * 100).toFixed(1);

export function resultsCsv(results: Results): string {
  const languages = titleLanguages(results);
  const header = [
    'skill_key',
    'source',
    'category',
    ...languages.map((language) => `title_${language}`),
    'online_votes',
    'online_share_percent',
    'paper_votes',
    'paper_share_percent',
    'total_votes',
    'total_share_percent',
  ];
  const rows = results.skills.map((skill) => [
    skill.key,
    skill.source,
    skill.category,
    ...languages.map((language) => skill.title[language] ?? ''),
    skill.online.count,
    percent(skill.online.share),
    skill.paper.count,
    percent(skill.paper.share),
    skill.all.count,
    percent(skill.all.share),
  ]);
  return toCsv(header, rows);
}
