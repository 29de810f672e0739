import { describe, expect, it } from 'vitest';
import type { GridNode } from '../../src/shared/grids';
import { indexTree, visibleRows, ancestors } from '../../src/renderer/src/pages/grids/tree-model';
import { resolveAppPath, CSP, DEV_CSP, isTrustedPageUrl, secureWebPreferences } from '../../src/main/security';
import path from 'node:path';

function node(id: number, parentId: number | null, level: 1 | 2 | 3 | 4, name: string, code: string): GridNode {
  return {
    id,
    parentId,
    level,
    name,
    code,
    kind: null,
    divisionCode: null,
    childCount: 0,
    descendants: [0, 0, 0, 0],
    households: 0,
    workers: [],
  };
}

const nodes = [
  node(1, null, 1, '温水镇', '11'),
  node(2, 1, 2, '田家河村', '1114'),
  node(3, 2, 3, '十四组', '111401'),
  node(4, 3, 4, '十四组第1网格', '11140101'),
  node(5, 1, 2, '石桥村', '1115'),
];

describe('tree model', () => {
  const index = indexTree(nodes);

  it('shows roots and only the children of open nodes', () => {
    expect(visibleRows(index, new Set(), '').map((r) => r.node.id)).toEqual([1]);
    expect(visibleRows(index, new Set([1]), '').map((r) => r.node.id)).toEqual([1, 2, 5]);
    expect(visibleRows(index, new Set([1, 2, 3]), '').map((r) => [r.node.id, r.depth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 1],
    ]);
  });

  it('search by name or code shows matches with their ancestors', () => {
    const byName = visibleRows(index, new Set(), '十四组第1');
    expect(byName.map((r) => r.node.id)).toEqual([1, 2, 3, 4]);
    expect(byName.filter((r) => r.match).map((r) => r.node.id)).toEqual([4]);
    expect(visibleRows(index, new Set(), '1115').map((r) => r.node.id)).toEqual([1, 5]);
    expect(visibleRows(index, new Set(), '不存在')).toEqual([]);
    expect(ancestors(index, 4).map((a) => a.id)).toEqual([1, 2, 3]);
  });
});

describe('app:// protocol paths', () => {
  const root = path.resolve('/app/out/renderer');
  it('serves files inside the renderer folder only', () => {
    expect(resolveAppPath(root, '/', path.sep, path.join)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/index.js', path.sep, path.join)).toBe(path.join(root, 'assets/index.js'));
    expect(resolveAppPath(root, '/../../etc/passwd', path.sep, path.join)).toBeNull();
    expect(resolveAppPath(root, '/%2e%2e/%2e%2e/etc/passwd', path.sep, path.join)).toBeNull();
    expect(resolveAppPath(root, '/%E0%A4%A', path.sep, path.join)).toBeNull();
  });

  it('has a CSP without inline or remote scripts', () => {
    const script = CSP.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).not.toMatch(/https?:/);
  });
});

describe('window security', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });

  it('trusts only the app origin, and the dev server only in development', () => {
    expect(isTrustedPageUrl('app://griddesk/index.html', undefined)).toBe(true);
    expect(isTrustedPageUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isTrustedPageUrl('https://example.com/', undefined)).toBe(false);
    expect(isTrustedPageUrl('http://localhost:5173/index.html', undefined)).toBe(false);
    expect(isTrustedPageUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isTrustedPageUrl('http://localhost:5173.evil.com/', 'http://localhost:5173')).toBe(false);
  });

  it('relaxes scripts only in the dev CSP', () => {
    expect(DEV_CSP).toContain("script-src 'self' 'unsafe-inline'");
    expect(CSP).not.toContain("unsafe-inline'; connect");
    expect(CSP).toContain("script-src 'self';");
  });
});
