import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secureDataDir } from './data-dir.js';

describe('the data folder', () => {
  const parents: string[] = [];
  const parent = () => {
    const path = mkdtempSync(join(tmpdir(), 'gatewayz-data-'));
    parents.push(path);
    return path;
  };
  afterEach(() => parents.splice(0).forEach((path) => rmSync(path, { recursive: true, force: true })));
  const modeOf = (path: string) => statSync(path).mode & 0o777;

  it('is created 0700, silently', () => {
    const dataDir = join(parent(), 'data');
    const lines: string[] = [];
    secureDataDir(dataDir, (line) => lines.push(line));
    expect(modeOf(dataDir)).toBe(0o700);
    expect(lines).toEqual([]);
  });

  it('is narrowed to 0700 when it exists with wider permissions, and says so', () => {
    const dataDir = join(parent(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const lines: string[] = [];
    secureDataDir(dataDir, (line) => lines.push(line));
    expect(modeOf(dataDir)).toBe(0o700);
    expect(lines).toEqual([expect.stringMatching(/was mode 0755; changed it to 0700/)]);
  });
});
