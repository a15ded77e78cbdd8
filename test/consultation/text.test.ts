import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { signedIn } from '../accounts/builders';
import {
  buildPerson,
  buildResident,
  buildStrategy,
  controlClock,
  openConsultation,
  parseCsv,
  type TestClock,
} from './builders';

let server: TestServer;
let coordinator: TestAgent;
let clock: TestClock;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signedIn(server, 'coordinator@navbahor.example');
  clock = controlClock(server);
});

afterAll(async () => {
  await server?.close();
});

/** oʻ with U+02BB, o‘ with U+2018, o' with ASCII, o’ with U+2019, oʼ with U+02BC. */
const TITLES = [
  'Oʻzbek tili',
  'O‘zbek adabiyoti',
  "O'zbek xalq hunarmandchiligi",
  'O’zbek oshi',
  'Oʼzbek raqslari',
];

describe('text exactly as typed', () => {
  it('round-trips a skill titled with each apostrophe form through the API, the edit form and the CSV', async () => {
    const strategyId = buildStrategy(server);
    const opened = await openConsultation(coordinator, strategyId, clock);
    const keys: string[] = [];
    for (const title of TITLES) {
      const created = await coordinator.post(`/api/strategies/${strategyId}/consultation/skills`, {
        category: 'individual',
        title: { 'uz-Latn': title, ru: 'Узбекский — «тест» 🎉 & <b>' },
      });
      expect(created.status).toBe(201);
      expect(created.body.title['uz-Latn']).toBe(title);
      keys.push(created.body.key);
    }
    expect(keys).toEqual(['CS1', 'CS2', 'CS3', 'CS4', 'CS5']);

    const read = await new TestAgent(server.url).get(`/api/strategies/${strategyId}/consultation`);
    const added = read.body.skills.filter(
      (skill: { source: string }) => skill.source === 'consultation',
    );
    expect(added.map((skill: { title: Record<string, string> }) => skill.title['uz-Latn'])).toEqual(
      TITLES,
    );
    expect(read.text).not.toMatch(/&#39;|&amp;|\\u02bb/i);
    expect(Buffer.from(read.text, 'utf8').includes(Buffer.from('Oʻzbek tili', 'utf8'))).toBe(true);

    // The edit form saved unchanged changes nothing, not even the audit log.
    const auditBefore = (await coordinator.get(`/api/strategies/${strategyId}/audit`)).body.length;
    for (const skill of added) {
      const saved = await coordinator.patch(
        `/api/strategies/${strategyId}/consultation/skills/${skill.key}`,
        { category: skill.category, title: skill.title },
      );
      expect(saved.body).toEqual(skill);
    }
    expect((await coordinator.get(`/api/strategies/${strategyId}/audit`)).body).toHaveLength(
      auditBefore,
    );

    const search = await new TestAgent(server.url).get(
      `/api/strategies/${strategyId}/consultation/skills?q=${encodeURIComponent("O'zbek")}`,
    );
    expect(search.body.map((skill: { key: string }) => skill.key)).toEqual(keys);
    const cyrillic = await new TestAgent(server.url).get(
      `/api/strategies/${strategyId}/consultation/skills?q=${encodeURIComponent('ЎЗБЕК')}`,
    );
    expect(cyrillic.body.map((skill: { key: string }) => skill.key)).toEqual(keys);

    const resident = await buildResident(server);
    await resident.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'CS1' });
    clock.set(Date.parse(opened.closesAt));
    const response = await fetch(`${server.url}/api/strategies/${strategyId}/results?format=csv`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    const titleColumn = rows[0]!.indexOf('title_uz-Latn');
    const ruColumn = rows[0]!.indexOf('title_ru');
    const csvTitles = rows.filter((row) => row[0]!.startsWith('CS')).map((row) => row[titleColumn]);
    expect(csvTitles.sort()).toEqual([...TITLES].sort());
    expect(rows.find((row) => row[0] === 'CS1')![ruColumn]).toBe('Узбекский — «тест» 🎉 & <b>');
    clock.set(Date.parse('2027-03-01T09:00:00Z'));
  });

  it('returns comment bodies byte for byte and finds them across apostrophes, case and script', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock);
    const author = await buildPerson(server);
    const bodies = [
      "Oʻzbek tilini o'rganish — kerak! 👍",
      'ЎЗБЕК ТИЛИ дарслари керак',
      'O’ZBEK kitoblari & "gazetalar" <script>alert(1)</script>',
    ];
    for (const body of bodies) {
      const created = await author.post(`/api/strategies/${strategyId}/comments`, {
        target: 'strategy',
        body,
      });
      expect(created.body.body).toBe(body);
    }
    const list = await new TestAgent(server.url).get(`/api/strategies/${strategyId}/comments`);
    expect(list.body.comments.map((comment: { body: string }) => comment.body)).toEqual(bodies);
    expect(list.body.comments[2].html).toBe(
      '<p>O’ZBEK kitoblari &amp; &quot;gazetalar&quot; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
    for (const query of ["o'zbek", 'oʻzbek', 'ЎЗБЕК', 'Ozbek']) {
      const found = await new TestAgent(server.url).get(
        `/api/strategies/${strategyId}/comments?q=${encodeURIComponent(query)}`,
      );
      expect(found.body.counts.total).toBe(3);
    }
  });

  it('neutralises formula cells in exports and keeps everything else exactly', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock);
    const author = await buildPerson(server);
    const dangerous = ['=HYPERLINK("http://evil","x")', '+1+2', '-3', '@SUM(A1)', '\tTab', '\rCR'];
    for (const body of dangerous) {
      await author.post(`/api/strategies/${strategyId}/comments`, { target: 'strategy', body });
    }
    await author.post(`/api/strategies/${strategyId}/comments`, {
      target: 'strategy',
      body: 'Oʻrtacha, "yaxshi"\nikkinchi qator o\'',
    });
    const csv = await new TestAgent(server.url).get(
      `/api/strategies/${strategyId}/comments?format=csv`,
    );
    const rows = parseCsv(csv.text);
    const bodyColumn = rows[0]!.indexOf('body');
    expect(rows.slice(1).map((row) => row[bodyColumn])).toEqual([
      ...dangerous.map((body) => `'${body}`),
      'Oʻrtacha, "yaxshi"\nikkinchi qator o\'',
    ]);
  });
});
