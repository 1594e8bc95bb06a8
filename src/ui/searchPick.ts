import * as vscode from 'vscode';
import { compareStrings, significantWords, type Paper } from '../core/paper';
import { authorSummary, sourceLabel } from '../core/paperText';
import { isEmptyQuery, noMatchMessage } from '../core/query';
import { matchSnippet } from '../core/snippet';
import type { CorpusService } from './corpus';
import type { FrecencyStore } from './frecencyStore';

export interface PaperPickItem extends vscode.QuickPickItem {
  paper: Paper;
}

/** The row shown when nothing matches: says so, and what to try. Accepting it keeps the pick open. */
function noMatchItem(value: string): vscode.QuickPickItem {
  const { title, hint } = noMatchMessage(value);
  return { label: `$(search-stop) ${title}`, detail: hint, alwaysShow: true };
}

export interface PickOptions {
  title?: string;
  /** Pick several papers (checkboxes); Enter with none checked takes the highlighted one. */
  canSelectMany?: boolean;
  /** The query to start with, e.g. the selected text of the editor. */
  value?: string;
  /** Show the per-item buttons (cite, copy BibTeX, papers like this). */
  buttons?: boolean;
}

const CITE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Insert Citation' };
const BIBTEX_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy BibTeX' };
const LIKE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('sparkle'), tooltip: 'Search Papers Like This One' };

/** How many results the pick shows; more would only slow the list down. */
const MAX_ITEMS = 50;
/** Corpora above this size are searched after a short pause in typing instead of on every key. */
const DEBOUNCE_ABOVE = 5000;

function knownAuthors(paper: Paper): boolean {
  return paper.authors.length > 0 || paper.organization !== null || paper.authorCount !== null;
}

/**
 * VS Code re-sorts a quick pick's items by where the typed text occurs in their labels, which would
 * undo our ranking. `sortByLabel = false` turns that off: it is a proposed property
 * (quickPickSortByLabel) that the 1.100 extension host forwards without a proposal check, and with it
 * VS Code still highlights the typed text in titles, authors and snippets. Where it is missing or
 * refused, labels VS Code cannot match (a word joiner, U+2060, between characters) keep our order
 * at the cost of the highlights. Returns whether labels can stay plain.
 */
function keepOurOrder(pick: vscode.QuickPick<PaperPickItem>): boolean {
  if (!('sortByLabel' in pick)) return false;
  try {
    (pick as { sortByLabel: boolean }).sortByLabel = false;
    return true;
  } catch {
    return false;
  }
}

function unmatchableLabel(title: string): string {
  return Array.from(title).join('\u2060');
}

function toItem(paper: Paper, buttons: boolean, plainLabel: boolean, terms: readonly string[] = []): PaperPickItem {
  const snippet = terms.length ? matchSnippet(paper.abstract, terms) : null;
  return {
    label: plainLabel ? paper.title : unmatchableLabel(paper.title),
    description: [knownAuthors(paper) ? authorSummary(paper, 2) : '', paper.year, paper.sources.map(sourceLabel).join(', ')].filter(Boolean).join(' · '),
    detail: snippet ? `${paper.key} — ${snippet.text}` : paper.key,
    alwaysShow: true,
    buttons: buttons ? [CITE_BUTTON, BIBTEX_BUTTON, LIKE_BUTTON] : [],
    paper,
  };
}

/**
 * The live paper search: results are ranked by Paper Atlas's own index on every keystroke (VS Code's
 * filter only highlights the typed text in titles), recently used papers rank higher, and an empty
 * query lists recently opened or cited papers first. Resolves with the chosen papers, or undefined
 * when dismissed.
 */
