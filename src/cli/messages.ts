/** What the CLI writes to standard error about the inputs: malformed records and damage. */
import type { AnalyzeHooks } from '../analyze.js';
import type { Malformed } from '../model.js';
import { escapeTerminal } from '../render/escape-terminal.js';
import type { ReportInput } from '../report.js';
import type { ProgressLine } from './progress.js';

/** Malformed records shown in full before the rest are only counted. */
const MALFORMED_SHOWN = 10;

export class InputMessages {
  private malformedSeen = 0;

  constructor(private readonly write: (text: string) => void) {}

  malformed(problem: Malformed): void {
    this.malformedSeen++;
    if (this.malformedSeen <= MALFORMED_SHOWN) {
      this.write(`aamlog: ${escapeTerminal(problem.source.file)}:${problem.source.line}: malformed record: ${escapeTerminal(problem.reason)}\n`);
    }
  }

  /** An input's damage, and the notes that warn (the others, e.g. 'gzip-compressed', are for the report). */
  inputDone(summary: ReportInput): void {
    const shown = [...summary.errors, ...summary.notes.filter((note) => note.startsWith('warning: '))];
    for (const text of shown) this.write(`aamlog: ${escapeTerminal(summary.path)}: ${escapeTerminal(text)}\n`);
  }

  /** The closing line about what was not shown. */
  finish(): void {
    if (this.malformedSeen > MALFORMED_SHOWN) {
      this.write(`aamlog: ${this.malformedSeen - MALFORMED_SHOWN} more malformed record(s) not shown (${this.malformedSeen} in all)\n`);
    }
  }
}

/** The analysis hooks that tell the user about the inputs: messages, and the progress line when one is drawn. */
export function inputReporting(
  messages: InputMessages,
  progress: ProgressLine | null,
): Pick<AnalyzeHooks, 'onMalformed' | 'onInputStart' | 'onInputDone' | 'onBytes'> {
  return {
    onMalformed: (problem) => messages.malformed(problem),
    onInputStart: (_path, _index, total) => progress?.fileStarted(total),
    onInputDone: (summary) => {
      progress?.fileDone();
      messages.inputDone(summary);
    },
    onBytes: progress ? (bytes) => progress.addBytes(bytes) : undefined,
  };
}
