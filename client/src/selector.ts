// Which documents are runbooks, from the `runbooks.include` / `runbooks.exclude` settings.
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, isCheckedPath } from '../../server/src/core/paths';

export function includeGlobs(scope?: vscode.Uri): string[] {
  const v = vscode.workspace.getConfiguration('runbooks', scope).get<string[]>('include');
  return Array.isArray(v) && v.length ? v : DEFAULT_INCLUDE;
}

export function excludeGlobs(scope?: vscode.Uri): string[] {
  const v = vscode.workspace.getConfiguration('runbooks', scope).get<string[]>('exclude');
  return [...DEFAULT_EXCLUDE, ...(Array.isArray(v) ? v : [])];
}

export function runbookSelector(): DocumentSelector {
  return includeGlobs().map((pattern) => ({ scheme: 'file', language: 'markdown', pattern }));
}

/** YAML files: the server checks the alert rule files among them (alerts.files or kind: PrometheusRule). */
export function alertRulesSelector(): DocumentSelector {
  return [{ scheme: 'file', pattern: '**/*.{yaml,yml}' }];
}

/** A YAML document with `alert:` rules (the server decides with the config whether it checks it). */
export function isAlertRulesCandidate(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && /\.ya?ml$/i.test(doc.uri.path) && /^[ \t]*(?:-[ \t]*)?alert[ \t]*:/m.test(doc.getText());
}

export function isRunbookDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId !== 'markdown' || doc.uri.scheme !== 'file') return false;
  const rel = vscode.workspace.asRelativePath(doc.uri, false);
  return isCheckedPath(rel, includeGlobs(doc.uri), excludeGlobs(doc.uri));
}
