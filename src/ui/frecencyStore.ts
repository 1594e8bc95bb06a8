import type * as vscode from 'vscode';
import { Frecency, type FrecencyState } from '../core/frecency';

const STATE_KEY = 'paperAtlas.frecency';

/** Frecency kept in the extension's global state, so it survives restarts and follows the user. */
export class FrecencyStore {
  private readonly frecency: Frecency;

  constructor(private readonly memento: vscode.Memento) {
    this.frecency = new Frecency(memento.get<FrecencyState>(STATE_KEY));
  }

  /** Records that a paper was opened or cited. */
  async recordUse(id: string): Promise<void> {
    this.frecency.record(id, Date.now());
    await this.memento.update(STATE_KEY, this.frecency.toState());
  }

  /** Search boosts of the papers used so far. */
  boosts(): Map<string, number> {
    return this.frecency.boosts(Date.now());
  }

  /** Ids of recently and often used papers, strongest first. */
  recent(): string[] {
    return this.frecency.ranked(Date.now());
  }
}
