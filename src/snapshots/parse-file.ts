/**
 * Reads a snapshot file's text into plain data, JSON or YAML by its extension, refusing
 * what a hostile or broken file can do: duplicate keys, unbounded nesting, alias bombs,
 * tags that build anything but data.
 */
import { parseDocument } from 'yaml';
import { checkJsonText } from './json-check.js';

export type ParsedText = { value: unknown } | { problems: string[] };

/** Each YAML alias expands its anchor; 100 is far above what a snapshot needs. */
const MAX_YAML_ALIASES = 100;

export function parseSnapshotText(text: string, format: 'json' | 'yaml'): ParsedText {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return format === 'json' ? parseJson(body) : parseYaml(body);
}

function parseJson(text: string): ParsedText {
  const problems = checkJsonText(text);
  if (problems.length > 0) {
    return { problems: problems.map((p) => `line ${p.line}, column ${p.column}: invalid JSON: ${p.message}`) };
  }
  return { value: JSON.parse(text) };
}

function parseYaml(text: string): ParsedText {
  const doc = parseDocument(text, { uniqueKeys: true, schema: 'core', prettyErrors: true });
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  const errors = exhausted ? [exhausted] : doc.errors;
  const problems = [...errors, ...doc.warnings].map((e) => {
    const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : '';
    const what = e.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply' : e.message.replace(/ at line \d+, column \d+.*$/s, '');
    return `${where}invalid YAML: ${what}`;
  });
  if (problems.length > 0) return { problems };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return { problems: [`invalid YAML: its aliases expand to too much data (more than ${MAX_YAML_ALIASES} uses of an anchor's content)`] };
    }
    if (error instanceof RangeError) return { problems: ['invalid YAML: nested too deeply'] };
    throw error;
  }
}
