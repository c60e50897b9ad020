/**
 * Hands bytes to the browser as a download: the small digest file beside a CSV on `acm serve`.
 */
export function downloadFile(fileName: string, mimeType: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  followDownload(url, fileName);
  // Revoking at once can cancel the download before the browser has read the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Lets the browser fetch a download the host prepared (a same-origin, one-time URL) and save it as it streams. */
export function followDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
}
