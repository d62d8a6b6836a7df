// Saves a file through the page's own download (Electron shows its save dialog; a browser saves
// to its downloads folder). Nothing leaves the machine.

/** Long enough for any browser to have started the download before the object URL is freed. */
const REVOKE_AFTER_MS = 60_000;

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Text as a file; the type says what it is (CSV, JSON), so the system opens it with the right program. */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
}
