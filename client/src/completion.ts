// Completion in VS Code: after a key whose value is picked from candidates (severity, owner, the
// next id, alerts…) the suggestions open again on those values, so the author chooses one instead
// of the key arriving with a value nobody picked. The server marks such items with
// `data.suggestValues` (a command would be VS Code-specific; other clients ask for values themselves).
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

const SUGGEST: vscode.Command = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

export const completionMiddleware: Pick<Middleware, 'provideCompletionItem'> = {
  async provideCompletionItem(document, position, context, token, next) {
    const result = await next(document, position, context, token);
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    for (const item of items) {
      if ((item as { data?: { suggestValues?: boolean } }).data?.suggestValues) item.command = SUGGEST;
    }
    return result;
  },
};
