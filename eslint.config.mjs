// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'scripts/**', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // No consistent-type-imports: Nest's DI reads constructor parameter types from
      // emitted metadata, which a type-only import would silently erase.
      'no-restricted-imports': 'off',
    },
  },
  {
    // The domain stays free of frameworks and drivers.
    files: ['libs/sag/src/**/*.ts', 'libs/referat/src/**/*.ts', 'libs/kernel/src/**/*.ts', 'libs/audit/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'mongodb', '@eventstore/*', 'better-sqlite3', 'express'] }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', '**/test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
