// What the person is composing for the next step: the rewrite, the issues found, the summary and the approval.
import { SEVERITIES, type Action, type Suggestion } from '../../env/types.ts';

/** An issue as typed into the form; numbers stay numbers, text is trimmed on submit. */
export type IssueDraft = Suggestion;

export { SEVERITIES };

/** The draft of the next action; `$state` so the editor and the form share it. */
export class Draft {
  sql = $state('');
  issues = $state<IssueDraft[]>([]);
  summary = $state('');
  estimate = $state('');
  approved = $state(false);

  /** Starts over from a task's original query. */
  load(sql: string): void {
    this.sql = sql;
    this.issues = [];
    this.summary = '';
    this.estimate = '';
    this.approved = false;
  }

  /** Takes over an action someone else submitted (the Agent panel's model), to go on from it. */
  loadAction(a: Action): void {
    this.sql = a.optimized_query;
    this.issues = a.suggestions.map((s) => ({ ...s }));
    this.summary = a.summary;
    this.estimate = a.estimated_improvement;
    this.approved = a.approved;
  }

  addIssue(issue: IssueDraft): void {
    this.issues = [...this.issues, issue];
  }

  removeIssue(index: number): void {
    this.issues = this.issues.filter((_, i) => i !== index);
  }

  /** The action the environment receives; plain objects only, because it crosses postMessage. */
  toAction(): Action {
    return {
      suggestions: this.issues.map((s) => ({
        issue_type: s.issue_type.trim(),
        line: Math.max(1, Math.round(Number(s.line) || 1)),
        description: s.description.trim(),
        severity: s.severity,
        fix: s.fix.trim(),
      })),
      optimized_query: this.sql,
      summary: this.summary.trim(),
      estimated_improvement: this.estimate.trim(),
      approved: this.approved,
    };
  }
}
