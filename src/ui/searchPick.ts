import * as vscode from 'vscode';
import type { Paper } from '../core/paper';
import { authorSummary, sourceLabel } from '../core/paperText';
import type { CorpusService } from './corpus';

interface PaperPickItem extends vscode.QuickPickItem {
  paper: Paper;
}

/**
 * "Paper Atlas: Search Papers": a quick pick over every paper; Enter opens the paper. Resolves with
 * the picked paper, or undefined when dismissed.
 */
export async function searchPapers(corpus: CorpusService): Promise<Paper | undefined> {
  const { papers } = await corpus.get();
  const pick = vscode.window.createQuickPick<PaperPickItem>();
  pick.title = 'Search Papers';
  pick.placeholder = 'Type words of a title, an author, a topic…';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = papers.map((paper) => ({
    label: paper.title,
    description: [authorSummary(paper, 2), paper.year].filter(Boolean).join(' · '),
    detail: paper.sources.map(sourceLabel).join(', '),
    paper,
  }));
  const picked = await new Promise<Paper | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.paper);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (picked) await vscode.commands.executeCommand('paperAtlas.openPaper', picked.id);
  return picked;
}
