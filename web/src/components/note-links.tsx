/**
 * Links to the research note (`GET /api/v1/note?format=html|pdf`, with the page's framing). Without a token they are
 * plain download links (the file is named by the server); with one, a link cannot carry the Authorization header, so
 * the file is fetched with it and saved from a Blob URL under the name the server gives.
 */
import { useState } from 'preact/hooks';
import { type ApiError, apiUrl, asApiError, getFile } from '../api-client.ts';
import { type Framing, valuationQuery } from '../framing.ts';
import { readToken } from '../token-store.ts';
import { ErrorAlert } from './error-alert.tsx';

const FORMATS = [
  { format: 'html', label: 'Research note (HTML)' },
  { format: 'pdf', label: 'Research note (PDF)' },
] as const;

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function NoteLinks({ framing }: { framing: Framing }) {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const token = readToken();

  const fetchAndSave = async (event: Event, format: string, url: string) => {
    if (token === undefined) return; // the plain link does it
    event.preventDefault();
    setBusy(format);
    setError(undefined);
    try {
      const { blob, filename } = await getFile(url, `rerate-note.${format}`);
      saveBlob(blob, filename);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div class="note-links">
      <p>
        The research note builds every company's section from these same commands (and saves the coverage as a run). It
        takes a few seconds.
      </p>
      <ul>
        {FORMATS.map(({ format, label }) => {
          const url = apiUrl('note', { format, ...valuationQuery(framing) });
          return (
            <li key={format}>
              <a
                href={url}
                download
                data-format={format}
                aria-busy={busy === format ? 'true' : undefined}
                onClick={(event) => void fetchAndSave(event, format, url)}
              >
                {label}
              </a>
              {busy === format ? <span role="status"> preparing…</span> : null}
            </li>
          );
        })}
      </ul>
      {error !== undefined ? <ErrorAlert error={error} context="Downloading the note" /> : null}
    </div>
  );
}
