// What the person is composing for the next step: the rewrite, the issues found, the summary and the approval. A view
// over the selected task's workspace in the page state: reading is reactive, every write is a page event.
import { SEVERITIES, type Action, type Suggestion } from '../../env/types.ts';
import { emptyDraft, type DraftFields, type PageEvent } from './page-state.ts';

/** An issue as typed into the form; numbers stay numbers, text is trimmed on submit. */
export type IssueDraft = Suggestion;

export { SEVERITIES };

/** The draft of the next action; its fields bind like `$state` (editor, form) but change the page state through events. */
export class Draft {
  constructor(
    private readonly read: () => DraftFields | null,
    private readonly dispatch: (e: PageEvent) => void,
    private readonly task: () => string | null,
  ) {}

  private get fields(): DraftFields {
    return this.read() ?? emptyDraft('');
  }
  private edit(patch: Partial<DraftFields>): void {
    this.dispatch({ type: 'edit', patch });
  }

  get sql(): string {
    return this.fields.sql;
  }
  set sql(v: string) {
    this.edit({ sql: v });
  }
  get issues(): IssueDraft[] {
    return this.fields.issues;
  }
  get summary(): string {
    return this.fields.summary;
  }
  set summary(v: string) {
    this.edit({ summary: v });
  }
  get estimate(): string {
    return this.fields.estimate;
  }
  set estimate(v: string) {
    this.edit({ estimate: v });
  }
  get approved(): boolean {
    return this.fields.approved;
  }
  set approved(v: boolean) {
    this.edit({ approved: v });
  }

  /** Starts over from a text (the task's original query). */
  load(sql: string): void {
    const task_id = this.task();
    if (task_id) this.dispatch({ type: 'load-draft', task_id, sql });
  }

  addIssue(issue: IssueDraft): void {
    this.edit({ issues: [...this.issues, issue] });
  }

  removeIssue(index: number): void {
    this.edit({ issues: this.issues.filter((_, i) => i !== index) });
  }

  /** The action the environment receives; plain objects only, because it crosses postMessage. */
  toAction(): Action {
    const d = this.fields;
    return {
      suggestions: d.issues.map((s) => ({
        issue_type: s.issue_type.trim(),
        line: Math.max(1, Math.round(Number(s.line) || 1)),
        description: s.description.trim(),
        severity: s.severity,
        fix: s.fix.trim(),
      })),
      optimized_query: d.sql,
      summary: d.summary.trim(),
      estimated_improvement: d.estimate.trim(),
      approved: d.approved,
    };
  }
}
