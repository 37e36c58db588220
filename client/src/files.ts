// Finding the runbook files of the workspace (the `runbooks.include` / `exclude` settings).
import * as vscode from 'vscode';
import { excludeGlobs, includeGlobs } from './selector';
import { isRunbookPath } from '../../server/src/core/paths';

export async function findRunbookUris(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const out = new Map<string, vscode.Uri>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const include = includeGlobs(folder.uri);
    const exclude = excludeGlobs(folder.uri);
    for (const glob of include) {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), `{${exclude.join(',')}}`, undefined, token);
      for (const u of found) {
        const rel = vscode.workspace.asRelativePath(u, false);
        if (isRunbookPath(rel, include, exclude)) out.set(u.toString(), u);
      }
    }
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
}

