// Hands files to the browser's download manager: a Blob URL on a temporary anchor with a download name.
export function downloadFile(name: string, contents: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL once click() returns; revoke it a little later for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
