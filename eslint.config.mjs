// Lint config. The fence: server/src/core stays pure (no editor, no LSP connection, no fs,
// no processes), so the server, the CLI and the tests can all call it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '.cache/**', 'bench/tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', 'scripts/**', 'test/**', 'bench/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly' } },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The core is pure: no editor API.' },
          { name: 'vscode-languageserver', message: 'The core is pure: translate to LSP in server/src/lsp.' },
          { name: 'vscode-languageserver/node', message: 'The core is pure: translate to LSP in server/src/lsp.' },
          { name: 'fs', message: 'The core is pure: the shells read files and pass text and facts in.' },
          { name: 'node:fs', message: 'The core is pure: the shells read files and pass text and facts in.' },
          { name: 'fs/promises', message: 'The core is pure.' },
          { name: 'node:fs/promises', message: 'The core is pure.' },
          { name: 'child_process', message: 'The core is pure.' },
          { name: 'node:child_process', message: 'The core is pure.' },
        ],
        patterns: [{ group: ['vscode-languageclient*', 'vscode-languageserver/*'], message: 'The core is pure.' }],
      }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
