// file:// URIs <-> paths, without pulling vscode-uri into the bundle.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { posix, relative, sep } from 'node:path';

export const URI = {
  toPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  fromPath(path: string): string {
    return pathToFileURL(path).href;
  },
  join(rootUri: string, rel: string): string {
    return rootUri.replace(/\/$/, '') + '/' + rel.split('/').map(encodeURIComponent).join('/');
  },
  /** Workspace-relative POSIX path, or the absolute POSIX path when outside every root. */
  relativeTo(root: string | undefined, path: string): string {
    if (!root) return path.split(sep).join(posix.sep);
    const r = relative(root, path);
    return (r.startsWith('..') ? path : r).split(sep).join(posix.sep);
  },
};
