// The parts of citation-js 0.7 (which ships no type declarations) that citeproc.ts uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(kind: 'bibliography' | 'citation', options: { template: string; format: 'text' | 'html'; lang?: string }): string;
  }
  interface Register<T> {
    add(name: string, value: T): void;
    has(name: string): boolean;
  }
  export const plugins: {
    config: { get(plugin: '@csl'): { templates: Register<string>; locales: Register<string> } };
  };
}
declare module '@citation-js/plugin-csl';
