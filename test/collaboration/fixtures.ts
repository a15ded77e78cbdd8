/**
 * What the collaboration tests share: a seeded server, signed-in demo agents, and the id of
 * Navbahor's 2027 strategy document.
 */
import * as Y from 'yjs';
import { readStoredDocument } from '../../server/collaboration/update-log';
import type { BirgaDatabase } from '../../server/storage/database';
import { TestAgent } from '../support/agent';

export async function signedInCookie(baseUrl: string, email: string): Promise<string> {
  const agent = await new TestAgent(baseUrl).signIn(email);
  return agent.cookieHeader;
}

export async function navbahorStrategy(baseUrl: string, email = 'editor1@navbahor.example') {
  const agent = await new TestAgent(baseUrl).signIn(email);
  const response = await agent.get('/api/territories/UZ-FA-FC-NAV/strategies/2027');
  if (response.status !== 200) throw new Error(`strategy lookup failed: ${response.text}`);
  return response.body as { id: string; documentId: string };
}

/** The document exactly as the database holds it, merged into one state. */
export function storedState(db: BirgaDatabase, documentId: string): Uint8Array {
  const ydoc = new Y.Doc();
  for (const update of readStoredDocument(db, documentId).updates) Y.applyUpdate(ydoc, update);
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return state;
}

export function visionText(ydoc: Y.Doc, language = 'uz-Latn'): string {
  return ydoc.getXmlFragment(`vision:${language}`).toString();
}

/** Types into the first paragraph of a section, as an editor would. */
export function typeIntoVision(ydoc: Y.Doc, text: string, index = 0, language = 'en'): void {
  const fragment = ydoc.getXmlFragment(`vision:${language}`);
  const paragraph = fragment.get(0) as Y.XmlElement;
  const ytext = paragraph.get(0) as Y.XmlText;
  ytext.insert(index, text);
}
