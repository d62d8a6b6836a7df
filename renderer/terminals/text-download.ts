// Saves text as a file through the page's own download (Electron shows its save dialog; a
// browser saves to its downloads folder). Nothing leaves the machine.

/** Long enough for any browser to have started the download before the object URL is freed. */
const REVOKE_AFTER_MS = 60_000;

export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
