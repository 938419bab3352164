// The client's settings, read per resource. Server-side settings are read by the server.
import * as vscode from 'vscode';

export interface GateSpec {
  label: string;
  command: string;
}

/** `reviewSnapshot.gates`: strings or `{label, command}`; undefined when not set. */
export function configuredGates(scope: vscode.Uri | undefined): GateSpec[] | undefined {
  const raw = vscode.workspace.getConfiguration('reviewSnapshot', scope).get<unknown[]>('gates');
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const out: GateSpec[] = [];
  for (const g of raw) {
    if (typeof g === 'string' && g.trim()) out.push({ label: g.trim(), command: g.trim() });
    else if (g && typeof g === 'object' && typeof (g as GateSpec).command === 'string' && (g as GateSpec).command.trim()) {
      const c = (g as GateSpec).command.trim();
      const l = typeof (g as GateSpec).label === 'string' && (g as GateSpec).label.trim() ? (g as GateSpec).label.trim() : c;
      out.push({ label: l, command: c });
    }
  }
  return out.length ? out : undefined;
}
