/** Which sections of the editor are rich text, for laying out SECTION_ORDER. */
import { RICH_TEXT_SECTIONS, type RichTextSection } from '$shared/strategy/format';

export function isRichTextSection(section: string): section is RichTextSection {
  return (RICH_TEXT_SECTIONS as readonly string[]).includes(section);
}