export async function pickPapers(corpus: CorpusService, frecency: FrecencyStore, options: PickOptions = {}): Promise<Paper[] | undefined> {
  const [{ papers }, index] = await Promise.all([corpus.get(), corpus.searchIndex()]);
  const pick = vscode.window.createQuickPick<PaperPickItem>();
  pick.title = options.title ?? 'Search Papers';
  pick.placeholder = 'Search titles, authors, topics… (au:lee year:2024 src:flatiron "phrase" -word)';
  const plainLabel = keepOurOrder(pick);
  // Every item is shown (alwaysShow) in our order; VS Code's matching only highlights the typed text.
  pick.matchOnDescription = plainLabel;
  pick.matchOnDetail = plainLabel;
  pick.canSelectMany = options.canSelectMany ?? false;
  const showButtons = options.buttons ?? !pick.canSelectMany;

  const emptyQueryItems = (): PaperPickItem[] => {
    const recent = frecency.recent().map((id) => corpus.paperById(id)).filter((p): p is Paper => p !== undefined);
    const recentIds = new Set(recent.map((p) => p.id));
    const rest = papers.filter((p) => !recentIds.has(p.id)).sort((a, b) => compareStrings(b.date ?? '', a.date ?? '')); // ISO dates: code-unit order, no ICU collator to start up
    const items: Array<PaperPickItem | vscode.QuickPickItem> = [];
    if (recent.length) items.push({ label: 'recently opened or cited', kind: vscode.QuickPickItemKind.Separator }, ...recent.slice(0, 10).map((p) => toItem(p, showButtons, plainLabel)));
    items.push({ label: 'newest first', kind: vscode.QuickPickItemKind.Separator }, ...rest.slice(0, MAX_ITEMS).map((p) => toItem(p, showButtons, plainLabel)));
    return items as PaperPickItem[];
  };

  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (value: string) => {
    const mine = ++generation;
    const run = () => {
      if (mine !== generation) return; // a newer keystroke superseded this one
      if (isEmptyQuery(value)) {
        pick.items = emptyQueryItems();
        return;
      }
      const hits = index.search(value, { limit: MAX_ITEMS, boosts: frecency.boosts() });
      const items = hits.flatMap((h) => {
        const paper = corpus.paperById(h.id);
        return paper ? [toItem(paper, showButtons, plainLabel, h.terms)] : [];
      });
      pick.items = items.length > 0 ? items : [noMatchItem(value) as PaperPickItem];
    };
    clearTimeout(timer);
    if (papers.length > DEBOUNCE_ABOVE && !isEmptyQuery(value)) timer = setTimeout(run, 60);
    else run();
  };

  const result = await new Promise<Paper[] | undefined>((resolve) => {
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      // Enter with nothing ticked takes the highlighted paper; in a multi-select pick VS Code
      // highlights nothing until an arrow key is pressed, so then the first result is meant. A
      // highlight from an earlier list (Enter pressed before the new results reached the screen)
      // is not what the writer sees answering the query: the first result is.
      const current = new Set<vscode.QuickPickItem>(pick.items);
      const firstPaper = pick.items.find((i) => i.paper !== undefined);
      const active = pick.activeItems.filter((i) => current.has(i) && i.paper !== undefined);
      const highlighted = active.length > 0 ? active.slice(0, 1) : firstPaper ? [firstPaper] : [];
      const ticked = pick.selectedItems.filter((i) => i.paper !== undefined);
      const chosen = pick.canSelectMany && ticked.length > 0 ? ticked : highlighted;
      // Nothing to take (no results): keep the pick open for another query.
      if (chosen.length === 0) return;
      resolve(chosen.map((i) => i.paper));
      pick.hide();
    });
    pick.onDidTriggerItemButton(async ({ button, item }) => {
      if (button === LIKE_BUTTON) {
        pick.value = significantWords(item.paper.title).slice(0, 6).join(' ');
        update(pick.value);
        return;
      }
      const command = button === CITE_BUTTON ? 'paperAtlas.insertCitation' : 'paperAtlas.copyBibtex';
      const known = await vscode.commands.getCommands(true);
      if (!known.includes(command)) {
        void vscode.window.showInformationMessage(`${button.tooltip} is not available in this version of Paper Atlas.`);
        return;
      }
      if (button === CITE_BUTTON) pick.hide();
      await vscode.commands.executeCommand(command, item.paper.id);
    });
    pick.onDidHide(() => resolve(undefined));
    pick.value = options.value ?? '';
    update(pick.value);
    pick.show();
  });
  clearTimeout(timer);
  pick.dispose();
  return result;
}

/** "Paper Atlas: Search Papers": pick a paper and open it in the abstract view. Resolves with its id. */
export async function searchPapers(corpus: CorpusService, frecency: FrecencyStore, value?: string): Promise<string | undefined> {
  const picked = await pickPapers(corpus, frecency, { value });
  const paper = picked?.[0];
  if (!paper) return undefined;
  await vscode.commands.executeCommand('paperAtlas.openPaper', paper.id);
  return paper.id;
}
