/**
 * How a company file travels with the filing overlays stored for it (issue 20): the file's text, then a block of YAML
 * comments, one overlay's JSON per line. A run records this text as the company's input, so its hash changes with
 * the overlays and a replay reads the same figures; the YAML parser reads the block as comments, so every line and
 * column of the file stays where it was.
 */
import { filingOverlaySchema, type FilingOverlay } from '../schema/filings.ts';
import { InputError } from '../schema/input-error.ts';

export const OVERLAY_MARKER = '# rerate: dated overlays from SEC filings (local data store, not part of the file)';

export function textWithOverlays(fileText: string, overlays: readonly FilingOverlay[]): string {
  if (overlays.length === 0) return fileText;
  const lines = overlays.map((overlay) => `# ${JSON.stringify(overlay)}`);
  return `${fileText}${fileText.endsWith('\n') ? '' : '\n'}${OVERLAY_MARKER}\n${lines.join('\n')}\n`;
}

/** The overlays a text carries after its marker line (none without one); a bad one is an error at its line. */
export function overlaysInText(text: string, file: string): FilingOverlay[] {
  const lines = text.split('\n');
  const start = lines.indexOf(OVERLAY_MARKER);
  if (start < 0) return [];
  const overlays: FilingOverlay[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const at = { file, line: i + 1, column: 1 };
    if (!line.startsWith('# {'))
      throw InputError.inFile(at, 'expected a filing overlay as "# {json}" after the marker');
    let json: unknown;
    try {
      json = JSON.parse(line.slice(2));
    } catch (error) {
      throw InputError.inFile(at, `a filing overlay that is not JSON (${(error as Error).message})`);
    }
    const parsed = filingOverlaySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw InputError.inFile(at, `filing overlay ${issue.path.join('.')}: ${issue.message}`);
    }
    overlays.push(parsed.data);
  }
  return overlays;
}
