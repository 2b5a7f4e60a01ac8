/**
 * The nightly job's settings: a JSON config file, with command-line flags of the same
 * meaning winning over it. Paths in the file are relative to the file's folder, so
 * /etc/aamlog/aamlog.json can name its neighbours without knowing cron's working folder.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { AamlogError, describeSystemError } from '../errors.js';

export const DEFAULT_RETAIN_DAYS = 30;

const configSchema = z.strictObject({
  inputs: z.array(z.string().min(1)).min(1).optional(),
  snapshots: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  retainDays: z.number().int().min(1).max(3650).optional(),
});

export type NightlyConfig = z.infer<typeof configSchema>;

export interface NightlySettings {
  /** Paths and glob patterns. */
  inputs: string[];
  snapshots: string | null;
  out: string;
  state: string;
  timezone: string;
  retainDays: number;
}

/** The example `aamlog nightly --init` writes (and samples/nightly/aamlog.json holds). */
export const EXAMPLE_CONFIG: Required<NightlyConfig> = {
  inputs: ['/var/log/rsa-am/*.log*', '/srv/am-exports/*.csv'],
  snapshots: '/etc/aamlog/snapshots',
  out: '/var/lib/aamlog/reports',
  state: '/var/lib/aamlog/state.json',
  timezone: 'Europe/Berlin',
  retainDays: DEFAULT_RETAIN_DAYS,
};

export function exampleConfigText(): string {
  return `${JSON.stringify(EXAMPLE_CONFIG, null, 2)}\n`;
}

export async function loadConfig(path: string): Promise<NightlyConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AamlogError(`config ${path}: ${describeSystemError(error)}`);
  }
  return parseConfig(text, path);
}

/** Validates a config file's text; a problem names the key that is wrong. */
export function parseConfig(text: string, path: string): NightlyConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AamlogError(`config ${path}: not valid JSON: ${(error as Error).message}`);
  }
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const where = issue.path.length > 0 ? issue.path.join('.') : keys.join(', ');
      return issue.code === 'unrecognized_keys'
        ? `${where}: unknown key (known: ${Object.keys(configSchema.shape).join(', ')})`
        : `${where || '(top level)'}: ${issue.message}`;
    });
    throw new AamlogError(`config ${path}: ${problems.join('; ')}`);
  }
  const config = result.data;
  const base = dirname(path);
  const near = (p: string | undefined) => (p === undefined || isAbsolute(p) ? p : join(base, p));
  return {
    ...config,
    inputs: config.inputs?.map((p) => near(p)!),
    snapshots: near(config.snapshots),
    out: near(config.out),
    state: near(config.state),
  };
}

/** Flags win over the config; what neither gives is a usage error naming both. */
export function settingsFrom(config: NightlyConfig, flags: NightlyConfig, machineZone: string): NightlySettings {
  const pick = <K extends keyof NightlyConfig>(key: K) => flags[key] ?? config[key];
  const inputs = flags.inputs && flags.inputs.length > 0 ? flags.inputs : config.inputs;
  const required = (value: string | undefined, key: string, flag: string) => {
    if (value === undefined) throw new AamlogError(`nightly: no ${key} given: set "${key}" in the config or pass ${flag}`);
    return value;
  };
  if (!inputs || inputs.length === 0) {
    throw new AamlogError('nightly: no inputs given: set "inputs" in the config or name them as arguments');
  }
  return {
    inputs,
    snapshots: pick('snapshots') ?? null,
    out: required(pick('out'), 'out', '--out DIR'),
    state: required(pick('state'), 'state', '--state FILE'),
    timezone: pick('timezone') ?? machineZone,
    retainDays: pick('retainDays') ?? DEFAULT_RETAIN_DAYS,
  };
}
