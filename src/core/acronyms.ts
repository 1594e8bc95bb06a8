import { foldToAscii } from './paper';
import { stem } from './stemmer';

/** Acronym (lower case, singular) → its expansion as stemmed words. */
export type AcronymTable = Record<string, string[]>;

/** Acronyms researchers type that the corpus may use without defining. Mined definitions are added to these. */
const KNOWN: Record<string, string> = {
  llm: 'large language model',
  lm: 'language model',
  nlp: 'natural language processing',
  ml: 'machine learning',
  ai: 'artificial intelligence',
  rl: 'reinforcement learning',
  gnn: 'graph neural network',
  cnn: 'convolutional neural network',
  rnn: 'recurrent neural network',
  snn: 'spiking neural network',
  nn: 'neural network',
  dnn: 'deep neural network',
  pinn: 'physics informed neural network',
  em: 'electron microscopy',
  cryoem: 'cryo electron microscopy',
  md: 'molecular dynamics',
  mri: 'magnetic resonance imaging',
  pet: 'positron emission tomography',
  eeg: 'electroencephalography',
  bci: 'brain computer interface',
  nas: 'neural architecture search',
  ir: 'information retrieval',
  ssm: 'state space model',
  ode: 'ordinary differential equation',
  pde: 'partial differential equation',
  ot: 'optimal transport',
  mcmc: 'markov chain monte carlo',
  smc: 'sequential monte carlo',
  vae: 'variational autoencoder',
  gan: 'generative adversarial network',
  lora: 'low rank adaptation',
  peft: 'parameter efficient fine tuning',
  mlp: 'multilayer perceptron',
  svd: 'singular value decomposition',
  pca: 'principal component analysis',
  qa: 'question answering',
  cot: 'chain of thought',
  kan: 'kolmogorov arnold network',
};

const SKIPPABLE = new Set(['of', 'and', 'for', 'the', 'in', 'on', 'to', 'with', 'a', 'an', 'by', 'via']);

function stemmedWords(phrase: string): string[] {
  return foldToAscii(phrase)
    .split(' ')
    .filter(Boolean)
    .map(stem);
}

/**
 * Finds the words before "(ACR)" whose initials spell ACR, e.g. "spiking neural networks (SNNs)",
 * "Low Rank Adaptation (LoRA)", "physics-informed neural networks (PINNs)". Stop words may be
 * skipped; a hyphenated word may give one letter per part. Returns the expansion words or null.
 */
export function matchDefinition(before: string[], acronym: string): string[] | null {
  const letters = acronym.toLowerCase();
  // Try the shortest run of trailing words that spells the acronym.
  for (let start = before.length - 1; start >= Math.max(0, before.length - letters.length - 3); start--) {
    const words = before.slice(start);
    if (spells(words, letters)) return words;
  }
  return null;
}

function spells(words: string[], letters: string): boolean {
  // Each non-stop word must contribute one or more letters from its start or its hyphenated parts.
  const go = (wi: number, li: number): boolean => {
    if (wi === words.length) return li === letters.length;
    const word = words[wi].toLowerCase();
    if (SKIPPABLE.has(word) && go(wi + 1, li)) return true;
    const parts = word.split('-').filter(Boolean);
    // The word's first letter must match; its other parts' initials or its next letters may follow.
    if (li >= letters.length || parts.length === 0 || parts[0][0] !== letters[li]) return false;
    const options = new Set<number>([li + 1]);
    let k = li + 1;
    for (let p = 1; p < parts.length && k < letters.length && parts[p][0] === letters[k]; p++) options.add(++k);
    for (let extra = 1; extra < parts[0].length && li + extra < letters.length && parts[0][extra] === letters[li + extra] && extra < 3; extra++) {
      options.add(li + extra + 1);
    }
    for (const next of [...options].sort((a, b) => b - a)) if (go(wi + 1, next)) return true;
    return false;
  };
  return go(0, 0);
}

/**
 * Mines acronym definitions ("spiking neural networks (SNNs)") from texts and merges them with the
 * built-in table. Keys are lower case without a plural `s`; values are stemmed words. Deterministic:
 * the first definition seen wins over later ones, built-in entries over mined ones.
 */
export function mineAcronyms(texts: Iterable<string>): AcronymTable {
  const table: AcronymTable = {};
  for (const [acr, phrase] of Object.entries(KNOWN)) table[acr] = stemmedWords(phrase);
  // Find "(ACR)" first, then read the words before it: one cheap scan instead of a backtracking regex.
  const pattern = /\(([A-Za-z][A-Za-z0-9-]{1,9})\)/g;
  for (const text of texts) {
    for (const m of text.matchAll(pattern)) {
      const raw = m[1];
      if (!/[A-Z].*[A-Z]/.test(raw) || m.index === undefined) continue; // two capitals at least: "SNNs", "LoRA", not "(e.g)"
      const acronym = raw.replace(/s$/, '').replace(/-/g, '').toLowerCase();
      if (acronym.length < 2 || table[acronym]) continue;
      const before = text.slice(Math.max(0, m.index - 160), m.index);
      if (/[.;:!?]\s*$/.test(before)) continue;
      const words = before.split(/[\s]+/).filter((w) => /^[\p{L}][\p{L}\p{N}'-]*$/u.test(w)).slice(-10);
      const expansion = matchDefinition(words, acronym);
      if (expansion && expansion.length >= 2) table[acronym] = stemmedWords(expansion.join(' '));
    }
  }
  return table;
}
