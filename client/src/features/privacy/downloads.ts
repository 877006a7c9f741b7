import { formatInstantDate } from '../../lib/format';

/** `inzageverzoek-VN-2026-000123-2026-11-27`: the case reference and the Amsterdam date of the export. */
export function exportFileBase(caseReference: string, generatedAt: string): string {
  const [day, month, year] = formatInstantDate(generatedAt).split('-');
  const safeReference = caseReference.replace(/[^A-Za-z0-9-]/g, '');
  return `inzageverzoek-${safeReference}-${year}-${month}-${day}`;
}

export interface ExportDownload {
  readonly kind: 'json' | 'html';
  readonly fileName: string;
  readonly url: string;
}

/** Object URLs for both forms of the export; give them back with {@link revokeDownloads}. */
export function createDownloads(
  exported: { readonly json: string; readonly html: string; readonly generatedAt: string },
  caseReference: string,
): ExportDownload[] {
  const base = exportFileBase(caseReference, exported.generatedAt);
  return [
    {
      kind: 'json',
      fileName: `${base}.json`,
      url: URL.createObjectURL(new Blob([exported.json], { type: 'application/json;charset=utf-8' })),
    },
    {
      kind: 'html',
      fileName: `${base}.html`,
      url: URL.createObjectURL(new Blob([exported.html], { type: 'text/html;charset=utf-8' })),
    },
  ];
}

export function revokeDownloads(downloads: readonly ExportDownload[]): void {
  for (const download of downloads) URL.revokeObjectURL(download.url);
}
