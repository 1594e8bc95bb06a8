import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  console: 'readonly', process: 'readonly', require: 'readonly', module: 'readonly', __dirname: 'readonly',
  setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
  setImmediate: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', TextEncoder: 'readonly',
  TextDecoder: 'readonly', structuredClone: 'readonly', globalThis: 'readonly',
};

export default tseslint.config(
  // scripts/vscode-web/ holds the test-host tools adopted from the shared recipe; they keep their own style.
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'scripts/vscode-web/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
);
